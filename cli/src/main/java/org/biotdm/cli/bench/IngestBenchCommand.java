package org.biotdm.cli.bench;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import org.biotdm.cli.ApiSession;
import org.biotdm.cli.Console;
import org.biotdm.cli.Credentials;
import org.biotdm.cli.DeviceFleet;
import org.biotdm.cli.DeviceRegistrar;
import org.biotdm.cli.Progress;
import org.biotdm.cli.ProgressBar;
import org.biotdm.cli.replay.LoadDriver;
import org.biotdm.cli.stack.DataDir;
import org.biotdm.cli.stack.DatabaseAccount;
import org.biotdm.cli.stack.Stack;
import org.biotdm.cli.stack.StackException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code biotdm bench ingest}: starts a stack as {@code up} does (a temporary data directory unless {@code
 * --data-dir}, free ports, anchoring on), provisions simulated devices over mutual TLS, and has each keep a few signed
 * batches of generated readings in flight, sending the next as soon as one is acknowledged. After a warm-up it counts
 * for the given time the readings acknowledged per second end to end and each batch's acknowledgement latency; then,
 * in the same run, the raw batched-insert rate of the gateway's own embedded MariaDB ({@link RawInsertBench}) with
 * the same batch size. The last line is {@code BENCH ingest readings_per_s=… p50_ms=… p99_ms=… raw_insert_per_s=…
 * ratio=… devices=… batch=…}; with {@code --transport mqtt} a second fleet then does the same over the MQTT port, and
 * the line goes on with {@code mqtt_readings_per_s=… mqtt_p50_ms=… mqtt_p99_ms=… mqtt_to_https=…}. With {@code
 * --rules N} the same devices are measured in two windows, without and then with {@link BenchRules N automation
 * rules}, and the line is {@code BENCH ingest rules=… matching=… off_readings_per_s=… on_readings_per_s=… on_to_off=…
 * off_cpu_us_per_reading=… on_cpu_us_per_reading=… added_cpu_us_per_reading=… devices=… batch=…}, the CPU being the
 * gateway JVM's (user + system, from the operating system) over each window.
 */
@Command(
        name = "ingest",
        mixinStandardHelpOptions = true,
        description = {
            "Measures end-to-end telemetry ingest (mTLS, signed batches, durable commit, anchoring on): readings/s"
                    + " acknowledged and p50/p99 acknowledgement latency per batch, then the raw batched-insert rate"
                    + " of the same MariaDB and the ratio of the two.",
            "Starts its own stack on free ports (temporary data directory unless --data-dir) and stops it after.",
            "Last line: BENCH ingest readings_per_s=... p50_ms=... p99_ms=... raw_insert_per_s=... ratio=..."
                    + " devices=... batch=... [mqtt_readings_per_s=... mqtt_p50_ms=... mqtt_p99_ms=... mqtt_to_https=...]",
            "With --rules N: BENCH ingest rules=... matching=... off_readings_per_s=... on_readings_per_s=..."
                    + " on_to_off=... off_cpu_us_per_reading=... on_cpu_us_per_reading=..."
                    + " added_cpu_us_per_reading=... devices=... batch=..."
        })
final class IngestBenchCommand implements Callable<Integer> {
    private static final String GROUP = "bench";

    @Option(
            names = "--devices",
            paramLabel = "N",
            defaultValue = "16",
            description = "Simulated devices (default: ${DEFAULT-VALUE}).")
    int devices;

    @Option(
            names = "--seconds",
            paramLabel = "S",
            defaultValue = "30",
            description = "Measured seconds, after the warm-up; also the raw insert's (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Option(
            names = "--warmup",
            paramLabel = "S",
            defaultValue = "10",
            description = "Seconds of load before measuring (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(
            names = "--batch-size",
            paramLabel = "B",
            defaultValue = "500",
            description =
                    "Readings per signed batch and rows per raw insert batch, 1-1000 (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(
            names = "--in-flight",
            paramLabel = "K",
            defaultValue = "2",
            description = "Unacknowledged batches each device keeps in flight (default: ${DEFAULT-VALUE}).")
    int inFlight;

