package org.biotdm.cli.replay;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.biotdm.cli.Progress;
import org.biotdm.device.sdk.DeviceClient;
import org.biotdm.device.sdk.TelemetryAck;
import org.biotdm.device.sim.SimulatedFleet;

/**
 * Sends generated readings ({@link LoadReadings}) as signed batches from simulated devices and counts what the
 * gateway acknowledges; with a measurement window, also the acknowledged readings and the acknowledgement latency of
 * each batch completed inside it (from {@link DeviceClient#send} to the acknowledgement, retries included).
 * Thread-safe.
 */
public final class LoadDriver {
    private static final Duration DRAIN = Duration.ofSeconds(60);

    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong acked = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong windowReadings = new AtomicLong();
    private final List<Double> windowLatenciesMs = new ArrayList<>();
    private volatile long windowStart = Long.MAX_VALUE;
    private volatile long windowEnd = Long.MAX_VALUE;

    /** A device with its own readings. */
    public static final class Device {
        final DeviceClient client;
        final LoadReadings readings;

        /**
         * Pairs a device with a generator of its own.
         *
         * @param client the device
         * @param seed the generator's seed, for example the device's index
         */
        public Device(DeviceClient client, long seed) {
            this.client = client;
            this.readings = new LoadReadings(seed);
        }
    }

    /** Creates a driver with nothing sent and no measurement window. */
    public LoadDriver() {
        // Counters start at zero; window() opens the measurement window.
    }

    /**
     * Opens (registering and provisioning on first use) the devices {@code String.format(idFormat, i)} for {@code i}
     * from 0 to {@code count - 1}, showing the progress, each with a generator seeded with its index.
     *
     * @param fleet the fleet
     * @param count how many devices
     * @param idFormat the device IDs' format, for example {@code load-%05d}
     * @param err where progress goes
     * @return the devices, in index order
     * @throws IOException when a device cannot be opened or provisioned
     */
    public static List<Device> provision(SimulatedFleet fleet, int count, String idFormat, PrintStream err)
            throws IOException {
        Progress progress = Progress.start(err, "Registering and provisioning " + count + " devices");
        List<Device> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            list.add(new Device(fleet.device(String.format(Locale.ROOT, idFormat, i)), i));
            progress.tick();
        }
        progress.done(count + " devices active");
        return list;
    }

    /**
     * Waits up to 60 s for the batches still unacknowledged after the load, saying so when some remain.
     *
     * @param fleet the fleet
     * @param err where the message goes
     * @throws InterruptedException when interrupted
     */
    public static void drain(SimulatedFleet fleet, PrintStream err) throws InterruptedException {
        if (!fleet.flush(DRAIN)) {
            err.println("Some batches were still unacknowledged " + DRAIN.toSeconds() + " s after the load");
        }
    }

    /**
     * Opens the measurement window at a time.
     *
     * @param startNanos the window's start, {@link System#nanoTime()}
     * @param endNanos the window's end, {@link System#nanoTime()}
     */
    public void window(long startNanos, long endNanos) {
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
    public CompletableFuture<TelemetryAck> send(Device device, int count) {
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
    public long sent() {
        return sent.get();
    }

    /**
     * Returns readings acknowledged so far.
     *
     * @return the count
     */
    public long acked() {
        return acked.get();
    }

    /**
     * Returns readings whose batch failed for good so far.
     *
     * @return the count
     */
    public long failed() {
        return failed.get();
    }

    /**
     * Returns readings acknowledged inside the measurement window.
     *
     * @return the count
     */
    public long windowReadings() {
        return windowReadings.get();
    }

    /**
     * Returns the acknowledgement latencies of the batches acknowledged inside the window.
     *
     * @return the latencies, ms
     */
    public double[] windowLatenciesMs() {
        synchronized (windowLatenciesMs) {
            return windowLatenciesMs.stream().mapToDouble(Double::doubleValue).toArray();
        }
    }
}
