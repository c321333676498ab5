package org.biotdm.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.biotdm.device.sdk.DeviceClient;
import org.biotdm.device.sdk.TelemetryAck;

/**
 * Sends generated readings ({@link LoadReadings}) as signed batches from simulated devices and counts what the
 * gateway acknowledges; with a measurement window, also the acknowledged readings and the acknowledgement latency of
 * each batch completed inside it (from {@link DeviceClient#send} to the acknowledgement, retries included).
 * Thread-safe.
 */
final class LoadDriver {
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong acked = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong windowReadings = new AtomicLong();
    private final List<Double> windowLatenciesMs = new ArrayList<>();
    private volatile long windowStart = Long.MAX_VALUE;
    private volatile long windowEnd = Long.MAX_VALUE;

    /** A device with its own readings. */
    static final class Device {
        final DeviceClient client;
        final LoadReadings readings;

        Device(DeviceClient client, long seed) {
            this.client = client;
            this.readings = new LoadReadings(seed);
        }
    }

    /**
     * Opens the measurement window at a time.
     *
     * @param startNanos the window's start, {@link System#nanoTime()}
     * @param endNanos the window's end, {@link System#nanoTime()}
     */
    void window(long startNanos, long endNanos) {
        windowEnd = endNanos;
        windowStart = startNanos;
    }

    /**
     * Signs and sends one batch from a device.
     *
     * @param device the device
     * @param count readings in the batch
     * @return the acknowledgement, counted already; completed exceptionally when the batch failed (counted too)
     */
    CompletableFuture<TelemetryAck> send(Device device, int count) {
        long sentAt = System.nanoTime();
        CompletableFuture<TelemetryAck> ack;
        try {
            synchronized (device) {
                ack = device.client.send(device.readings.next(count, System.currentTimeMillis()));
            }
        } catch (IOException | RuntimeException e) {
            failed.addAndGet(count);
            return CompletableFuture.failedFuture(e);
        }
        sent.addAndGet(count);
        return ack.whenComplete((answer, error) -> {
            if (error != null) {
                failed.addAndGet(count);
                return;
            }
            acked.addAndGet(answer.accepted());
            long now = System.nanoTime();
            if (now >= windowStart && now <= windowEnd) {
                windowReadings.addAndGet(answer.accepted());
                synchronized (windowLatenciesMs) {
                    windowLatenciesMs.add((now - sentAt) / 1e6);
                }
            }
        });
    }

    /**
     * Returns readings sent so far.
     *
     * @return the count
     */
    long sent() {
        return sent.get();
    }

    /**
     * Returns readings acknowledged so far.
     *
     * @return the count
     */
    long acked() {
        return acked.get();
    }

    /**
     * Returns readings whose batch failed for good so far.
     *
     * @return the count
     */
    long failed() {
        return failed.get();
    }

    /**
     * Returns readings acknowledged inside the measurement window.
     *
     * @return the count
     */
    long windowReadings() {
        return windowReadings.get();
    }

    /**
     * Returns the acknowledgement latencies of the batches acknowledged inside the window.
     *
     * @return the latencies, ms
     */
    double[] windowLatenciesMs() {
        synchronized (windowLatenciesMs) {
            return windowLatenciesMs.stream().mapToDouble(Double::doubleValue).toArray();
        }
    }
}
