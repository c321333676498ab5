package org.biotdm.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.biotdm.device.sdk.DeviceTls;
import org.biotdm.device.sim.CsvReplay;
import org.biotdm.device.sim.DeviceEventLoop;
import org.biotdm.device.sim.FleetReplaySink;
import org.biotdm.device.sim.ReplayReport;
import org.biotdm.device.sim.SimulatedFleet;
import org.biotdm.protocol.anchor.MerkleTree;
import org.biotdm.protocol.anchor.ReadingLeaf;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code biotdm bench verify}: readings verified per second against the on-chain anchors. Starts a stack ({@link
 * BenchStack}), replays a slice of the demo's real data sets ({@link DemoData}: the Suthaharan motes, the UCI room,
 * the AMPds2 water meter) through provisioned simulated devices, waits until every window holding them is anchored,
 * then, as the auditor, times {@code GET /api/v1/verify} over the whole range ({@link VerifyCommand}'s client, which
 * splits a range the gateway finds too large) in several rounds.
 *
 * <p>Baseline, in the same run and for the same number of readings: hashing them locally the way the gateway's
 * Merkle tree does (SHA-256 of {@code 0x00 ‖ leaf} per reading, leaf bytes in the {@code biotdm-leaf-v1} encoding of
 * the same devices and sensors, then SHA-256 of {@code 0x01 ‖ left ‖ right} up to the root), one thread, no I/O: the
 * arithmetic floor of verification. Last line: {@code BENCH verify readings_per_s=… windows=… readings=… mismatched=…
 * baseline_local_merkle_per_s=… ratio=… rounds=…}, rates being medians over the rounds.
 */
@Command(
        name = "verify",
        mixinStandardHelpOptions = true,
        description = {
            "Readings verified per second through GET /api/v1/verify (as the auditor), after replaying a slice of the"
                    + " demo's real data and waiting for anchoring; baseline: local SHA-256 Merkle hashing of as many"
                    + " readings.",
            "Last line: BENCH verify readings_per_s=.. windows=.. readings=.. mismatched=.."
                    + " baseline_local_merkle_per_s=.. ratio=.. rounds=.."
        })
public final class VerifyBench implements Callable<Integer> {
    private static final String GROUP = "bench";
    private static final Duration ANCHOR_WAIT = Duration.ofMinutes(5);

    @Mixin
    BenchStack benchStack = new BenchStack();

    @Option(
            names = "--rows",
            paramLabel = "N",
            defaultValue = "2000",
            description = "Rows of each mote and of the room replayed (default: ${DEFAULT-VALUE}).")
    long rows;

    @Option(
            names = "--water-rows",
            paramLabel = "N",
            defaultValue = "2000",
            description = "Rows of the AMPds2 water meter replayed (default: ${DEFAULT-VALUE}).")
    long waterRows;

    @Option(
            names = "--rounds",
            paramLabel = "N",
            defaultValue = "3",
            description =
                    "Verifications of the whole range timed; rates are their medians (default: ${DEFAULT-VALUE}).")
    int rounds;

    private final PrintStream out;
    private final PrintStream err;

    /** Creates the benchmark printing to the standard streams. */
    public VerifyBench() {
        this(System.out, System.err);
    }

