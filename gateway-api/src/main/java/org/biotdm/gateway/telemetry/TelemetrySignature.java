package org.biotdm.gateway.telemetry;

import java.math.BigInteger;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;

/**
 * Verifies a device's ECDSA signature (FIPS 186-4, P-256) over the SHA-256 digest of a canonical batch, with
 * BouncyCastle's low-level {@link ECDSASigner}: no JCA provider lookup, and the public point's precomputed
 * multiplication table is reused as long as the caller keeps the key parameters.
 *
 * <p>Accepted encodings: the raw 64-byte {@code r||s} (IEEE P1363), or minimal ASN.1 DER {@code ECDSA-Sig-Value ::=
 * SEQUENCE { r INTEGER, s INTEGER }} (RFC 3279 §2.2.3). Both halves of the order are accepted for {@code s}, as the
 * chaincode does for receipts: constrained devices do not normalise, and the batch content hash used for duplicate
 * detection does not include the signature, so malleability gains an attacker nothing.
 */
public final class TelemetrySignature {
    private static final int RAW_LENGTH = 64;
    private static final int HALF = 32;
    private static final int SEQUENCE = 0x30;
    private static final int INTEGER = 0x02;
    /** r and s of a 256-bit curve take at most 33 bytes each, so every length is DER's one-byte short form. */
    private static final int MAX_INTEGER_LENGTH = 33;

    private TelemetrySignature() {}

    /**
     * Checks a signature.
     *
     * @param key the device's P-256 public key
     * @param digest the SHA-256 digest of the canonical encoding
     * @param signature raw {@code r||s} when 64 bytes, otherwise DER
     * @return true when the signature is well-formed and valid for the key and digest; never throws for malformed
     *     input
     */
    public static boolean verify(ECPublicKeyParameters key, byte[] digest, byte[] signature) {
        BigInteger[] rs = decode(signature);
        if (rs == null) {
            return false;
        }
        BigInteger order = key.getParameters().getN();
        if (rs[0].signum() <= 0 || rs[1].signum() <= 0 || rs[0].compareTo(order) >= 0 || rs[1].compareTo(order) >= 0) {
            return false;
        }
        ECDSASigner verifier = new ECDSASigner();
        verifier.init(false, key);
        return verifier.verifySignature(digest, rs[0], rs[1]);
    }

    /**
     * Decodes a signature into {@code r} and {@code s}.
     *
     * @param signature raw or DER bytes
     * @return {@code {r, s}}, or null when the bytes are neither 64 raw bytes nor minimal DER with nothing after
     */
    static BigInteger[] decode(byte[] signature) {
        if (signature == null) {
            return null;
        }
        if (signature.length == RAW_LENGTH) {
            return new BigInteger[] {new BigInteger(1, signature, 0, HALF), new BigInteger(1, signature, HALF, HALF)};
        }
        return decodeDer(signature);
    }

    private static BigInteger[] decodeDer(byte[] der) {
        if (der.length < 8 || (der[0] & 0xff) != SEQUENCE || der[1] != der.length - 2) {
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
        if (length <= 0 || length > MAX_INTEGER_LENGTH || start + length > der.length) {
            return null;
        }
        boolean negative = der[start] < 0;
        boolean paddedNeedlessly = length > 1 && der[start] == 0 && der[start + 1] >= 0;
        if (negative || paddedNeedlessly) {
            return null;
        }
        return new BigInteger(1, der, start, length);
    }
}
