package org.biotdm.cli.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.Callable;
import org.biotdm.cli.BiotdmMain;
import org.biotdm.cli.Console;
import org.biotdm.cli.Home;
import org.biotdm.cli.ProgressBar;
import org.biotdm.cli.stack.ChildProcess;
import org.biotdm.cli.stack.DataDir;
import org.biotdm.cli.stack.GatewayInstance;
import org.biotdm.cli.stack.Stack;
import org.biotdm.cli.stack.StackException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code biotdm bench connections}: how many devices the gateway holds connected at once, and the memory each costs.
 *
 * <p>Every device is a real SDK client with its own key and certificate, provisioned through the real flow (admin
 * registration in batches through {@code POST /api/v1/devices:batch}, claim token + CSR, claims group-committed by the
 * gateway), holding one mutual-TLS keep-alive connection to a device port with a command long
 * poll open on it ({@code GET /device/v1/commands?wait=55}, polled again whenever it ends), which is how an idle
 * device waits for commands. The devices run in several client processes and, when one gateway process cannot hold
 * them all, on several gateway-api instances sharing the first one's MariaDB and device CA (as a scaled-out deployment
 * runs): a process can hold no more sockets than its open-files limit ({@code ulimit -n}), so by default each
 * process gets at most that limit minus a reserve. Rate limits are off in the benchmark's stack, because all devices
 * are provisioned by one admin from one address.
 *
 * <p>Phases: provision (skipped for devices whose state is kept in {@code --data-dir}), then the baseline: the live
 * heap (after a full collection, {@code jcmd GC.run}), the direct buffers (Native Memory Tracking's {@code Other},
 * which the benchmark turns on in its gateways) and resident memory of every gateway with the whole fleet registered
 * and cached but nothing connected; then connect; then hold for {@code --hold} seconds, counting the established
 * connections on the device ports from the kernel's table every 5 s; then the memory again.
 * Per-device figures are (connected − baseline) / devices connected. {@code held_min} is the fewest established
 * connections seen on the device ports (one per device; a device briefly has two while it replaces a connection).
 * With {@code --transport mqtt} the HTTPS client processes are then stopped, and the same devices connect to the
 * gateways' MQTT ports (mutual TLS, MQTT 5, subscribed to their command topics) after a new baseline: the two
 * transports' costs come from the same gateways in the same run. Netty's pooled allocator keeps the direct memory
 * it took for the HTTPS phase, so the MQTT phase's direct figure counts only what it needed beyond that.
 * Exit status 0 when every device connected, never fewer connections than devices were seen, and no long poll
 * failed.
 *
 * <p>Last line: {@code BENCH connections devices=… connected=… held_min=… heap_per_device_kb=… direct_per_device_kb=…
 * rss_per_device_kb=… baseline_heap_mb=… connected_heap_mb=… target_devices=50000 gateways=… polls=… poll_errors=…
 * connect_s=… provision_per_s=… fd_limit=… [mqtt_connected=… mqtt_held_min=… mqtt_heap_per_device_kb=…
 * mqtt_direct_per_device_kb=… mqtt_rss_per_device_kb=… mqtt_connect_s=… mqtt_heap_to_https=…] transport=https|mqtt}.
 */
@Command(
        name = "connections",
        mixinStandardHelpOptions = true,
        description = {
            "Concurrently connected devices (mTLS keep-alive, command long poll open) and the memory each costs.",
            "Last line: BENCH connections devices=.. connected=.. held_min=.. target_devices=50000 gateways=.."
                    + " heap_per_device_kb=.. direct_per_device_kb=.. rss_per_device_kb=.. baseline_heap_mb=.."
                    + " connected_heap_mb=.. [mqtt_connected=.. mqtt_heap_per_device_kb=.. ...] transport=.. (baseline:"
                    + " the same gateways with the fleet provisioned, nothing connected)."
        })
final class ConnectionsBench implements Callable<Integer> {
    /** The target of issue 6: devices held connected at once. */
    public static final int TARGET_DEVICES = 50_000;

    private static final int FD_RESERVE = 2_000;
    private static final Duration PHASE_TIMEOUT = Duration.ofHours(2);
    private static final String PREFIX = "conn";
    private static final String MQTT = "mqtt";

