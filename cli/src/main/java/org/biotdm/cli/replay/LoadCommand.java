package org.biotdm.cli.replay;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.biotdm.cli.ApiClient;
import org.biotdm.cli.Console;
import org.biotdm.cli.DeviceFleet;
import org.biotdm.cli.DeviceRegistrar;
import org.biotdm.cli.ProgressBar;
import org.biotdm.cli.stack.DataDir;
import org.biotdm.cli.stack.RunningStackOptions;
import org.biotdm.cli.stack.StackInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code biotdm load}: generated load against a running stack ({@code biotdm up} in another terminal; found through
 * {@code <data-dir>/stack.properties} as {@code replay} does). {@code N} simulated devices, registered and
 * provisioned on first use as Org1's admin of {@code credentials.properties} (state in {@code <data-dir>/devices}),
 * send {@code R} generated readings per second in total ({@link LoadReadings}) for {@code S} seconds as signed
 * batches over mutual TLS, with a progress bar on standard error. A device that has more than {@value #MAX_PENDING}
 * batches unacknowledged is skipped until it catches up, so the rate sent may fall short of {@code R} when the
 * gateway cannot keep up. The last line is {@code LOAD devices=… sent=… acked=… failed=…}; exit status 0 when every
 * reading sent was acknowledged.
 */
@Command(
        name = "load",
        mixinStandardHelpOptions = true,
        description = {
            "Sends generated readings (temperature, humidity, light, CO2, occupancy) from N simulated devices at R"
                    + " readings/s in total for S seconds to the running stack (scripts/biotdm up), with a progress"
                    + " bar.",
            "Last line: LOAD devices=... sent=... acked=... failed=...; exit status 0 when all were acknowledged."
        })
public final class LoadCommand implements Callable<Integer> {
    /** Unacknowledged batches a device may hold before it is skipped. */
    static final int MAX_PENDING = 8;

    private static final long TICK_MS = 100;

    @Option(names = "--devices", paramLabel = "N", required = true, description = "Simulated devices, 1-10000.")
    int devices;

    @Option(names = "--rate", paramLabel = "R", required = true, description = "Readings per second in total.")
    long rate;

    @Option(names = "--duration", paramLabel = "S", required = true, description = "Seconds of load.")
    int duration;

    @Option(
            names = "--batch-size",
            paramLabel = "B",
            defaultValue = "100",
            description = "At most B readings per signed batch, 1-1000 (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Mixin
    RunningStackOptions runningStack = new RunningStackOptions();

    @Mixin
    Console console = new Console();

    /**
     * Checks the options' ranges.
     *
     * @return the first problem, or null when none
     */
    public String validate() {
        if (devices < 1 || devices > 10_000) {
            return "--devices must be 1-10000";
        }
        if (rate < 1) {
            return "--rate must be 1 or more readings per second";
        }
        if (duration < 1) {
            return "--duration must be 1 or more seconds";
        }
        if (batchSize < 1 || batchSize > org.biotdm.device.sdk.SignedBatch.MAX_READINGS) {
            return "--batch-size must be 1-" + org.biotdm.device.sdk.SignedBatch.MAX_READINGS;
        }
        return null;
    }

    /**
     * Returns how many readings are due after some time at a rate.
     *
     * @param rate readings per second
     * @param elapsedNanos time since the start, ns
     * @param total the most ever due (rate × duration)
     * @return the readings due, at most {@code total}
     */
    static long due(long rate, long elapsedNanos, long total) {
        return Math.min(total, (long) Math.floor(rate * (elapsedNanos / 1e9)));
    }

    /**
     * Formats the result line.
     *
     * @param devices devices
     * @param sent readings sent
     * @param acked readings acknowledged
     * @param failed readings refused for good or not sent
     * @return {@code LOAD devices=… sent=… acked=… failed=…}
     */
    static String line(int devices, long sent, long acked, long failed) {
        return "LOAD devices=" + devices + " sent=" + sent + " acked=" + acked + " failed=" + failed;
    }

    @Override
    public Integer call() throws Exception {
        String problem = validate();
        if (problem != null) {
            return console.refuse(problem);
        }
        DataDir data = runningStack.dataDir();
        Optional<StackInfo> stack = runningStack.running();
        if (stack.isEmpty()) {
            return noStack(data);
        }
        LoadDriver driver = new LoadDriver();
        try (DeviceFleet fleet = DeviceFleet.open(
                stack.get().deviceUrl(),
                stack.get().deviceServerCert(),
                data.devices(),
                registrar(data, stack.get().apiUrl()),
                false)) {
            List<LoadDriver.Device> fleetDevices =
                    LoadDriver.provision(fleet.devices(), devices, "load-%05d", console.err());
            run(driver, fleetDevices);
            LoadDriver.drain(fleet.devices(), console.err());
        }
        long notAcked = driver.sent() - driver.acked() - driver.failed();
        console.result(line(devices, driver.sent(), driver.acked(), driver.failed() + Math.max(0, notAcked)));
        return driver.acked() == driver.sent() ? 0 : 1;
    }

    private int noStack(DataDir data) {
        console.err()
                .println("No running stack in " + data.root() + ": start one with scripts/biotdm up"
                        + runningStack.given().map(dir -> " --data-dir " + dir).orElse("")
                        + " in another terminal");
        return 1;
    }

    private static DeviceRegistrar registrar(DataDir data, URI api) {
        return ReplayMount.registrar(new ApiClient(api), data, "", "load-sensor", "load");
    }

    /** Sends the readings due at each tick for {@code --duration} seconds, showing the progress. */
    private void run(LoadDriver driver, List<LoadDriver.Device> fleetDevices) throws InterruptedException {
        long total = rate * duration;
        long start = System.nanoTime();
        long end = start + duration * 1_000_000_000L;
        long scheduled = 0;
        Turns turns = new Turns(fleetDevices);
        ProgressBar bar = new ProgressBar(console.err());
        while (true) {
            long now = System.nanoTime();
            scheduled += turns.send(driver, due(rate, now - start, total) - scheduled);
            bar.show(
                    (double) (now - start) / (end - start),
                    String.format(
                            Locale.ROOT,
                            "%d s sent=%d acked=%d failed=%d",
                            (now - start) / 1_000_000_000L,
                            driver.sent(),
                            driver.acked(),
                            driver.failed()));
            if (now >= end) {
                break;
            }
            Thread.sleep(TICK_MS);
        }
        bar.done("sent=" + driver.sent() + " acked=" + driver.acked() + " failed=" + driver.failed());
        reportShortfall(scheduled, total);
    }

    private void reportShortfall(long scheduled, long total) {
        if (scheduled < total) {
            console.err()
                    .println("Sent " + scheduled + " of the " + total + " readings asked for (" + scheduled / duration
                            + " readings/s of " + rate + "): the devices waited for acknowledgements, the gateway did"
                            + " not keep up");
        }
    }

    /** The devices taking turns: each gets up to one batch per round; a device too far behind is passed over. */
    private final class Turns {
        private final List<LoadDriver.Device> devices;
        private int next;

        Turns(List<LoadDriver.Device> devices) {
            this.devices = devices;
        }

        /** Sends up to {@code owed} readings in batches; returns how many were sent. */
        long send(LoadDriver driver, long owed) {
            long sent = 0;
            int passedOver = 0;
            while (owed - sent > 0 && passedOver < devices.size()) {
                LoadDriver.Device device = devices.get(next);
                next = (next + 1) % devices.size();
                if (device.client.pendingBatches() >= MAX_PENDING) {
                    passedOver++;
                    continue;
                }
                int count = (int) Math.min(owed - sent, batchSize);
                driver.send(device, count);
                sent += count;
            }
            return sent;
        }
    }
}