    @Option(
            names = "--raw-connections",
            paramLabel = "C",
            defaultValue = "4",
            description = "Connections inserting at once in the raw insert measurement (default: ${DEFAULT-VALUE}).")
    int rawConnections;

    @Option(
            names = "--transport",
            paramLabel = "https|mqtt",
            defaultValue = "https",
            description = "mqtt also measures the devices over the MQTT port, after the HTTPS figures of the same run"
                    + " (other devices, same stack) (default: ${DEFAULT-VALUE}).")
    String transport;

    @Option(
            names = "--rules",
            paramLabel = "N",
            defaultValue = "0",
            description = "Above 0: after the first window, registers N automation rules on the devices' readings"
                    + " (half of them matching) and measures a second window with the same devices; the line then"
                    + " ends with both windows' readings/s and gateway CPU per reading and their ratio, 0-1000"
                    + " (default: ${DEFAULT-VALUE}).")
    int rules;

    @Mixin
    BenchStack benchStack = new BenchStack();

    @Mixin
    Console console = new Console();

    /** The gateway CPU time over the last measured window, ns (0 when not sampled). */
    private long windowCpuNanos;

    /**
     * Checks the options' ranges.
     *
     * @return the first problem, or null when none
     */
    public String validate() {
        if (devices < 1 || devices > 10_000) {
            return "--devices must be 1-10000";
        }
        if (seconds < 1 || warmup < 0) {
            return "--seconds must be 1 or more and --warmup 0 or more";
        }
        if (batchSize < 1 || batchSize > org.biotdm.device.sdk.SignedBatch.MAX_READINGS) {
            return "--batch-size must be 1-" + org.biotdm.device.sdk.SignedBatch.MAX_READINGS;
        }
        if (inFlight < 1 || inFlight > 64) {
            return "--in-flight must be 1-64";
        }
        if (rawConnections < 1 || rawConnections > 64) {
            return "--raw-connections must be 1-64";
        }
        if (rules < 0 || rules > 1000) {
            return "--rules must be 0-1000";
        }
        if (rules > 0 && "mqtt".equals(transport)) {
            return "--rules measures over HTTPS only: drop --transport mqtt";
        }
        if (!"https".equals(transport) && !"mqtt".equals(transport)) {
            return "--transport must be https or mqtt, was " + transport;
        }
        return null;
    }

    /**
     * Formats the result line.
     *
     * @param readingsPerSecond acknowledged readings per second end to end
     * @param p50Ms median acknowledgement latency, ms
     * @param p99Ms 99th percentile acknowledgement latency, ms
     * @param rawInsertPerSecond raw batched-insert rows per second
     * @param devices devices
     * @param batch readings per batch
     * @return {@code BENCH ingest …}
     */
    public static String line(
            double readingsPerSecond, double p50Ms, double p99Ms, double rawInsertPerSecond, int devices, int batch) {
        return "BENCH ingest readings_per_s=" + BenchStats.format(readingsPerSecond) + " p50_ms="
                + BenchStats.format(p50Ms) + " p99_ms=" + BenchStats.format(p99Ms) + " raw_insert_per_s="
                + BenchStats.format(rawInsertPerSecond) + " ratio="
                + String.format(Locale.ROOT, "%.3f", BenchStats.ratio(readingsPerSecond, rawInsertPerSecond))
                + " devices=" + devices + " batch=" + batch;
    }

    @Override
    public Integer call() throws Exception {
        return benchStack.run(console, validate(), stack -> {
            console.result(measure(stack));
            return 0;
        });
    }

    private String measure(Stack stack) throws Exception {
        DataDir data = stack.dataDir();
        DeviceRegistrar registrar = DeviceRegistrar.asAdmin(
                stack.api(),
                Credentials.load(data.credentials()),
                stack.organisations().get(0),
                id -> "bench-sensor",
                GROUP);
        if (rules > 0) {
            return ruleCost(stack, data, registrar);
        }
        LoadDriver https = drive(stack.deviceUrl(), null, data, registrar, "bench-%05d");
        String line = report(https, data);
        if (!"mqtt".equals(transport)) {
            return line;
        }
        console.err().println("The same over the MQTT port:");
        LoadDriver mqtt = drive(stack.deviceUrl(), stack.mqttUrl(), data, registrar, "bench-mqtt-%05d");
        double httpsPerSecond = BenchStats.perSecond(https.windowReadings(), seconds * 1_000_000_000L);
        return line + mqttFigures(mqtt, httpsPerSecond);
    }

