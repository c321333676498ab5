package org.biotdm.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.biotdm.device.sdk.DeviceTls;
import org.biotdm.device.sim.DeviceEventLoop;
import org.biotdm.device.sim.SimulatedFleet;
import picocli.CommandLine.Command;
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
    private static final Duration DRAIN = Duration.ofSeconds(60);

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

    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            description = "The running stack's data directory (default: data/ in the project).")
    Path dataDir;

    private final PrintStream out;
    private final PrintStream err;

    /** Creates the command printing to the standard streams. */
    public LoadCommand() {
        this(System.out, System.err);
    }

    /**
     * Creates the command.
     *
     * @param out where the LOAD line goes
     * @param err where progress goes
     */
    public LoadCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

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
            err.println(problem);
            return 2;
        }
        DataDir data = new DataDir(dataDir == null ? Home.detect().defaultDataDir() : dataDir);
        Optional<Stack.StackInfo> stack = Stack.StackInfo.read(data).filter(Stack.StackInfo::alive);
        if (stack.isEmpty()) {
            err.println("No running stack in " + data.root() + ": start one with scripts/biotdm up"
                    + (dataDir == null ? "" : " --data-dir " + dataDir) + " in another terminal");
            return 1;
        }
        Credentials credentials = Credentials.load(data.credentials());
        DeviceRegistrar registrar = new DeviceRegistrar(
                new ApiClient(stack.get().apiUrl()),
                () -> credentials
                        .find("Org1MSP", "admin")
                        .or(() -> credentials.findAny("admin"))
                        .orElseThrow(() -> new StackException("No admin in " + data.credentials())),
                "Org1MSP",
                id -> "load-sensor",
                "load");
        int cores = Runtime.getRuntime().availableProcessors();
        LoadDriver driver = new LoadDriver();
        try (DeviceEventLoop loop = new DeviceEventLoop(Math.max(1, cores), Math.max(2, cores));
                SimulatedFleet fleet = new SimulatedFleet(
                        loop,
                        stack.get().deviceUrl(),
                        DeviceTls.certificates(
                                Files.readString(stack.get().deviceServerCert(), StandardCharsets.US_ASCII)),
                        data.devices(),
                        registrar,
                        false)) {
            List<LoadDriver.Device> fleetDevices = provision(fleet);
            run(driver, fleetDevices);
            if (!fleet.flush(DRAIN)) {
                err.println("Some batches were still unacknowledged " + DRAIN.toSeconds() + " s after the load");
            }
        }
        long notAcked = driver.sent() - driver.acked() - driver.failed();
        out.println(line(devices, driver.sent(), driver.acked(), driver.failed() + Math.max(0, notAcked)));
        out.flush();
        return driver.acked() == driver.sent() ? 0 : 1;
    }

    private List<LoadDriver.Device> provision(SimulatedFleet fleet) throws IOException {
        Progress progress = Progress.start(err, "Registering and provisioning " + devices + " devices");
        List<LoadDriver.Device> list = new ArrayList<>();
        for (int i = 0; i < devices; i++) {
            list.add(new LoadDriver.Device(fleet.device(String.format(Locale.ROOT, "load-%05d", i)), i));
            progress.tick();
        }
        progress.done(devices + " devices active");
        return list;
    }

    private void run(LoadDriver driver, List<LoadDriver.Device> fleetDevices) throws InterruptedException {
        long total = rate * duration;
        long start = System.nanoTime();
        long end = start + duration * 1_000_000_000L;
        long scheduled = 0;
        int next = 0;
        ProgressBar bar = new ProgressBar(err);
        while (true) {
            long now = System.nanoTime();
            long owed = due(rate, now - start, total) - scheduled;
            // Each device in turn gets up to one batch; a device too far behind is passed over.
            int passedOver = 0;
            while (owed > 0 && passedOver < fleetDevices.size()) {
                LoadDriver.Device device = fleetDevices.get(next);
                next = (next + 1) % fleetDevices.size();
                if (device.client.pendingBatches() >= MAX_PENDING) {
                    passedOver++;
                    continue;
                }
                int count = (int) Math.min(owed, batchSize);
                driver.send(device, count);
                scheduled += count;
                owed -= count;
            }
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
        if (scheduled < total) {
            err.println("Sent " + scheduled + " of the " + total + " readings asked for (" + scheduled / duration
                    + " readings/s of " + rate + "): the devices waited for acknowledgements, the gateway did not"
                    + " keep up");
        }
    }
}
