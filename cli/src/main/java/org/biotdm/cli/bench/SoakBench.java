package org.biotdm.cli.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import org.biotdm.cli.Console;
import org.biotdm.cli.Credentials;
import org.biotdm.cli.DeviceFleet;
import org.biotdm.cli.DeviceRegistrar;
import org.biotdm.cli.replay.LoadDriver;
import org.biotdm.cli.stack.DataDir;
import org.biotdm.cli.stack.DatabaseAccount;
import org.biotdm.cli.stack.Stack;
import org.biotdm.cli.stack.StackException;
import org.biotdm.device.sdk.DeviceClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code biotdm bench soak}: a long run at a steady share of the measured ingest capacity, to see whether anything
 * grows that should not. It starts its own stack, measures the capacity in the same run (devices keeping two batches
 * in flight, as {@code bench ingest}), then sends telemetry at {@code --share} of it with commands and live sessions
 * ({@link SoakLoad}) for {@code --minutes}, sampling the gateway ({@link SoakProbe}) one minute in (the start) and every
 * {@code --sample-every} minutes to the end. The run is FLAT when, from start to end, the live heap grew by at most
 * 25 % plus 16 MiB, threads by at most 8, open files by at most 16, MariaDB's bytes per reading by at most 25 %,
 * every issued command got its receipt and no telemetry failed; otherwise GROWING, exit status 1. The last line is
 * {@code BENCH soak minutes=… capacity_per_s=… rate_per_s=… acked=… failed=… … heap_mb=START->END threads=… fds=…
 * bytes_per_reading=… result=FLAT|GROWING}.
 */
@Command(
        name = "soak",
        mixinStandardHelpOptions = true,
        description = {
            "Runs telemetry at a share of the capacity measured in the same run, with commands and live sessions, for"
                    + " a long time, and compares the gateway's live heap, threads, open files and MariaDB's bytes"
                    + " per reading at the start and the end.",
            "Starts its own stack on free ports (temporary data directory unless --data-dir) and stops it after.",
            "Last line: BENCH soak minutes=... capacity_per_s=... rate_per_s=... heap_mb=START->END threads=..."
                    + " fds=... bytes_per_reading=... result=FLAT|GROWING"
        })
final class SoakBench implements Callable<Integer> {
    private static final String GROUP = "soak";
    private static final int CAPACITY_WARMUP_S = 10;

    @Option(names = "--minutes", paramLabel = "M", defaultValue = "60", description = "Soak length (default: 60).")
    int minutes;

    @Option(names = "--devices", paramLabel = "N", defaultValue = "16", description = "Devices (default: 16).")
    int devices;

    @Option(
            names = "--batch-size",
            paramLabel = "B",
            defaultValue = "100",
            description = "Readings per batch, 1-1000 (default: 100).")
    int batchSize;

    @Option(
            names = "--share",
            paramLabel = "F",
            defaultValue = "0.5",
            description = "Share of the measured capacity to send, 0.01-1 (default: 0.5).")
    double share;

    @Option(
            names = "--capacity-seconds",
            paramLabel = "S",
            defaultValue = "30",
            description = "Seconds the capacity is measured, after a 10 s warm-up (default: 30).")
    int capacitySeconds;

    @Option(
            names = "--command-every",
            paramLabel = "S",
            defaultValue = "10",
            description = "Seconds between commands (default: 10).")
    int commandEvery;

    @Option(
            names = "--live-sessions",
            paramLabel = "K",
            defaultValue = "4",
            description = "Live /ws/events sessions, 0-5 (default: 4; one person may hold 5).")
    int liveSessions;

    @Option(
            names = "--sample-every",
            paramLabel = "M",
            defaultValue = "5",
            description = "Minutes between samples (default: 5).")
    int sampleEvery;

    @Mixin
    BenchStack benchStack = new BenchStack();

    @Mixin
    Console console = new Console();

    /**
     * Checks the options' ranges.
     *
     * @return the first problem, or null when none
     */
    String validate() {
        if (minutes < 2 || minutes > 24 * 60) {
            return "--minutes must be 2-1440";
        }
        if (devices < 1 || devices > 1_000 || batchSize < 1 || batchSize > 1_000) {
            return "--devices and --batch-size must be 1-1000";
        }
        if (!(share >= 0.01 && share <= 1)) {
            return "--share must be 0.01-1";
        }
        if (capacitySeconds < 5 || commandEvery < 1 || sampleEvery < 1) {
            return "--capacity-seconds must be 5 or more, --command-every and --sample-every 1 or more";
        }
        return liveSessions < 0 || liveSessions > 5 ? "--live-sessions must be 0-5" : null;
    }

    @Override
    public Integer call() throws Exception {
        return benchStack.run(console, validate(), this::measure);
    }

