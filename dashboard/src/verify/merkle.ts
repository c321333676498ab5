/**
 * The dashboard's one implementation of `biotdm-leaf-v1` and `biotdm-merkle-sha256-v1` (protocol/leaf-v1.md; RFC 6962
 * §2.1, RFC 9162 §2.1.3), so an auditor's browser checks a reading's inclusion proof itself rather than trusting the
 * gateway's `verified` flag. Tested against protocol/vectors/leaf-v1.json.
 */
import { fromHex, sha256, toHex } from '../common/digest';

/** A reading as it was signed: the fields of its leaf. */
export interface LeafReading {
  deviceId: string;
  batchSeq: number;
  sensor: string;
  ts: number;
  kind: string;
  valueText: string;
  unit?: string | null;
}

/** One step of an audit path: the sibling's hash and on which side it sits. */
export interface ProofStep {
  side: string;
  hash: string;
}

/** What an inclusion proof claims: the leaf at `leafIndex` of `leafCount` folds with `steps` to `root`. */
export interface InclusionProof {
  leafHash: string;
  leafIndex: number;
  leafCount: number;
  steps: readonly ProofStep[];
  root: string;
}

const HASH = /^[0-9a-f]{64}$/;

function text(value: string): string {
  return `${new TextEncoder().encode(value).length}:${value}`;
}

/** The leaf text: `biotdm-leaf-v1|<deviceId>|<batchSeq>|<sensor>|<ts>|<kind>|<valueText>|<unit>`, texts length-prefixed. */
export function encodeLeaf(r: LeafReading): string {
  const unit = r.unit === null || r.unit === undefined ? '-' : text(r.unit);
  return ['biotdm-leaf-v1', text(r.deviceId), r.batchSeq, text(r.sensor), r.ts, text(r.kind), text(r.valueText), unit].join('|');
}

/** SHA-256(0x00 ‖ leaf bytes), lower-case hex. */
export async function leafHash(leaf: string | Uint8Array): Promise<string> {
  const bytes = typeof leaf === 'string' ? new TextEncoder().encode(leaf) : leaf;
  return toHex(await sha256(concat(Uint8Array.of(0), bytes)));
}

/** SHA-256(0x01 ‖ left ‖ right) of two hex hashes, lower-case hex. */
export async function nodeHash(left: string, right: string): Promise<string> {
  return toHex(await sha256(concat(Uint8Array.of(1), fromHex(left), fromHex(right))));
}

/** The root of leaf hashes in order; SHA-256 of nothing for none. An odd last node is promoted, never doubled. */
export async function merkleRoot(leafHashes: readonly string[]): Promise<string> {
  if (leafHashes.length === 0) {
    return toHex(await sha256(new Uint8Array()));
  }
  let level = [...leafHashes];
  while (level.length > 1) {
    const next: string[] = [];
    for (let i = 0; i < level.length; i += 2) {
      next.push(i + 1 < level.length ? await nodeHash(level[i]!, level[i + 1]!) : level[i]!);
    }
    level = next;
  }
  return level[0]!;
}

/** The sides an audit path must have for a position: `L` at odd positions, `R` at even ones with a right sibling. */
export function expectedSides(leafIndex: number, leafCount: number): string[] {
  const sides: string[] = [];
  for (let i = leafIndex, w = leafCount; w > 1; i = Math.floor(i / 2), w = Math.ceil(w / 2)) {
    if (i % 2 === 1) {
      sides.push('L');
    } else if (i + 1 < w) {
      sides.push('R');
    }
  }
  return sides;
}

/**
 * Checks an inclusion proof: index in range, every hash 64 lower-case hex digits, the steps exactly the sides the
 * position needs, and the fold from the leaf hash equal to the root.
 *
 * @returns null when valid, otherwise why not
 */
export async function checkProof(proof: InclusionProof): Promise<string | null> {
  const { leafHash: start, leafIndex, leafCount, steps, root } = proof;
  if (!(Number.isInteger(leafIndex) && leafIndex >= 0 && leafIndex < leafCount)) {
    return `leaf index ${leafIndex} is outside 0..${leafCount - 1}`;
  }
  if (![start, root, ...steps.map((s) => s.hash)].every((h) => HASH.test(h))) {
    return 'a hash is not 64 lower-case hex digits';
  }
  const sides = expectedSides(leafIndex, leafCount);
  if (steps.length !== sides.length || steps.some((s, i) => s.side !== sides[i])) {
    return `the path's sides ${steps.map((s) => s.side).join('') || '(none)'} do not fit leaf ${leafIndex} of ${leafCount} (${sides.join('') || 'none'} expected)`;
  }
  let current = start;
  for (const step of steps) {
    current = step.side === 'L' ? await nodeHash(step.hash, current) : await nodeHash(current, step.hash);
  }
  return current === root ? null : `the path folds to ${current}, not to the root ${root}`;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
