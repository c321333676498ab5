package org.biotdm.devnet.crypto;

import java.math.BigInteger;

/**
 * Encodes and strictly decodes the DER {@code ECDSA-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER }} of RFC 3279
 * §2.2.3, by hand because a general ASN.1 parser allocates far more than a signature check can afford.
 */
final class DerSignature {
    /** Half the order of NIST P-256, the bound of Fabric's low-S rule ({@code bccsp/utils/ecdsa.go}). */
    static final BigInteger P256_HALF_ORDER =
            new BigInteger("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551", 16).shiftRight(1);

    private static final int SEQUENCE = 0x30;
    private static final int INTEGER = 0x02;
    /** r and s of a 256-bit curve take at most 33 bytes each, so every length fits DER's one-byte short form. */
    private static final int MAX_SHORT_LENGTH = 0x7f;

    private DerSignature() {}

    static byte[] encode(BigInteger r, BigInteger s) {
        byte[] rBytes = r.toByteArray();
        byte[] sBytes = s.toByteArray();
        int bodyLength = 2 + rBytes.length + 2 + sBytes.length;
        byte[] out = new byte[2 + bodyLength];
        out[0] = SEQUENCE;
        out[1] = (byte) bodyLength;
        int at = writeInteger(out, 2, rBytes);
        writeInteger(out, at, sBytes);
        return out;
    }

    private static int writeInteger(byte[] out, int at, byte[] value) {
        out[at] = INTEGER;
        out[at + 1] = (byte) value.length;
        System.arraycopy(value, 0, out, at + 2, value.length);
        return at + 2 + value.length;
    }

    /**
     * Decodes a signature, rejecting anything that is not minimal DER with two positive integers and nothing after.
     *
     * @return {@code {r, s}}, or null when the bytes are not a well-formed signature
     */
    static BigInteger[] decode(byte[] der) {
        if (der == null || der.length < 8 || (der[0] & 0xff) != SEQUENCE || der[1] != der.length - 2) {
            return null;
        }
        BigInteger r = readInteger(der, 2);
        if (r == null) {
            return null;
        }
        int sAt = 2 + 2 + der[3];
        BigInteger s = readInteger(der, sAt);
        if (s == null || sAt + 2 + der[sAt + 1] != der.length) {
            return null;
        }
        return new BigInteger[] {r, s};
    }

    private static BigInteger readInteger(byte[] der, int at) {
        if (at + 2 > der.length || der[at] != INTEGER) {
            return null;
        }
        int length = der[at + 1];
        int start = at + 2;
        if (length <= 0 || length > MAX_SHORT_LENGTH || start + length > der.length) {
            return null;
        }
        boolean negative = der[start] < 0;
        boolean paddedNeedlessly = length > 1 && der[start] == 0 && der[start + 1] >= 0;
        if (negative || paddedNeedlessly) {
            return null;
        }
        BigInteger value = new BigInteger(1, der, start, length);
        return value.signum() > 0 ? value : null;
    }
}
