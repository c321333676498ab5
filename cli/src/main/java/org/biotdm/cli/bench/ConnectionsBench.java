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
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.biotdm.cli.BiotdmMain;
import org.biotdm.cli.Console;
import org.biotdm.cli.Home;
import org.biotdm.cli.Progress;
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
 * heap (after a full collection, {@code jcmd GC.run}) and resident memory of every gateway with the whole fleet
 * registered and cached but nothing connected; then connect; then hold for {@code --hold} seconds, counting the
 * established connections on the device ports from the kernel's table every 5 s; then heap and resident memory again.
 * Per-device figures are (connected − baseline) / devices connected. {@code held_min} is the fewest established
 * connections seen on the device ports (one per device; a device briefly has two while it replaces a connection).
 * Exit status 0 when every device connected, never fewer connections than devices were seen, and no long poll
 * failed.
 *
 * <p>Last line: {@code BENCH connections devices=… connected=… held_min=… target_devices=50000 gateways=…
 * heap_per_device_kb=… rss_per_device_kb=… baseline_heap_mb=… connected_heap_mb=… polls=… poll_errors=…
 * connect_s=… provision_per_s=… fd_limit=…}.
 */
@Command(
        name = "connections",
        mixinStandardHelpOptions = true,
        description = {
            "Concurrently connected devices (mTLS keep-alive, command long poll open) and the memory each costs.",
            "Last line: BENCH connections devices=.. connected=.. held_min=.. target_devices=50000 gateways=.."
                    + " heap_per_device_kb=.. rss_per_device_kb=.. baseline_heap_mb=.. connected_heap_mb=.. (baseline:"
                    + " the same gateways with the fleet provisioned, nothing connected)."
        })
final class ConnectionsBench implements Callable<Integer> {
    /** The target of issue 6: devices held connected at once. */
    public static final int TARGET_DEVICES = 50_000;

    private static final int FD_RESERVE = 2_000;
    private static final Duration SAMPLE_INTERVAL = Duration.ofSeconds(5);
    private static final Duration PHASE_TIMEOUT = Duration.ofHours(2);
    private static final String PREFIX = "conn";

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

    /** The gateways' memory with the fleet provisioned and nothing connected, and the provisioning rate. */
    private record Baseline(Memory memory, double provisionPerSecond) {}

    private int measure(Run run, long fdLimit) throws Exception {
        Optional<Baseline> baseline = provision(run);
        if (baseline.isEmpty()) {
            return 1;
        }
        List<ChildProcess> clients = new ArrayList<>();
        try {
            return connectAndHold(run, clients, baseline.get(), fdLimit);
        } finally {
            for (ChildProcess client : clients) {
                client.stop(Duration.ofSeconds(10));
            }
        }
    }

    /** Provisions the fleet (client processes that exit when done), then measures the baseline. */
    private Optional<Baseline> provision(Run run) throws Exception {
        long provisionStart = System.nanoTime();
        List<ChildProcess> provisioning = new ArrayList<>();
        startWorkers(run, "provision", provisioning);
        long provisioned = awaitPhase(provisioning, "PROVISIONED", "Provisioning " + devices + " devices", true);
        double provisionSeconds = (System.nanoTime() - provisionStart) / 1e9;
        for (ChildProcess worker : provisioning) {
            if (worker.exitValue() != 0) {
                console.err().println("Provisioning failed in " + worker.name() + "; see " + worker.log());
                worker.tail(8).forEach(console.err()::println);
                return Optional.empty();
            }
        }
        Memory memory = memory(run.stack().gateways(), "baseline (fleet provisioned, nothing connected)");
        return Optional.of(new Baseline(memory, provisioned / provisionSeconds));
    }

    /** Connects the fleet, holds it, measures the memory again and prints the BENCH line; returns the status. */
    private int connectAndHold(Run run, List<ChildProcess> clients, Baseline baseline, long fdLimit) throws Exception {
        List<GatewayInstance> gateways = run.stack().gateways();
        long connectStart = System.nanoTime();
        startWorkers(run, "connect", clients);
        long connected = awaitPhase(clients, "CONNECTED", "Connecting " + devices + " devices (mTLS)", false);
        double connectSeconds = (System.nanoTime() - connectStart) / 1e9;
        Set<Integer> ports = new LinkedHashSet<>();
        gateways.forEach(g -> ports.add(g.deviceUrl().getPort()));
        long heldMin = hold(ports, clients);
        Memory loaded = memory(gateways, "with " + connected + " devices connected");
        heldMin = Math.min(heldMin, sum(ProcessProbe.establishedConnections(ports)));
        long[] polls = WorkerLogs.pollFigures(clients);
        console.result(line(
                new Result(connected, heldMin, gateways.size(), baseline.memory(), loaded, polls, connectSeconds),
                baseline.provisionPerSecond(),
                fdLimit));
        return connected == devices && heldMin >= devices && polls[1] == 0 ? 0 : 1;
    }

