package org.biotdm.gateway.verify;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * The answer of {@code GET /api/v1/readings/{id}/proof}: everything needed to check, without trusting the gateway,
 * that the reading is part of an anchor on the ledger. Check: {@code leafHash = SHA-256(0x00 ‖ base64-decoded
 * leafBytes)}; fold {@code proof} into it (sibling on the left {@code L}: SHA-256(0x01 ‖ sibling ‖ current), on the
 * right {@code R}: SHA-256(0x01 ‖ current ‖ sibling)); the result must equal the {@code merkleRoot} that {@code
 * anchors:GetAnchor(windowId)} returns from the ledger.
 *
 * <p>A caller who may not read the reading's device (an admin or auditor of another organisation) gets no {@code
 * reading}, {@code leafText} or {@code leafBytes}: the rest proves that a leaf hash they were given is in the
 * anchored window, without showing the telemetry.
 *
 * @param readingId the telemetry row ID
 * @param reading the reading's anchored fields, as stored now; absent when the caller may not read the device
 * @param leafText the canonical leaf encoding as text; absent likewise
 * @param leafBytes the canonical leaf bytes, standard base64; absent likewise
 * @param leafHash SHA-256(0x00 ‖ leaf bytes), 64 hex digits
 * @param leafIndex the leaf's index in the window's tree
 * @param leafCount the number of leaves in the window
 * @param proof the sibling hashes, leaf level first
 * @param root the window's root as the ledger holds it, 64 hex digits
 * @param hashScheme the scheme on the ledger
 * @param windowId the window's ledger ID, the argument of {@code GetAnchor}
 * @param window the window number
 * @param startTime the window start, epoch milliseconds, inclusive
 * @param endTime the window end, epoch milliseconds, exclusive
 * @param transactionId the transaction that confirmed the anchor, as the gateway recorded it, or absent
 * @param blockNumber its block, or absent
 * @param verified whether the gateway itself found the proof valid against the ledger's root (false when the row
 *     was changed after it was anchored)
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReadingProofResponse(
        long readingId,
        @Nullable Reading reading,
        @Nullable String leafText,
        @Nullable String leafBytes,
        String leafHash,
        long leafIndex,
        long leafCount,
        List<Step> proof,
        String root,
        String hashScheme,
        String windowId,
        long window,
        long startTime,
        long endTime,
        @Nullable String transactionId,
        @Nullable Long blockNumber,
        boolean verified) {

    /**
     * Returns this proof without the reading's contents: no {@code reading}, {@code leafText} or {@code leafBytes}.
     *
     * @return the proof of the leaf hash alone
     */
    public ReadingProofResponse withoutContents() {
        return new ReadingProofResponse(
                readingId,
                null,
                null,
                null,
                leafHash,
                leafIndex,
                leafCount,
                proof,
                root,
                hashScheme,
                windowId,
                window,
                startTime,
                endTime,
                transactionId,
                blockNumber,
                verified);
    }

    /**
     * The anchored fields of a reading.
     *
     * @param deviceId the device ID
     * @param batchSeq the batch sequence number
     * @param sensor the sensor
     * @param ts the reading time, epoch milliseconds
     * @param kind the value kind ({@code N}, {@code S}, {@code B})
     * @param valueText the value as signed
     * @param unit the unit, absent when none
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Reading(
            String deviceId,
            long batchSeq,
            String sensor,
            long ts,
            String kind,
            String valueText,
            @Nullable String unit) {}

    /**
     * One proof step.
     *
     * @param side {@code L} or {@code R}: the side the sibling is on
     * @param hash the sibling hash, 64 hex digits
     */
    @Serdeable
    public record Step(String side, String hash) {}
}
