package org.biotdm.gateway.anchor;

/**
 * A row of {@code anchor_windows}.
 *
 * @param window the window number
 * @param startMs the window start, epoch milliseconds, inclusive
 * @param endMs the window end, epoch milliseconds, exclusive
 * @param status {@code OPEN}, {@code SEALED} or {@code ANCHORED}
 * @param leafCount the number of leaves, null while open
 * @param merkleRoot the root as sealed, 64 hex digits, null while open
 * @param hashScheme the scheme, null while open
 * @param ledgerWindowId the window's ledger ID, null while open
 */
public record WindowRecord(
        long window,
        long startMs,
        long endMs,
        String status,
        Integer leafCount,
        String merkleRoot,
        String hashScheme,
        String ledgerWindowId) {
    /** Status of a window that writers may still join. */
    public static final String OPEN = "OPEN";
    /** Status of a window whose tree is fixed and whose anchor is in the outbox. */
    public static final String SEALED = "SEALED";
    /** Status of a window whose anchor the ledger confirmed. */
    public static final String ANCHORED = "ANCHORED";

    /**
     * Returns whether the window is sealed or anchored.
     *
     * @return whether its tree is fixed
     */
    public boolean isSealed() {
        return !OPEN.equals(status);
    }
}
