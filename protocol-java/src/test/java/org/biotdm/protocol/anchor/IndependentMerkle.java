package org.biotdm.protocol.anchor;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * A deliberately separate implementation of the anchoring hashes for tests: RFC 6962 §2.1's recursive Merkle Tree
 * Hash (split at the largest power of two below n) and a proof checker that folds {side, hash} steps without
 * knowing the tree's shape. It shares no code with {@link MerkleTree}.
 */
public final class IndependentMerkle {
    private static final HexFormat HEX = HexFormat.of();

    private IndependentMerkle() {}

    public static byte[] sha256(byte[]... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (byte[] part : parts) {
                digest.update(part);
            }
            return digest.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** RFC 6962 MTH over raw leaf data. */
    public static byte[] rootOfData(List<byte[]> data) {
        int n = data.size();
        if (n == 0) {
            return sha256();
        }
        if (n == 1) {
            return sha256(new byte[] {0}, data.get(0));
        }
        int k = Integer.highestOneBit(n - 1);
        return sha256(new byte[] {1}, rootOfData(data.subList(0, k)), rootOfData(data.subList(k, n)));
    }

    /** Folds proof steps given as ("L"|"R", hex) pairs into a leaf hash. */
    public static String fold(byte[] leafHash, List<MerkleProof.Step> steps) {
        byte[] current = leafHash;
        for (MerkleProof.Step step : steps) {
            byte[] sibling = HEX.parseHex(step.hash());
            current = "L".equals(step.side().name())
                    ? sha256(new byte[] {1}, sibling, current)
                    : sha256(new byte[] {1}, current, sibling);
        }
        return HEX.formatHex(current);
    }

    /** Folds proof steps given as parallel lists of sides ("L" or "R") and hex hashes into a leaf hash. */
    public static String fold(byte[] leafHash, List<String> sides, List<String> hashes) {
        byte[] current = leafHash;
        for (int i = 0; i < sides.size(); i++) {
            byte[] sibling = HEX.parseHex(hashes.get(i));
            current = "L".equals(sides.get(i))
                    ? sha256(new byte[] {1}, sibling, current)
                    : sha256(new byte[] {1}, current, sibling);
        }
        return HEX.formatHex(current);
    }

    /** The leaf encoding written out field by field, as the README tells an auditor to. */
    public static byte[] leafBytes(
            String device, long seq, String sensor, long ts, String kind, String value, String unit) {
        StringBuilder text = new StringBuilder("biotdm-leaf-v1");
        text.append(field(device))
                .append('|')
                .append(seq)
                .append(field(sensor))
                .append('|')
                .append(ts);
        text.append(field(kind)).append(field(value)).append(unit == null ? "|-" : field(unit));
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String field(String value) {
        return "|" + value.getBytes(StandardCharsets.UTF_8).length + ":" + value;
    }

    public static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }
}
