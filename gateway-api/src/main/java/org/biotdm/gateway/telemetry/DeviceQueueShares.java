package org.biotdm.gateway.telemetry;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts the batches each device has waiting for a {@link TelemetryWriter} and caps them, so that one device cannot
 * fill a writer's queue and delay the devices that share the writer thread with it. A device appears in the table only
 * while it has batches waiting, so the table never holds more entries than the writers' queues hold batches.
 * Thread-safe.
 */
final class DeviceQueueShares {
    private final ConcurrentHashMap<String, Integer> waiting = new ConcurrentHashMap<>();
    private final int maxPerDevice;

    /**
     * Creates an empty table.
     *
     * @param maxPerDevice the most batches one device may have waiting, at least 1
     */
    DeviceQueueShares(int maxPerDevice) {
        this.maxPerDevice = maxPerDevice;
    }

    /**
     * Takes a place for one more batch of a device.
     *
     * @param deviceId the device
     * @return true when the device had fewer than its maximum waiting (the place is taken), false otherwise
     */
    boolean tryAcquire(String deviceId) {
        boolean[] taken = {false};
        waiting.compute(deviceId, (id, count) -> {
            int current = count == null ? 0 : count;
            if (current >= maxPerDevice) {
                return count;
            }
            taken[0] = true;
            return current + 1;
        });
        return taken[0];
    }

    /**
     * Gives back the place of a batch that was stored, refused or failed.
     *
     * @param deviceId the device
     */
    void release(String deviceId) {
        waiting.computeIfPresent(deviceId, (id, count) -> count <= 1 ? null : count - 1);
    }

    /**
     * Returns how many batches a device has waiting.
     *
     * @param deviceId the device
     * @return the count, 0 when none
     */
    int waiting(String deviceId) {
        return waiting.getOrDefault(deviceId, 0);
    }

    /**
     * Returns how many devices have batches waiting.
     *
     * @return the count
     */
    int devices() {
        return waiting.size();
    }
}
