package org.biotdm.protocol.anchor;

import java.util.List;
import java.util.Objects;

/**
 * An inclusion proof of one leaf in a window's Merkle tree ({@link MerkleTree}): the sibling hashes from the leaf up
 * to the root. To check it, start with the leaf hash and for each step compute SHA-256(0x01 ‖ hash ‖ current) when
 * the sibling is on the left ({@link Side#L}) or SHA-256(0x01 ‖ current ‖ hash) when it is on the right ({@link
 * Side#R}); the result must equal the anchored root. {@link MerkleTree#verify} also checks that the sides are the
 * ones the leaf's position implies.
 *
 * @param leafIndex the leaf's position in the window, 0-based
 * @param leafCount the number of leaves in the window
 * @param steps the sibling hashes, leaf level first
 */
public record MerkleProof(long leafIndex, long leafCount, List<Step> steps) {

    /**
     * Creates a proof.
     *
     * @param leafIndex the leaf's position in the window, 0-based
     * @param leafCount the number of leaves in the window
     * @param steps the sibling hashes, leaf level first; copied
     */
    public MerkleProof {
        steps = List.copyOf(steps);
    }

    /** Which side of the path a sibling is on. */
    public enum Side {
        /** The sibling is the left child: parent = SHA-256(0x01 ‖ sibling ‖ current). */
        L,
        /** The sibling is the right child: parent = SHA-256(0x01 ‖ current ‖ sibling). */
        R
    }

    /**
     * One step of a proof.
     *
     * @param side the side the sibling is on
     * @param hash the sibling's hash, 64 lower-case hex digits
     */
    public record Step(Side side, String hash) {
        /**
         * Creates a step.
         *
         * @param side the side the sibling is on
         * @param hash the sibling's hash, 64 lower-case hex digits
         */
        public Step {
            Objects.requireNonNull(side, "side");
            Objects.requireNonNull(hash, "hash");
        }
    }
}
