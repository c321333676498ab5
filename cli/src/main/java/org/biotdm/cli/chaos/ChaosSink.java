package org.biotdm.cli.chaos;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.biotdm.device.sdk.DeviceApiException;
import org.biotdm.device.sdk.DeviceClient;
import org.biotdm.device.sdk.TelemetryAck;
import org.biotdm.device.sim.ReplaySink;
import org.biotdm.device.sim.SimulatedFleet;
import org.biotdm.protocol.telemetry.Reading;

/**
 * Delivers one device's replayed rows through the SDK and records every hand-over and acknowledgement in the {@link
 * ChaosHistory}: a batch is sent when it holds {@code batchSize} readings or its oldest reading waited {@code
 * maxDelayMs}; while the device holds {@code maxPending} unacknowledged batches (the gateway is down) the replay
 * waits, as a real device whose buffer is full would. Used from its replay's thread only.
 */
final class ChaosSink implements ReplaySink {
    private final SimulatedFleet fleet;
    private final ChaosHistory history;
    private final int batchSize;
    private final long maxDelayMs;
    private final int maxPending;
    private final List<Reading> readings = new ArrayList<>();
    private String deviceId;
    private long since;

    ChaosSink(SimulatedFleet fleet, ChaosHistory history, int batchSize, long maxDelayMs, int maxPending) {
        this.fleet = fleet;
        this.history = history;
        this.batchSize = batchSize;
        this.maxDelayMs = maxDelayMs;
        this.maxPending = maxPending;
    }

    @Override
    public void accept(String device, List<Reading> row) throws IOException {
        deviceId = device;
        if (readings.isEmpty()) {
            since = System.currentTimeMillis();
        }
        for (Reading reading : row) {
            readings.add(reading);
            if (readings.size() == batchSize) {
                send();
            }
        }
    }

    @Override
    public void tick(long nowMillis) throws IOException {
        if (!readings.isEmpty() && System.currentTimeMillis() - since >= maxDelayMs) {
            send();
        }
    }

    @Override
    public long acknowledged() {
        return deviceId == null
                ? 0
                : fleet.devices().stream()
                        .filter(client -> client.deviceId().equals(deviceId))
                        .mapToLong(DeviceClient::acknowledgedReadings)
                        .sum();
    }

    @Override
    public long finish(Duration timeout) throws IOException, InterruptedException {
        if (!readings.isEmpty()) {
            send();
        }
        if (deviceId != null) {
            fleet.device(deviceId).flush(timeout);
        }
        return acknowledged();
    }

    private void send() throws IOException {
        DeviceClient client = fleet.device(deviceId);
        while (client.pendingBatches() >= maxPending) {
            try {
                client.flush(Duration.ofMillis(100));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("Interrupted while " + deviceId + " waited for the gateway");
            }
        }
        String device = deviceId;
        history.handed(device, readings.size());
        client.send(List.copyOf(readings)).whenComplete((TelemetryAck ack, Throwable error) -> {
            if (ack != null) {
                history.acknowledged(device, ack.seq(), ack.accepted());
            } else {
                history.rejected(
                        device, error instanceof DeviceApiException refusal ? refusal.getMessage() : "" + error);
            }
        });
        readings.clear();
        since = System.currentTimeMillis();
    }
}
