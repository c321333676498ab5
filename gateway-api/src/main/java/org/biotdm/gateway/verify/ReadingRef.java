package org.biotdm.gateway.verify;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import org.biotdm.protocol.anchor.ReadingLeaf;

/**
 * A reading named in a verification report: a changed, missing, extra or inconsistent row. Fields that do not apply
 * are absent (a missing row only has its anchored leaf); the contents ({@code deviceId} to {@code unit}) are absent
 * too when the caller may not read the device (see {@code ContentScope}).
 *
 * @param readingId the telemetry row ID
 * @param leafIndex the leaf index the row had when its window was sealed, absent for rows added afterwards
 * @param deviceId the device ID as stored now
 * @param batchSeq the batch sequence number as stored now
 * @param sensor the sensor as stored now
 * @param ts the reading time as stored now, epoch milliseconds
 * @param kind the value kind as stored now
 * @param valueText the value text as stored now
 * @param unit the unit as stored now
 * @param anchoredLeafHash the leaf hash recorded at sealing, 64 hex digits
 * @param currentLeafHash the leaf hash of the row as stored now, 64 hex digits
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReadingRef(
        long readingId,
        @Nullable Integer leafIndex,
        @Nullable String deviceId,
        @Nullable Long batchSeq,
        @Nullable String sensor,
        @Nullable Long ts,
        @Nullable String kind,
        @Nullable String valueText,
        @Nullable String unit,
        @Nullable String anchoredLeafHash,
        @Nullable String currentLeafHash) {

    /**
     * Describes a row as stored now.
     *
     * @param readingId the row ID
     * @param leafIndex the anchored leaf index, or null
     * @param leaf the row's content now
     * @param anchoredLeafHash the anchored leaf hash, or null
     * @param currentLeafHash the leaf hash now
     * @return the reference
     */
    static ReadingRef current(
            long readingId, Integer leafIndex, ReadingLeaf leaf, String anchoredLeafHash, String currentLeafHash) {
        return new ReadingRef(
                readingId,
                leafIndex,
                leaf.deviceId(),
                leaf.batchSeq(),
                leaf.sensor(),
                leaf.ts(),
                leaf.kind(),
                leaf.valueText(),
                leaf.unit(),
                anchoredLeafHash,
                currentLeafHash);
    }

    /**
     * Returns this reference without the row's contents (device, sensor, time, value, unit): what a caller who may
     * not read the device sees.
     *
     * @return the reference with only the row ID, leaf index and leaf hashes
     */
    ReadingRef withoutContents() {
        return new ReadingRef(
                readingId, leafIndex, null, null, null, null, null, null, null, anchoredLeafHash, currentLeafHash);
    }

    /**
     * Describes a row that is gone.
     *
     * @param readingId the row ID it had
     * @param leafIndex its leaf index
     * @param anchoredLeafHash its anchored leaf hash
     * @return the reference
     */
    static ReadingRef missing(long readingId, int leafIndex, String anchoredLeafHash) {
        return new ReadingRef(readingId, leafIndex, null, null, null, null, null, null, null, anchoredLeafHash, null);
    }
}
