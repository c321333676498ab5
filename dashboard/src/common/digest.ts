/**
 * SHA-256 and random tokens through the browser's Web Crypto API (W3C Web Cryptography API; `crypto.subtle` exists
 * only in a secure context: HTTPS, or http://localhost and http://127.0.0.1).
 */

/** Lower-case hex of bytes. */
export function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Decodes lower- or upper-case hex.
 *
 * @throws Error when the text is not an even number of hex digits
 */
export function fromHex(hex: string): Uint8Array {
  if (!/^([0-9a-fA-F]{2})*$/.test(hex)) {
    throw new Error('Not hex: an even number of the digits 0-9, a-f is expected');
  }
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++) {
    bytes[i] = Number.parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  }
  return bytes;
}

/**
 * SHA-256 (FIPS 180-4) of bytes, or of a text's UTF-8 bytes.
 *
 * @throws Error when the page is not in a secure context, where browsers offer no `crypto.subtle`
 */
export async function sha256(data: Uint8Array | string): Promise<Uint8Array> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) {
    throw new Error('This browser offers no SHA-256 here: open the dashboard over HTTPS or on localhost');
  }
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  return new Uint8Array(await subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
}

/** SHA-256 as 64 lower-case hex digits. */
export async function sha256Hex(data: Uint8Array | string): Promise<string> {
  return toHex(await sha256(data));
}

/** A random token of `bytes` bytes (default 32) in unpadded base64url (RFC 4648 §5), as the gateway makes them. */
export function randomToken(bytes = 32): string {
  const random = crypto.getRandomValues(new Uint8Array(bytes));
  return btoa(String.fromCharCode(...random))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}
