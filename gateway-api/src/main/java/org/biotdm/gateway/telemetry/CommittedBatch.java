package org.biotdm.gateway.telemetry;

import java.util.List;

/**
 * A telemetry batch that a group commit has just made durable, as handed to {@link TelemetryCommitListener}s.
 * Duplicates (a batch accepted before) and refused batches never appear; each committed batch appears exactly once
 * per gateway instance.
 *
 * @param deviceId the device ID from the client certificate
 * @param seq the batch's sequence number
 * @param batchTs the batch time, epoch milliseconds (device clock)
 * @param receivedAt the commit time, epoch milliseconds (gateway clock); {@code received_at} of the rows
 * @param windowId the anchoring window the readings belong to
 * @param readings the readings in body order (shared with the writer: read only); a reading without its own time
 *     takes {@code batchTs}, see {@link #readingTs(TelemetryReading)}
 */
public record CommittedBatch(
        String deviceId, long seq, long batchTs, long receivedAt, long windowId, List<TelemetryReading> readings) {

    /**
     * Returns the time a reading of this batch was stored with.
     *
     * @param reading one of {@link #readings()}
     * @return its own time, or the batch time when it has none, epoch milliseconds (device clock)
     */
    public long readingTs(TelemetryReading reading) {
        return reading.hasTs() ? reading.ts() : batchTs;
    }
}
