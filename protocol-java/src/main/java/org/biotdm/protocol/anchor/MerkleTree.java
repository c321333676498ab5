package org.biotdm.protocol.anchor;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * Builds the Merkle tree of one anchoring window and its inclusion proofs (scheme {@value #SCHEME}).
 *
 * <p>The tree is the Merkle Tree Hash of RFC 6962 §2.1 (and RFC 9162 §2.1.1) over SHA-256:
 *
 * <ul>
 *   <li>leaf hash = SHA-256(0x00 ‖ leaf bytes);
 *   <li>node hash = SHA-256(0x01 ‖ left ‖ right);
 *   <li>levels are built bottom-up by pairing nodes 0–1, 2–3, …; an odd last node is <em>promoted</em> unchanged to
 *       the next level, never paired with a copy of itself (the duplication of Bitcoin's tree lets the leaves [a, b,
 *       c] and [a, b, c, c] share a root, CVE-2012-2459). Pairing with promotion gives exactly RFC 6962's tree, whose
 *       recursive definition splits n leaves at the largest power of two below n;
 *   <li>the root of an empty window is SHA-256 of the empty string ({@code e3b0c442…b855}), as in RFC 6962, so an
 *       empty window is anchored too and gaps in the telemetry are provable; its leaf count 0 tells it apart.
 * </ul>
 *
 * <p>Instances are immutable and keep every level (about 2n hashes of 32 bytes); they are not meant to be shared
 * beyond one window's work.
 */
public final class MerkleTree {
    /** Name of the hashing scheme (tree and leaf encoding) recorded with every anchor. */
    public static final String SCHEME = "biotdm-merkle-sha256-v1";

    /** Length of a SHA-256 hash in bytes. */
    public static final int HASH_LENGTH = 32;

    private static final byte LEAF_PREFIX = 0x00;
    private static final byte NODE_PREFIX = 0x01;
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] EMPTY_ROOT = sha256().digest();

    /** levels.get(0) holds the leaf hashes, the last level holds the root alone (or nothing for an empty tree). */
    private final List<byte[][]> levels;

    private MerkleTree(List<byte[][]> levels) {
        this.levels = levels;
    }

    /**
     * Builds the tree over leaf hashes, in order.
     *
     * @param leafHashes the leaf hashes ({@link #leafHash(byte[])}), 32 bytes each; the list is copied
     * @return the tree
     * @throws IllegalArgumentException when a hash is not 32 bytes long
     */
    public static MerkleTree ofLeafHashes(List<byte[]> leafHashes) {
        byte[][] level = new byte[leafHashes.size()][];
        for (int i = 0; i < level.length; i++) {
            level[i] = checkHash(leafHashes.get(i)).clone();
        }
        List<byte[][]> levels = new ArrayList<>();
        levels.add(level);
        MessageDigest digest = sha256();
        while (level.length > 1) {
            level = parentLevel(level, digest);
            levels.add(level);
        }
        return new MerkleTree(levels);
    }

    private static byte[][] parentLevel(byte[][] level, MessageDigest digest) {
        byte[][] parents = new byte[(level.length + 1) / 2][];
        for (int i = 0; i + 1 < level.length; i += 2) {
            parents[i / 2] = nodeHash(digest, level[i], level[i + 1]);
        }
        if (level.length % 2 == 1) {
            parents[parents.length - 1] = level[level.length - 1];
        }
        return parents;
    }

    /**
     * Returns the number of leaves.
     *
     * @return the leaf count, 0 or more
     */
    public int leafCount() {
        return levels.get(0).length;
    }

    /**
     * Returns the root hash.
     *
     * @return a copy of the 32-byte root; SHA-256 of the empty string for a tree without leaves
     */
    public byte[] root() {
        byte[][] top = levels.get(levels.size() - 1);
        return top.length == 0 ? EMPTY_ROOT.clone() : top[0].clone();
    }

    /**
     * Returns the root hash as text.
     *
     * @return 64 lower-case hex digits
     */
    public String rootHex() {
        return HEX.formatHex(root());
    }

    /**
     * Returns the hash of leaf {@code index}.
     *
     * @param index the leaf index, 0-based
     * @return a copy of the 32-byte leaf hash
     * @throws IndexOutOfBoundsException when there is no such leaf
     */
    public byte[] leafHashAt(int index) {
        return levels.get(0)[Objects.checkIndex(index, leafCount())].clone();
    }

    /**
     * Builds the inclusion proof (RFC 9162 §2.1.3 audit path) of leaf {@code index}: the sibling hashes from the leaf
     * up to the root, each with the side it is on; levels where the node is promoted contribute no step.
     *
     * @param index the leaf index, 0-based
     * @return the proof
     * @throws IndexOutOfBoundsException when there is no such leaf
     */
    public MerkleProof proof(int index) {
        Objects.checkIndex(index, leafCount());
        List<MerkleProof.Step> steps = new ArrayList<>();
        int position = index;
        for (int depth = 0; depth < levels.size() - 1; depth++) {
            byte[][] level = levels.get(depth);
            int sibling = position ^ 1;
            if (sibling < level.length) {
                MerkleProof.Side side = sibling < position ? MerkleProof.Side.L : MerkleProof.Side.R;
                steps.add(new MerkleProof.Step(side, HEX.formatHex(level[sibling])));
            }
            position /= 2;
        }
        return new MerkleProof(index, leafCount(), steps);
    }

    /**
     * Checks an inclusion proof: the step sides must be exactly those that leaf {@code proof.leafIndex()} of a tree
     * of {@code proof.leafCount()} leaves has (so the proof also pins the position), and folding the steps into the
     * leaf hash must give the root.
     *
     * @param leafHash the leaf hash, 32 bytes
     * @param proof the proof
     * @param root the expected root, 32 bytes
     * @return whether the proof holds
     */
    public static boolean verify(byte[] leafHash, MerkleProof proof, byte[] root) {
        if (leafHash.length != HASH_LENGTH
                || root.length != HASH_LENGTH
                || proof.leafIndex() < 0
                || proof.leafIndex() >= proof.leafCount()) {
            return false;
        }
        MessageDigest digest = sha256();
        byte[] current = leafHash.clone();
        long position = proof.leafIndex();
        long width = proof.leafCount();
        int next = 0;
        while (width > 1) {
            boolean hasSibling = (position ^ 1) < width;
            if (hasSibling) {
                if (next >= proof.steps().size()) {
                    return false;
                }
                MerkleProof.Step step = proof.steps().get(next++);
                MerkleProof.Side expected = position % 2 == 1 ? MerkleProof.Side.L : MerkleProof.Side.R;
                byte[] sibling = parseHash(step.hash());
                if (step.side() != expected || sibling == null) {
                    return false;
                }
                current = expected == MerkleProof.Side.L
                        ? nodeHash(digest, sibling, current)
                        : nodeHash(digest, current, sibling);
            }
            position /= 2;
            width = (width + 1) / 2;
        }
        return next == proof.steps().size() && MessageDigest.isEqual(current, root);
    }

    /**
     * Hashes a leaf: SHA-256(0x00 ‖ leafBytes).
     *
     * @param leafBytes the canonical leaf bytes ({@link ReadingLeaf#bytes()})
     * @return the 32-byte leaf hash
     */
    public static byte[] leafHash(byte[] leafBytes) {
        MessageDigest digest = sha256();
        digest.update(LEAF_PREFIX);
        return digest.digest(leafBytes);
    }

    /**
     * Hashes an inner node: SHA-256(0x01 ‖ left ‖ right).
     *
     * @param left the left child's hash, 32 bytes
     * @param right the right child's hash, 32 bytes
     * @return the 32-byte node hash
     */
    public static byte[] nodeHash(byte[] left, byte[] right) {
        return nodeHash(sha256(), checkHash(left), checkHash(right));
    }

    /**
     * Returns the root of a window without readings.
     *
     * @return SHA-256 of the empty string, 64 lower-case hex digits
     */
    public static String emptyRootHex() {
        return HEX.formatHex(EMPTY_ROOT);
    }

    private static byte[] nodeHash(MessageDigest digest, byte[] left, byte[] right) {
        digest.update(NODE_PREFIX);
        digest.update(left);
        return digest.digest(right);
    }

    private static byte[] parseHash(String hex) {
        if (hex == null || hex.length() != 2 * HASH_LENGTH) {
            return null;
        }
        try {
            return HEX.parseHex(hex);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static byte[] checkHash(byte[] hash) {
        if (hash.length != HASH_LENGTH) {
            throw new IllegalArgumentException("a hash is 32 bytes, got " + hash.length);
        }
        return hash;
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "MerkleTree[leaves=" + leafCount() + ", root=" + rootHex() + "]";
    }
}