    private int measure(Stack stack) throws Exception {
        DataDir data = stack.dataDir();
        Credentials credentials = Credentials.load(data.credentials());
        String org1 = stack.organisations().get(0);
        DeviceRegistrar registrar = DeviceRegistrar.asAdmin(stack.api(), credentials, org1, id -> "soak-sensor", GROUP);
        try (DeviceFleet fleet =
                DeviceFleet.open(stack.deviceUrl(), data.ingressCertificate(), data.devices(), registrar, false)) {
            List<LoadDriver.Device> loadDevices =
                    LoadDriver.provision(fleet.devices(), devices, "soak-%05d", console.err());
            double capacity = capacity(loadDevices);
            LoadDriver.drain(fleet.devices(), console.err());
            stack.api().grantOperator(credentials, org1, GROUP, List.of(SoakLoad.COMMAND_TYPE));
            List<DeviceClient> clients = new ArrayList<>();
            for (int i = 0; i < devices; i++) {
                clients.add(fleet.devices().device(String.format(Locale.ROOT, "soak-%05d", i)));
            }
            double rate = share * capacity;
            long periodMillis = Math.max(1, Math.round(devices * batchSize * 1000.0 / rate));
            SoakProbe probe = probe(stack, data);
            SoakLoad load = new SoakLoad(
                    stack.api(),
                    credentials.find(org1, "operator").orElseThrow(),
                    credentials.find(org1, "admin").orElseThrow());
            try (load) {
                load.telemetry(loadDevices, batchSize, periodMillis);
                load.commands(clients, fleet.loop(), commandEvery);
                load.live(liveSessions);
                SoakProbe.Sample[] ends = soak(probe, load);
                return verdict(ends[0], ends[1], capacity, rate, load);
            }
        }
    }

    /** Closed-loop load with two batches in flight per device: the readings acknowledged per second. */
    private double capacity(List<LoadDriver.Device> loadDevices) throws InterruptedException {
        LoadDriver driver = new LoadDriver();
        AtomicBoolean running = new AtomicBoolean(true);
        for (LoadDriver.Device device : loadDevices) {
            chain(driver, device, running);
            chain(driver, device, running);
        }
        long start = System.nanoTime() + CAPACITY_WARMUP_S * 1_000_000_000L;
        driver.window(start, start + capacitySeconds * 1_000_000_000L);
        console.err()
                .println("Measuring the ingest capacity: " + CAPACITY_WARMUP_S + " s warm-up, then " + capacitySeconds
                        + " s");
        Thread.sleep((CAPACITY_WARMUP_S + capacitySeconds) * 1000L);
        running.set(false);
        double capacity = BenchStats.perSecond(driver.windowReadings(), capacitySeconds * 1_000_000_000L);
        if (capacity <= 0) {
            throw new StackException("No reading was acknowledged while measuring the capacity");
        }
        console.err().println(String.format(Locale.ROOT, "Capacity: %.0f readings/s", capacity));
        return capacity;
    }

    private void chain(LoadDriver driver, LoadDriver.Device device, AtomicBoolean running) {
        driver.send(device, batchSize).whenComplete((ack, error) -> {
            if (error == null && running.get()) {
                chain(driver, device, running);
            }
        });
    }

    private static SoakProbe probe(Stack stack, DataDir data) throws Exception {
        OptionalInt port = DatabaseAccount.embeddedPort(data.logs().resolve("gateway.log"));
        if (port.isEmpty()) {
            throw new StackException("The gateway's log names no embedded MariaDB port");
        }
        long pid = ProcessProbe.jvmOf(stack.gateways().get(0).process().handle());
        return new SoakProbe(pid, RawInsertBench.jdbcUrl(port.getAsInt()), DatabaseAccount.of(data.gateway()));
    }

    /** Samples one minute in, then every --sample-every minutes, and at the end: {start, end}. */
    private SoakProbe.Sample[] soak(SoakProbe probe, SoakLoad load) throws Exception {
        long start = System.nanoTime();
        console.err()
                .println("Soaking for " + minutes + " minutes; samples at minute 1, every " + sampleEvery
                        + " minutes and at the end");
        Thread.sleep(60_000);
        SoakProbe.Sample first = probe.sample(1);
        console.err().println("start " + first.line() + " " + load.counts());
        SoakProbe.Sample last = first;
        for (int minute = 1 + sampleEvery; minute < minutes; minute += sampleEvery) {
            sleepUntil(start, minute);
            last = probe.sample(minute);
            console.err().println("      " + last.line() + " " + load.counts());
        }
        sleepUntil(start, minutes);
        last = probe.sample(minutes);
        console.err().println("end   " + last.line() + " " + load.counts());
        return new SoakProbe.Sample[] {first, last};
    }

    private static void sleepUntil(long start, int minute) throws InterruptedException {
        long wait = (start + minute * 60_000_000_000L - System.nanoTime()) / 1_000_000;
        if (wait > 0) {
            Thread.sleep(wait);
        }
    }

    private int verdict(SoakProbe.Sample start, SoakProbe.Sample end, double capacity, double rate, SoakLoad load) {
        long[] commands = load.commandCounts();
        boolean flat = end.liveHeapBytes() <= start.liveHeapBytes() * 1.25 + 16 * 1048576.0
                && end.threads() <= start.threads() + 8
                && end.openFiles() <= start.openFiles() + 16
                && end.bytesPerReading() <= start.bytesPerReading() * 1.25
                && commands[0] > 0
                && commands[1] >= commands[0] - 1 // the last command may still be on its way
                && load.driver().failed() == 0;
        console.result(String.format(
                Locale.ROOT,
                "BENCH soak minutes=%d capacity_per_s=%s rate_per_s=%s acked=%d failed=%d %s heap_mb=%.1f->%.1f"
                        + " threads=%d->%d fds=%d->%d bytes_per_reading=%.1f->%.1f devices=%d batch=%d result=%s",
                minutes,
                BenchStats.format(capacity),
                BenchStats.format(rate),
                load.driver().acked(),
                load.driver().failed(),
                load.counts(),
                start.liveHeapBytes() / 1048576.0,
                end.liveHeapBytes() / 1048576.0,
                start.threads(),
                end.threads(),
                start.openFiles(),
                end.openFiles(),
                start.bytesPerReading(),
                end.bytesPerReading(),
                devices,
                batchSize,
                flat ? "FLAT" : "GROWING"));
        return flat ? 0 : 1;
    }
}
