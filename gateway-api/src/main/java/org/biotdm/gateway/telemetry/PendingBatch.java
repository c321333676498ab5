package org.biotdm.gateway.telemetry;

import java.util.concurrent.CompletableFuture;

/**
 * A verified batch waiting for the writer.
 *
 * @param deviceId the device ID from the client certificate
 * @param batch the batch
 * @param contentSha256 lowercase hex SHA-256 of the batch's canonical encoding; two batches with the same device,
 *     sequence number and content hash are the same batch
 * @param suspect true when the sequence window has seen the number, so the writer must look for the original first
 * @param ack completed with the acknowledgement after the commit, or with the failure
 */
public record PendingBatch(
        String deviceId,
        TelemetryBatch batch,
        String contentSha256,
        boolean suspect,
        CompletableFuture<TelemetryAck> ack) {}