    /** Runs the warm-up and the measured window with a fleet over HTTPS, or MQTT when its URL is given. */
    private LoadDriver drive(URI deviceUrl, URI mqttUrl, DataDir data, DeviceRegistrar registrar, String names)
            throws Exception {
        try (DeviceFleet fleet =
                DeviceFleet.open(deviceUrl, mqttUrl, data.ingressCertificate(), data.devices(), registrar, false)) {
            List<LoadDriver.Device> fleetDevices = LoadDriver.provision(fleet.devices(), devices, names, console.err());
            return window(fleet, fleetDevices, () -> 0L);
        }
    }

    /** Loads the devices through a warm-up and the measured window, sampling the CPU clock as it opens and closes. */
    private LoadDriver window(DeviceFleet fleet, List<LoadDriver.Device> fleetDevices, LongSupplier cpuNanos)
            throws Exception {
        LoadDriver driver = new LoadDriver();
        AtomicBoolean running = keepInFlight(driver, fleetDevices);
        windowCpuNanos = warmUpAndMeasure(driver, cpuNanos);
        running.set(false);
        LoadDriver.drain(fleet.devices(), console.err());
        return driver;
    }

    /**
     * Measures a window without rules, registers {@code --rules} rules on the same devices and measures another, and
     * returns the BENCH line with both windows' figures (no raw insert measurement: the comparison is the point).
     */
    private String ruleCost(Stack stack, DataDir data, DeviceRegistrar registrar) throws Exception {
        long pid = ProcessProbe.jvmOf(stack.gateways().get(0).process().handle());
        LongSupplier cpu = () -> ProcessHandle.of(pid)
                .flatMap(handle -> handle.info().totalCpuDuration())
                .map(java.time.Duration::toNanos)
                .orElse(0L);
        try (DeviceFleet fleet = DeviceFleet.open(
                stack.deviceUrl(), null, data.ingressCertificate(), data.devices(), registrar, false)) {
            List<LoadDriver.Device> fleetDevices =
                    LoadDriver.provision(fleet.devices(), devices, "bench-%05d", console.err());
            console.err().println("Without rules:");
            BenchRules.Window off =
                    new BenchRules.Window(window(fleet, fleetDevices, cpu).windowReadings(), seconds, windowCpuNanos);
            Progress progress = Progress.start(console.err(), "Registering " + rules + " automation rules");
            BenchRules.register(
                    new ApiSession(stack.api(), () -> Credentials.load(data.credentials())
                            .find(stack.organisations().get(0), "admin")
                            .orElseThrow()),
                    rules,
                    devices,
                    "bench-%05d");
            progress.done(BenchRules.matching(rules) + " of them matching");
            console.err().println("With " + rules + " rules:");
            BenchRules.Window on =
                    new BenchRules.Window(window(fleet, fleetDevices, cpu).windowReadings(), seconds, windowCpuNanos);
            return "BENCH ingest " + BenchRules.fields(off, on, rules) + " devices=" + devices + " batch=" + batchSize;
        }
    }

    /** The MQTT run's fields of the BENCH line, with its ratio to the HTTPS run. */
    private String mqttFigures(LoadDriver mqtt, double httpsPerSecond) {
        double perSecond = BenchStats.perSecond(mqtt.windowReadings(), seconds * 1_000_000_000L);
        double[] latencies = mqtt.windowLatenciesMs();
        console.err()
                .println(String.format(
                        Locale.ROOT, "MQTT end to end: %.0f readings/s, %d batches", perSecond, latencies.length));
        return " mqtt_readings_per_s=" + BenchStats.format(perSecond) + " mqtt_p50_ms="
                + BenchStats.format(latencies.length == 0 ? Double.NaN : BenchStats.percentile(latencies, 50))
                + " mqtt_p99_ms="
                + BenchStats.format(latencies.length == 0 ? Double.NaN : BenchStats.percentile(latencies, 99))
                + " mqtt_to_https=" + String.format(Locale.ROOT, "%.3f", BenchStats.ratio(perSecond, httpsPerSecond));
    }

