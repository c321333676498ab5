package org.biotdm.gateway.verify;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * The verification of one anchoring window.
 *
 * @param windowId the window's ledger ID
 * @param window the window number
 * @param startTime the window start (gateway receive time), epoch milliseconds, inclusive
 * @param endTime the window end, epoch milliseconds, exclusive
 * @param status {@code MATCH}, {@code MISMATCH}, {@code NOT_ANCHORED} (sealed, anchor not on the ledger yet) or
 *     {@code OPEN} (not sealed yet)
 * @param match whether the root recomputed from the database equals the on-chain root, with the same leaf count,
 *     and every numeric copy agrees with its anchored text; absent unless the ledger holds an anchor
 * @param onChainRoot the root on the ledger, or absent
 * @param recomputedRoot the root recomputed now from all the window's rows in the database
 * @param leafCount the number of rows in the window now
 * @param onChainLeafCount the leaf count on the ledger, or absent
 * @param hashScheme the scheme on the ledger, or absent
 * @param transactionId the transaction that confirmed the anchor, as the gateway recorded it, or absent
 * @param blockNumber its block, or absent
 * @param leafRecordIntact whether the leaf hashes recorded at sealing still rebuild the on-chain root; only then the
 *     changed/missing/extra lists are exact (otherwise the record was tampered with too); absent when not compared
 * @param changed rows whose content differs from what was anchored
 * @param missing anchored rows that are gone from the window
 * @param extra rows in the window that were not anchored
 * @param inconsistent rows whose numeric copy ({@code value_num}) disagrees with the anchored value text
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WindowVerification(
        String windowId,
        long window,
        long startTime,
        long endTime,
        String status,
        @Nullable Boolean match,
        @Nullable String onChainRoot,
        String recomputedRoot,
        long leafCount,
        @Nullable Long onChainLeafCount,
        @Nullable String hashScheme,
        @Nullable String transactionId,
        @Nullable Long blockNumber,
        @Nullable Boolean leafRecordIntact,
        List<ReadingRef> changed,
        List<ReadingRef> missing,
        List<ReadingRef> extra,
        List<ReadingRef> inconsistent) {
    /** The recomputed root and count equal the ledger's. */
    public static final String MATCH = "MATCH";
    /** Something differs from the ledger. */
    public static final String MISMATCH = "MISMATCH";
    /** Sealed, but the ledger has no anchor for it yet. */
    public static final String NOT_ANCHORED = "NOT_ANCHORED";
    /** Not sealed yet. */
    public static final String OPEN = "OPEN";
}