    @Mixin
    BenchStack benchStack = new BenchStack();

    @Option(
            names = "--devices",
            paramLabel = "N",
            defaultValue = "50000",
            description = "Devices to connect (default: ${DEFAULT-VALUE}).")
    int devices;

    @Option(
            names = "--per-process",
            paramLabel = "N",
            defaultValue = "0",
            description = "Most connections per gateway or client process; 0: the open-files limit minus " + FD_RESERVE
                    + " (default).")
    int perProcess;

    @Option(
            names = "--hold",
            paramLabel = "SECONDS",
            defaultValue = "60",
            description = "How long the connections are held and counted (default: ${DEFAULT-VALUE}).")
    int holdSeconds;

    @Option(
            names = "--wait",
            paramLabel = "SECONDS",
            defaultValue = "55",
            description = "The devices' long-poll wait, 1-60 (default: ${DEFAULT-VALUE}).")
    int waitSeconds;

    @Option(
            names = "--concurrency",
            paramLabel = "N",
            defaultValue = "48",
            description = "Provisionings or TLS handshakes in flight per client process (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(
            names = "--client-heap",
            paramLabel = "SIZE",
            defaultValue = "3g",
            description = "Heap of each client process, as for -Xmx (default: ${DEFAULT-VALUE}).")
    String clientHeap;

    @Option(
            names = "--transport",
            paramLabel = "https|mqtt",
            defaultValue = "https",
            description = "mqtt also holds the devices on the gateways' MQTT ports, after the HTTPS figures of the same"
                    + " run (default: ${DEFAULT-VALUE}).")
    String transport;

    @Mixin
    Console console = new Console();

    /**
     * Checks the arguments.
     *
     * @return the first problem, or null when none
     */
    String validate() {
        if (devices < 1 || devices > 1_000_000) {
            return "--devices must be 1-1000000, was " + devices;
        }
        if (perProcess < 0) {
            return "--per-process must be 0 or more, was " + perProcess;
        }
        if (holdSeconds < 1 || holdSeconds > 86_400) {
            return "--hold must be 1-86400 seconds, was " + holdSeconds;
        }
        if (waitSeconds < 1 || waitSeconds > 60) {
            return "--wait must be 1-60 seconds, was " + waitSeconds;
        }
        if (concurrency < 1 || concurrency > 1_000) {
            return "--concurrency must be 1-1000, was " + concurrency;
        }
        if (!"https".equals(transport) && !MQTT.equals(transport)) {
            return "--transport must be https or mqtt, was " + transport;
        }
        if (!clientHeap.matches("\\d+[kKmMgG]?")) {
            return "--client-heap must look like 512m or 3g, was " + clientHeap;
        }
        return null;
    }

