package org.biotdm.chaincode.support;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Computes SHA-256 digests as lower-case hex, the form every hash field of the chaincode uses.
 */
public final class Hashes {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Hashes() {}

    /**
     * Hashes bytes with SHA-256.
     *
     * @param data the input
     * @return 64 lower-case hex digits
     */
    public static String sha256Hex(final byte[] data) {
        try {
            final byte[] digest = MessageDigest.getInstance("SHA-256").digest(data);
            final char[] out = new char[digest.length * 2];
            for (int i = 0; i < digest.length; i++) {
                out[2 * i] = HEX[(digest[i] >> 4) & 0xf];
                out[2 * i + 1] = HEX[digest[i] & 0xf];
            }
            return new String(out);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK provides SHA-256", e);
        }
    }
}
