package org.biotdm.gateway.anchor;

/**
 * A row of {@code anchor_outbox}.
 *
 * @param window the window number
 * @param payloadJson the {@code AnchorTelemetry} argument
 * @param status {@code PENDING}, {@code SUBMITTED}, {@code CONFIRMED} or {@code CONFLICT}
 * @param attempts how many submissions were started
 * @param lastError the last failure, or null
 * @param transactionId the confirming transaction's ID, or null
 * @param blockNumber the confirming transaction's block, or null
 */
public record OutboxEntry(
        long window,
        String payloadJson,
        String status,
        int attempts,
        String lastError,
        String transactionId,
        Long blockNumber) {
    /** Written with the sealed window, not yet claimed (or released after a failure). */
    public static final String PENDING = "PENDING";
    /** Claimed by a submitter until its lease ends. */
    public static final String SUBMITTED = "SUBMITTED";
    /** The ledger committed the anchor (or already held the identical one). */
    public static final String CONFIRMED = "CONFIRMED";
    /** The ledger holds a different anchor under the window's ID; needs a person. */
    public static final String CONFLICT = "CONFLICT";
}