    /**
     * Returns how many connections one process may hold.
     *
     * @param requested {@code --per-process}, 0 for the default
     * @param fdLimit this process's open-files limit (children inherit it)
     * @return the connections per process, at least 1
     */
    static int connectionsPerProcess(int requested, long fdLimit) {
        if (requested > 0) {
            return requested;
        }
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, fdLimit - FD_RESERVE));
    }

    /**
     * Splits the devices into slices of at most {@code perProcess}, as evenly as possible.
     *
     * @param devices how many devices
     * @param perProcess most per slice
     * @return each slice's first device number and size
     */
    static List<int[]> slices(int devices, int perProcess) {
        int count = (devices + perProcess - 1) / perProcess;
        List<int[]> slices = new ArrayList<>();
        int first = 0;
        for (int i = 0; i < count; i++) {
            int size = devices / count + (i < devices % count ? 1 : 0);
            slices.add(new int[] {first, size});
            first += size;
        }
        return slices;
    }

    @Override
    public Integer call() throws Exception {
        String problem = validate();
        if (problem != null) {
            return console.refuse(problem);
        }
        long fdLimit = openFilesLimit();
        int perSlice = connectionsPerProcess(perProcess, fdLimit);
        List<int[]> slices = slices(devices, perSlice);
        console.err()
                .printf(
                        Locale.ROOT,
                        "%d devices in %d slices of at most %d (open-files limit %d): %d gateway instances, %d client"
                                + " processes%n",
                        devices,
                        slices.size(),
                        perSlice,
                        fdLimit,
                        slices.size(),
                        slices.size());
        benchStack.fixDatabasePort();
        benchStack.gatewayProperty("biotdm.rate-limits.enabled", "false");
        // The direct buffers' memory is read from Native Memory Tracking, which must be on from the JVM's start.
        benchStack.gatewayJvmOption("-XX:NativeMemoryTracking=summary");
        return benchStack.run(console.err(), stack -> {
            for (int i = 1; i < slices.size(); i++) {
                stack.startAdditionalGateway();
            }
            return measure(
                    new Run(Home.detect(), stack, slices, stack.organisations().get(0)), fdLimit);
        });
    }

    /** What every phase's client processes are started with. */
    private record Run(Home home, Stack stack, List<int[]> slices, String msp) {}

    private int measure(Run run, long fdLimit) throws Exception {
        long provisionStart = System.nanoTime();
        OptionalLong provisioned = provision(run);
        if (provisioned.isEmpty()) {
            return 1;
        }
        double provisionPerSecond = provisioned.getAsLong() / ((System.nanoTime() - provisionStart) / 1e9);
        long[] polls = new long[2];
        ConnectionsFigures.Phase https = connectAndHold(run, false, polls);
        String line = line(run.stack().gateways().size(), https, polls, provisionPerSecond, fdLimit);
        boolean ok = https.connected() == devices && https.heldMin() >= devices && polls[1] == 0;
        if (MQTT.equals(transport)) {
            ConnectionsFigures.Phase mqtt = connectAndHold(run, true, new long[2]);
            line += " " + mqtt.mqttFields(https);
            ok &= mqtt.connected() == devices && mqtt.heldMin() >= devices;
        }
        console.result(line + " transport=" + transport);
        return ok ? 0 : 1;
    }

    /** Provisions the fleet (client processes that exit when done); returns the devices provisioned, empty on failure. */
    private OptionalLong provision(Run run) throws Exception {
        List<ChildProcess> provisioning = new ArrayList<>();
        startWorkers(run, "provision", false, provisioning);
        long provisioned = awaitPhase(provisioning, "PROVISIONED", "Provisioning " + devices + " devices", true);
        for (ChildProcess worker : provisioning) {
            if (worker.exitValue() != 0) {
                console.err().println("Provisioning failed in " + worker.name() + "; see " + worker.log());
                worker.tail(8).forEach(console.err()::println);
                return OptionalLong.empty();
            }
        }
        return OptionalLong.of(provisioned);
    }

    /**
     * Measures the baseline (nothing connected), connects the fleet over one transport, holds it, measures the memory
     * again and stops the client processes, whose connections the gateways then close.
     *
     * @param polls receives the long polls completed and failed (HTTPS; over MQTT they wait on pushed commands)
     */
    private ConnectionsFigures.Phase connectAndHold(Run run, boolean mqtt, long[] polls) throws Exception {
        List<GatewayInstance> gateways = run.stack().gateways();
        GatewayProbe probe = new GatewayProbe(console.err());
        String over = mqtt ? "MQTT" : "HTTPS";
        ConnectionsFigures.Memory baseline = probe.memory(gateways, "baseline (fleet provisioned, nothing connected)");
        List<ChildProcess> clients = new ArrayList<>();
        try {
            long connectStart = System.nanoTime();
            startWorkers(run, "connect", mqtt, clients);
            long connected =
                    awaitPhase(clients, "CONNECTED", "Connecting " + devices + " devices (mTLS, " + over + ")", false);
            double connectSeconds = (System.nanoTime() - connectStart) / 1e9;
            Set<Integer> ports = new LinkedHashSet<>();
            gateways.forEach(g -> ports.add((mqtt ? g.mqttUrl() : g.deviceUrl()).getPort()));
            long heldMin = probe.hold(ports, clients, Duration.ofSeconds(holdSeconds));
            ConnectionsFigures.Memory loaded =
                    probe.memory(gateways, "with " + connected + " devices connected over " + over);
            heldMin = Math.min(heldMin, GatewayProbe.established(ports));
            System.arraycopy(WorkerLogs.pollFigures(clients), 0, polls, 0, 2);
            return new ConnectionsFigures.Phase(connected, heldMin, baseline, loaded, connectSeconds);
        } finally {
            for (ChildProcess client : clients) {
                client.stop(Duration.ofSeconds(10));
            }
        }
    }

    private String line(
            int gateways, ConnectionsFigures.Phase https, long[] polls, double provisionPerSecond, long fdLimit) {
        return String.format(
                Locale.ROOT,
                "BENCH connections devices=%d %s target_devices=%d gateways=%d polls=%d poll_errors=%d connect_s=%.0f"
                        + " provision_per_s=%.0f fd_limit=%d",
                devices,
                https.httpsFields(),
                TARGET_DEVICES,
                gateways,
                polls[0],
                polls[1],
                https.connectSeconds(),
                provisionPerSecond,
                fdLimit);
    }

    /** Starts one client process per slice, each on its own gateway instance, adding each to {@code started}. */
    private void startWorkers(Run run, String phase, boolean mqtt, List<ChildProcess> started) throws IOException {
        List<GatewayInstance> gateways = run.stack().gateways();
        for (int i = 0; i < run.slices().size(); i++) {
            started.add(startWorker(run, gateways.get(i), run.slices().get(i), phase + (mqtt ? "-mqtt" : ""), i));
        }
    }

    private ChildProcess startWorker(Run run, GatewayInstance gateway, int[] slice, String phase, int index)
            throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx" + clientHeap,
                "-D" + Home.PROPERTY + "=" + run.home().root(),
                "-cp",
                System.getProperty("java.class.path"),
                BiotdmMain.class.getName(),
                "connections-worker"));
        command.addAll(workerOptions(run, gateway, slice, phase.replace("-mqtt", "")));
        if (phase.endsWith("-mqtt")) {
            command.addAll(List.of("--mqtt-url", gateway.mqttUrl().toString()));
        }
        Path log = run.stack().dataDir().logs().resolve("connections-" + phase + "-" + (index + 1) + ".log");
        // The progress is read from the log's tail: an earlier run's lines must not count.
        Files.deleteIfExists(log);
        return ChildProcess.start(
                "client process " + (index + 1) + " (" + phase + ")",
                command,
                run.home().root(),
                log);
    }

    private List<String> workerOptions(Run run, GatewayInstance gateway, int[] slice, String phase) {
        DataDir dataDir = run.stack().dataDir();
        return List.of(
                "--phase",
                phase,
                "--api",
                gateway.apiUrl().toString(),
                "--device-url",
                gateway.deviceUrl().toString(),
                "--server-cert",
                gateway.serverCertificate().toString(),
                "--credentials",
                dataDir.credentials().toString(),
                "--msp",
                run.msp(),
                "--state-root",
                dataDir.devices().resolve("connections").toString(),
                "--prefix",
                PREFIX,
                "--first",
                Integer.toString(slice[0]),
                "--count",
                Integer.toString(slice[1]),
                "--wait",
                Integer.toString(waitSeconds),
                "--concurrency",
                Integer.toString(concurrency));
    }

    /**
     * Waits until every worker has finished the phase (provision: exited; connect: printed its {@code -ALL} line),
     * showing the summed progress.
     *
     * @return the devices done in all
     */
    private long awaitPhase(List<ChildProcess> workers, String tag, String what, boolean untilExit)
            throws InterruptedException, IOException {
        ProgressBar bar = new ProgressBar(console.err());
        console.err().println(what + " ...");
        long deadline = System.nanoTime() + PHASE_TIMEOUT.toNanos();
        while (true) {
            WorkerLogs.PhaseProgress progress = new WorkerLogs.PhaseProgress();
            for (ChildProcess worker : workers) {
                progress.read(worker, tag, untilExit);
            }
            String status =
                    progress.done + "/" + devices + (progress.failed > 0 ? ", " + progress.failed + " failed" : "");
            if (progress.finished == workers.size()) {
                bar.done(status);
                return progress.done;
            }
            if (System.nanoTime() > deadline) {
                throw new StackException(what + " did not finish within " + PHASE_TIMEOUT.toMinutes() + " min");
            }
            bar.show(progress.done / (double) devices, status);
            Thread.sleep(1000);
        }
    }

    private static long openFilesLimit() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            return unix.getMaxFileDescriptorCount();
        }
        return 10_000;
    }
}
