package org.biotdm.chaincode.it;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 in the chaincode's notation: 64 lower-case hex digits. */
final class Digests {
    private Digests() {}

    static String sha256Hex(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256Hex(String text) {
        return sha256Hex(text.getBytes(UTF_8));
    }
}
