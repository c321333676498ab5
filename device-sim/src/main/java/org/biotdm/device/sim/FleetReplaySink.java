package org.biotdm.device.sim;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.biotdm.device.sdk.SignedBatch;
import org.biotdm.protocol.telemetry.Reading;

/**
 * Delivers replayed readings to a {@link SimulatedFleet}: each device collects its readings and sends a signed batch
 * when it holds {@code batchSize} of them or its oldest waited {@code maxDelayMs}. Used from the replay thread only.
 */
public final class FleetReplaySink implements ReplaySink {
    private final SimulatedFleet fleet;
    private final int batchSize;
    private final long maxDelayMs;
    private final int maxPendingBatches;
    private final Map<String, Pending> pending = new HashMap<>();

    private static final class Pending {
        final List<Reading> readings = new ArrayList<>();
        long since;
    }

    /**
     * Creates the sink.
     *
     * @param fleet the devices
     * @param batchSize readings per batch, 1–{@value SignedBatch#MAX_READINGS}
     * @param maxDelayMs the longest a reading waits for its batch to fill, ms
     * @param maxPendingBatches how many unacknowledged batches a device may hold before the replay waits for it
     */
    public FleetReplaySink(SimulatedFleet fleet, int batchSize, long maxDelayMs, int maxPendingBatches) {
        if (batchSize < 1 || batchSize > SignedBatch.MAX_READINGS) {
            throw new IllegalArgumentException("batchSize must be 1-" + SignedBatch.MAX_READINGS);
        }
        this.fleet = fleet;
        this.batchSize = batchSize;
        this.maxDelayMs = maxDelayMs;
        this.maxPendingBatches = Math.max(1, maxPendingBatches);
    }

    @Override
    public void accept(String deviceId, List<Reading> readings) throws IOException {
        Pending device = pending.computeIfAbsent(deviceId, id -> new Pending());
        if (device.readings.isEmpty()) {
            device.since = System.currentTimeMillis();
        }
        for (Reading reading : readings) {
            device.readings.add(reading);
            if (device.readings.size() == batchSize) {
                send(deviceId, device);
            }
        }
    }

    @Override
    public void tick(long nowMillis) throws IOException {
        for (Map.Entry<String, Pending> entry : pending.entrySet()) {
            Pending device = entry.getValue();
            if (!device.readings.isEmpty() && nowMillis - device.since >= maxDelayMs) {
                send(entry.getKey(), device);
            }
        }
    }

    @Override
    public long acknowledged() {
        return fleet.acknowledgedReadings();
    }

    @Override
    public long finish(Duration timeout) throws IOException, InterruptedException {
        for (Map.Entry<String, Pending> entry : pending.entrySet()) {
            if (!entry.getValue().readings.isEmpty()) {
                send(entry.getKey(), entry.getValue());
            }
        }
        fleet.flush(timeout);
        return fleet.acknowledgedReadings();
    }

    private void send(String deviceId, Pending device) throws IOException {
        var client = fleet.device(deviceId);
        while (client.pendingBatches() >= maxPendingBatches) {
            try {
                client.flush(Duration.ofMillis(50));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("Interrupted while waiting for " + deviceId);
            }
        }
        client.send(List.copyOf(device.readings));
        device.readings.clear();
        device.since = System.currentTimeMillis();
    }
}
