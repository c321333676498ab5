package org.biotdm.gateway.telemetry;

import java.util.List;

/**
 * Receives the telemetry batches of every group commit right after the commit, before the devices are acknowledged.
 * Every bean implementing this interface is called by {@link TelemetryWriter}.
 *
 * <p>The call runs on a telemetry writer thread, which is the ingest hot path: an implementation must only hand the
 * batches over (for example {@code offer} to a bounded queue drained by its own thread) and return at once. It must
 * never block, wait for a lock, touch the database or the ledger, or log per call; when its queue is full it drops
 * and counts instead of waiting. An exception it throws is swallowed and counted ({@link
 * TelemetryWriter#listenerFailures()}); it never fails the acknowledgement, because the readings are already
 * committed. Calls for one device come in commit order from one thread (a device always uses the same writer
 * thread); different devices may be delivered concurrently from different writer threads.
 */
@FunctionalInterface
public interface TelemetryCommitListener {
    /**
     * Takes the batches one group commit made durable.
     *
     * @param batches the newly committed batches, in group order; never empty; read only
     */
    void committed(List<CommittedBatch> batches);
}