    /** Starts {@code --in-flight} chains of batches per device, each sending its next batch once one is acked. */
    private AtomicBoolean keepInFlight(LoadDriver driver, List<LoadDriver.Device> fleetDevices) {
        AtomicBoolean running = new AtomicBoolean(true);
        for (LoadDriver.Device device : fleetDevices) {
            for (int k = 0; k < inFlight; k++) {
                chain(driver, device, running);
            }
        }
        return running;
    }

    private void chain(LoadDriver driver, LoadDriver.Device device, AtomicBoolean running) {
        driver.send(device, batchSize).whenComplete((ack, error) -> {
            if (error == null && running.get()) {
                chain(driver, device, running);
            }
        });
    }

    /**
     * Opens the measurement window after the warm-up and shows the progress until it closes; returns the CPU clock's
     * advance between the first sample inside the window and the close (within 250 ms of the window).
     */
    private long warmUpAndMeasure(LoadDriver driver, LongSupplier cpuNanos) throws InterruptedException {
        long start = System.nanoTime();
        long windowStart = start + warmup * 1_000_000_000L;
        long windowEnd = windowStart + seconds * 1_000_000_000L;
        driver.window(windowStart, windowEnd);
        ProgressBar bar = new ProgressBar(console.err());
        console.err()
                .println("Sending " + batchSize + "-reading batches from " + devices + " devices: " + warmup
                        + " s warm-up, then " + seconds + " s measured");
        long cpuAtStart = -1;
        while (System.nanoTime() < windowEnd) {
            Thread.sleep(250);
            long now = System.nanoTime();
            if (cpuAtStart < 0 && now >= windowStart) {
                cpuAtStart = cpuNanos.getAsLong();
            }
            bar.show(
                    (double) (now - start) / (windowEnd - start),
                    (now < windowStart ? "warm-up" : "measuring") + " acked=" + driver.acked() + " failed="
                            + driver.failed());
        }
        bar.done("acked=" + driver.acked() + " failed=" + driver.failed());
        return cpuNanos.getAsLong() - Math.max(0, cpuAtStart);
    }

    /** Prints the end-to-end figures of the window, measures the raw insert rate and returns the BENCH line. */
    private String report(LoadDriver driver, DataDir data) throws Exception {
        double readingsPerSecond = BenchStats.perSecond(driver.windowReadings(), seconds * 1_000_000_000L);
        double[] latencies = driver.windowLatenciesMs();
        // No acknowledged batch in the window: the latencies are unknown, not zero.
        double p50 = latencies.length == 0 ? Double.NaN : BenchStats.percentile(latencies, 50);
        double p99 = latencies.length == 0 ? Double.NaN : BenchStats.percentile(latencies, 99);
        console.err()
                .println(String.format(
                        Locale.ROOT,
                        "End to end: %.0f readings/s, %d batches, p50 %.1f ms, p99 %.1f ms, %d readings failed",
                        readingsPerSecond,
                        latencies.length,
                        p50,
                        p99,
                        driver.failed()));
        double raw = rawInsert(data);
        return line(readingsPerSecond, p50, p99, raw, devices, batchSize);
    }

    private double rawInsert(DataDir data) throws Exception {
        OptionalInt port = DatabaseAccount.embeddedPort(data.logs().resolve("gateway.log"));
        if (port.isEmpty()) {
            throw new StackException("No \"Embedded MariaDB listening on\" line in "
                    + data.logs().resolve("gateway.log") + ": the gateway does not use its embedded MariaDB");
        }
        Progress progress = Progress.start(
                console.err(),
                "Raw batched INSERTs into a scratch table like telemetry (" + rawConnections + " connections, "
                        + seconds + " s)");
        double raw = new RawInsertBench(
                        RawInsertBench.jdbcUrl(port.getAsInt()),
                        DatabaseAccount.of(data.gateway()),
                        batchSize,
                        rawConnections)
                .run(seconds);
        progress.done(String.format(Locale.ROOT, "%.0f rows/s", raw));
        return raw;
    }
}
