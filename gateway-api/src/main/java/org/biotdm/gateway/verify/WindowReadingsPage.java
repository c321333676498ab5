package org.biotdm.gateway.verify;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.HexFormat;
import java.util.List;
import org.biotdm.protocol.anchor.ReadingLeaf;

/**
 * One page of {@code GET /api/v1/windows/{windowId}/readings}: a sealed window's telemetry rows as stored now, by
 * ascending reading ID. An auditor encodes each reading as a {@code biotdm-leaf-v1} leaf itself ({@code
 * protocol/leaf-v1.md}), sorts the leaves canonically, builds the RFC 6962 tree and compares its root with {@code
 * GetAnchor(windowId)} read from their own peer, so nothing here needs to be trusted.
 *
 * @param windowId the window's ledger ID
 * @param startTime the window start, epoch milliseconds, inclusive
 * @param endTime the window end, epoch milliseconds, exclusive
 * @param status the window's status in the gateway ({@code SEALED} or {@code ANCHORED})
 * @param readings up to {@code limit} readings
 * @param nextAfter the {@code after} of the next page; absent on the last page
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record WindowReadingsPage(
        String windowId,
        long startTime,
        long endTime,
        String status,
        List<Reading> readings,
        @Nullable Long nextAfter) {

    /** Readings per page when {@code limit} is absent. */
    public static final int DEFAULT_LIMIT = 1000;

    /** The largest {@code limit}. */
    public static final int MAX_LIMIT = 10_000;

    private static final HexFormat HEX = HexFormat.of();

    /**
     * One reading as stored now.
     *
     * @param readingId the telemetry row ID (the ID of {@code /api/v1/readings/{id}/proof})
     * @param leafHash SHA-256(0x00 ‖ leaf bytes) of the row as stored now, 64 hex digits, computed by the gateway:
     *     recompute it from {@code reading} where present
     * @param reading the anchored fields; absent when the caller may not read the device
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Reading(long readingId, String leafHash, ReadingProofResponse.@Nullable Reading reading) {

        /**
         * Describes a stored row with its contents.
         *
         * @param id the row ID
         * @param leaf the row's leaf
         * @return the reading
         */
        static Reading of(long id, ReadingLeaf leaf) {
            return new Reading(
                    id,
                    HEX.formatHex(leaf.hash()),
                    new ReadingProofResponse.Reading(
                            leaf.deviceId(),
                            leaf.batchSeq(),
                            leaf.sensor(),
                            leaf.ts(),
                            leaf.kind(),
                            leaf.valueText(),
                            leaf.unit()));
        }

        /**
         * Returns this reading without its contents.
         *
         * @return the ID and leaf hash alone
         */
        Reading withoutContents() {
            return new Reading(readingId, leafHash, null);
        }
    }
}