    /**
     * Creates the benchmark.
     *
     * @param out where the BENCH line goes
     * @param err where progress goes
     */
    public VerifyBench(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /**
     * Checks the arguments.
     *
     * @return the first problem, or null when none
     */
    String validate() {
        if (rows < 1) {
            return "--rows must be 1 or more, was " + rows;
        }
        if (waterRows < 1) {
            return "--water-rows must be 1 or more, was " + waterRows;
        }
        if (rounds < 1 || rounds > 100) {
            return "--rounds must be 1-100, was " + rounds;
        }
        return null;
    }

    @Override
    public Integer call() throws Exception {
        String problem = validate();
        if (problem != null) {
            err.println(problem);
            return 2;
        }
        return benchStack.run(err, stack -> measure(Home.detect(), stack));
    }

    private int measure(Home home, Stack stack) throws Exception {
        DataDir dataDir = stack.dataDir();
        Credentials credentials = Credentials.load(dataDir.credentials());
        String org1 = stack.organisations().get(0);
        ApiClient api = stack.api();
        List<DemoData.Replay> replays = DemoData.replays(home.sharedData(), rows, waterRows);
        Map<String, String> types = new HashMap<>();
        replays.forEach(r -> types.put(r.deviceId(), r.deviceType()));
        DeviceRegistrar registrar = new DeviceRegistrar(
                api,
                () -> credentials.find(org1, "admin").orElseThrow(),
                org1,
                id -> types.getOrDefault(id, "bench-device"),
                GROUP);
        long from = System.currentTimeMillis();
        long acked;
        long replayed;
        int cores = Runtime.getRuntime().availableProcessors();
        try (DeviceEventLoop loop = new DeviceEventLoop(Math.max(1, cores), Math.max(2, cores));
                SimulatedFleet fleet = new SimulatedFleet(
                        loop,
                        stack.deviceUrl(),
                        DeviceTls.certificates(
                                Files.readString(dataDir.ingressCertificate(), StandardCharsets.US_ASCII)),
                        dataDir.devices(),
                        registrar,
                        false)) {
            for (DemoData.Replay replay : replays) {
                fleet.device(replay.deviceId());
            }
            replayed = replay(fleet, replays);
            acked = fleet.acknowledgedReadings();
        }
        long to = System.currentTimeMillis() + 1;
        String auditorToken = api.login(credentials.find(org1, "auditor").orElseThrow());
        VerifyCommand verify = new VerifyCommand(new PrintStream(PrintStream.nullOutputStream()), err);
        VerifyReport.Summary summary = awaitAnchors(verify, api, auditorToken, from, to);
        double[] rates = new double[rounds];
        for (int round = 0; round < rounds; round++) {
            long start = System.nanoTime();
            summary = verify.verify(api, auditorToken, from, to).summary();
            rates[round] = BenchStats.perSecond(summary.readings(), System.nanoTime() - start);
            err.println("  round " + (round + 1) + ": " + summary.line() + " in "
                    + BenchStats.format(summary.readings() / rates[round] * 1000) + " ms");
        }
        List<byte[]> leaves = sampleLeaves(replays, summary.readings());
        double[] baseline = new double[rounds];
        for (int round = 0; round < rounds; round++) {
            long start = System.nanoTime();
            merkleRoot(leaves);
            baseline[round] = BenchStats.perSecond(leaves.size(), System.nanoTime() - start);
        }
        double verified = BenchStats.median(rates);
        double local = BenchStats.median(baseline);
        err.println("Replayed " + replayed + " readings, " + acked + " acknowledged; verified " + summary.readings());
        out.println("BENCH verify readings_per_s=" + BenchStats.format(verified)
                + " windows=" + summary.windows()
                + " readings=" + summary.readings()
                + " mismatched=" + summary.mismatched()
                + " baseline_local_merkle_per_s=" + BenchStats.format(local)
                + " ratio=" + String.format(java.util.Locale.ROOT, "%.4f", verified / local)
                + " rounds=" + rounds);
        out.flush();
        return summary.mismatched() == 0 && summary.pending() == 0 && summary.readings() == acked ? 0 : 1;
    }

    private long replay(SimulatedFleet fleet, List<DemoData.Replay> replays) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(replays.size());
        try {
            List<Future<ReplayReport>> running = new ArrayList<>();
            for (DemoData.Replay replay : replays) {
                FleetReplaySink sink = new FleetReplaySink(fleet, 100, 1000, 8);
                running.add(pool.submit(() -> new CsvReplay(replay.options()).run(sink, Duration.ofMinutes(5))));
            }
            Progress progress = Progress.start(err, "Replaying " + replays.size() + " real data sets");
            while (running.stream().anyMatch(f -> !f.isDone())) {
                progress.tick();
                Thread.sleep(250);
            }
            long readings = 0;
            for (Future<ReplayReport> report : running) {
                try {
                    readings += report.get().readings();
                } catch (ExecutionException e) {
                    throw new IOException("Replay failed: " + e.getCause().getMessage(), e);
                }
            }
            progress.done(fleet.acknowledgedReadings() + " readings acknowledged");
            return readings;
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    private VerifyReport.Summary awaitAnchors(VerifyCommand verify, ApiClient api, String token, long from, long to)
            throws IOException, InterruptedException {
        Progress progress = Progress.start(err, "Waiting until every window is anchored");
        Instant deadline = Instant.now().plus(ANCHOR_WAIT);
        while (true) {
            VerifyReport.Summary summary = verify.verify(api, token, from, to).summary();
            if (summary.pending() == 0 || Instant.now().isAfter(deadline)) {
                progress.done(summary.line());
                return summary;
            }
            progress.tick();
            Thread.sleep(1000);
        }
    }

    /**
     * Builds {@code count} leaves in the {@code biotdm-leaf-v1} encoding, cycling through the replays' devices.
     *
     * @param replays the replayed data sets (their device IDs)
     * @param count how many leaves
     * @return the leaf bytes
     */
    static List<byte[]> sampleLeaves(List<DemoData.Replay> replays, long count) {
        List<byte[]> leaves = new ArrayList<>((int) Math.min(count, Integer.MAX_VALUE - 8));
        long ts = 1_700_000_000_000L;
        for (long i = 0; i < count; i++) {
            String deviceId = replays.isEmpty()
                    ? "device-1"
                    : replays.get((int) (i % replays.size())).deviceId();
            leaves.add(leaf(
                    deviceId, i / 100, "temperature", ts + i * 1000, "N", Double.toString(20 + i % 97 / 10.0), "C"));
        }
        return leaves;
    }

    /**
     * Encodes a reading as its {@code biotdm-leaf-v1} leaf bytes ({@link ReadingLeaf}).
     *
     * @param deviceId the device ID
     * @param batchSeq the batch's sequence number
     * @param sensor the sensor
     * @param ts the reading time, epoch ms
     * @param kind {@code N}, {@code S} or {@code B}
     * @param valueText the value as signed
     * @param unit the unit, or null
     * @return the UTF-8 bytes
     */
    static byte[] leaf(
            String deviceId, long batchSeq, String sensor, long ts, String kind, String valueText, String unit) {
        return new ReadingLeaf(deviceId, batchSeq, sensor, ts, kind, valueText, unit).bytes();
    }

    /**
     * Computes the Merkle root over the leaves as the gateway does ({@link MerkleTree}, RFC 6962).
     *
     * @param leaves the leaf bytes
     * @return the root, or an empty array for no leaves
     */
    static byte[] merkleRoot(List<byte[]> leaves) {
        if (leaves.isEmpty()) {
            return new byte[0];
        }
        return MerkleTree.ofLeafHashes(leaves.stream().map(MerkleTree::leafHash).toList())
                .root();
    }
}