    /** The figures of the connected phase. */
    private record Result(
            long connected,
            long heldMin,
            int gateways,
            Memory baseline,
            Memory loaded,
            long[] polls,
            double connectS) {}

    private String line(Result r, double provisionPerSecond, long fdLimit) {
        double heapPerDevice = r.connected() == 0
                ? Double.NaN
                : (r.loaded().heapBytes - r.baseline().heapBytes) / 1024.0 / r.connected();
        double rssPerDevice = r.connected() == 0
                ? Double.NaN
                : (r.loaded().rssBytes - r.baseline().rssBytes) / 1024.0 / r.connected();
        return String.format(
                Locale.ROOT,
                "BENCH connections devices=%d connected=%d held_min=%d target_devices=%d gateways=%d"
                        + " heap_per_device_kb=%.1f rss_per_device_kb=%.1f baseline_heap_mb=%.0f"
                        + " connected_heap_mb=%.0f polls=%d poll_errors=%d connect_s=%.0f provision_per_s=%.0f"
                        + " fd_limit=%d",
                devices,
                r.connected(),
                r.heldMin(),
                TARGET_DEVICES,
                r.gateways(),
                heapPerDevice,
                rssPerDevice,
                r.baseline().heapBytes / 1048576.0,
                r.loaded().heapBytes / 1048576.0,
                r.polls()[0],
                r.polls()[1],
                r.connectS(),
                provisionPerSecond,
                fdLimit);
    }

    /** Starts one client process per slice, each on its own gateway instance, adding each to {@code started}. */
    private void startWorkers(Run run, String phase, List<ChildProcess> started) throws IOException {
        List<GatewayInstance> gateways = run.stack().gateways();
        for (int i = 0; i < run.slices().size(); i++) {
            started.add(startWorker(run, gateways.get(i), run.slices().get(i), phase, i));
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
        command.addAll(workerOptions(run, gateway, slice, phase));
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

    private long hold(Set<Integer> ports, List<ChildProcess> clients) throws IOException, InterruptedException {
        ProgressBar bar = new ProgressBar(console.err());
        console.err()
                .println("Holding the connections for " + holdSeconds + " s, counting them every "
                        + SAMPLE_INTERVAL.toSeconds() + " s ...");
        long start = System.nanoTime();
        long end = start + Duration.ofSeconds(holdSeconds).toNanos();
        long min = Long.MAX_VALUE;
        while (true) {
            long held = sum(ProcessProbe.establishedConnections(ports));
            min = Math.min(min, held);
            for (ChildProcess client : clients) {
                if (!client.isAlive()) {
                    throw new StackException(
                            "The " + client.name() + " exited with status " + client.exitValue(), client);
                }
            }
            long now = System.nanoTime();
            if (now >= end) {
                bar.done("held " + held + " (fewest " + min + ")");
                return min;
            }
            bar.show((now - start) / (double) (end - start), "held " + held + " (fewest " + min + ")");
            Thread.sleep(Math.min(SAMPLE_INTERVAL.toMillis(), Math.max(1, (end - now) / 1_000_000)));
        }
    }

    private Memory memory(List<GatewayInstance> gateways, String when) throws IOException, InterruptedException {
        Progress progress = Progress.start(console.err(), "Measuring the gateways' memory, " + when);
        long heap = 0;
        long rss = 0;
        for (GatewayInstance gateway : gateways) {
            long pid = ProcessProbe.jvmOf(gateway.process().handle());
            heap += ProcessProbe.liveHeapBytes(pid);
            rss += ProcessProbe.residentBytes(pid);
            progress.tick();
        }
        progress.done(
                String.format(Locale.ROOT, "live heap %.0f MB, resident %.0f MB", heap / 1048576.0, rss / 1048576.0));
        return new Memory(heap, rss);
    }

    private static long sum(Map<Integer, Integer> counts) {
        return counts.values().stream().mapToLong(Integer::longValue).sum();
    }

    private static long openFilesLimit() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            return unix.getMaxFileDescriptorCount();
        }
        return 10_000;
    }

    private record Memory(long heapBytes, long rssBytes) {}
}
