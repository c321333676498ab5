package org.biotdm.cli.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.biotdm.cli.ApiClient;
import org.biotdm.cli.Console;
import org.biotdm.cli.Credentials;
import org.biotdm.cli.DeviceFleet;
import org.biotdm.cli.DeviceRegistrar;
import org.biotdm.cli.Home;
import org.biotdm.cli.Progress;
import org.biotdm.cli.demo.DemoData;
import org.biotdm.cli.stack.DataDir;
import org.biotdm.cli.stack.Stack;
import org.biotdm.cli.verify.AnchorVerifier;
import org.biotdm.cli.verify.VerifyReport;
import org.biotdm.device.sim.CsvReplay;
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
 * then, as the auditor, times {@code GET /api/v1/verify} over the whole range ({@link AnchorVerifier}, which splits
 * a range the gateway finds too large) in several rounds.
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
final class VerifyBench implements Callable<Integer> {
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

    @Mixin
    Console console = new Console();

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
        return benchStack.run(console, validate(), stack -> measure(Home.detect(), stack));
    }

    private int measure(Home home, Stack stack) throws Exception {
        Credentials credentials = Credentials.load(stack.dataDir().credentials());
        String org1 = stack.organisations().get(0);
        ApiClient api = stack.api();
        List<DemoData.Replay> replays = DemoData.replays(home.sharedData(), rows, waterRows);
        long from = System.currentTimeMillis();
        Sent sent = send(
                stack,
                DeviceRegistrar.asAdmin(api, credentials, org1, DemoData.deviceTypes(replays, "bench-device"), GROUP),
                replays);
        long to = System.currentTimeMillis() + 1;
        String auditorToken = api.login(credentials.find(org1, "auditor").orElseThrow());
        AnchorVerifier verifier = new AnchorVerifier(api, auditorToken, null, console.err());
        verifier.awaitAnchored(from, to, ANCHOR_WAIT, "Waiting until every window is anchored");
        double[] rates = new double[rounds];
        VerifyReport.Summary summary = timeVerification(verifier, from, to, rates);
        double[] baseline = timeLocalMerkle(sampleLeaves(replays, summary.readings()));
        console.err()
                .println("Replayed " + sent.replayed + " readings, " + sent.acked + " acknowledged; verified "
                        + summary.readings());
        console.result(line(summary, BenchStats.median(rates), BenchStats.median(baseline)));
        return summary.mismatched() == 0 && summary.pending() == 0 && summary.readings() == sent.acked ? 0 : 1;
    }

    /** Readings replayed and acknowledged. */
    private record Sent(long replayed, long acked) {}

    private Sent send(Stack stack, DeviceRegistrar registrar, List<DemoData.Replay> replays) throws Exception {
        DataDir dataDir = stack.dataDir();
        try (DeviceFleet fleet = DeviceFleet.open(
                stack.deviceUrl(), dataDir.ingressCertificate(), dataDir.devices(), registrar, false)) {
            for (DemoData.Replay replay : replays) {
                fleet.devices().device(replay.deviceId());
            }
            long replayed = replay(fleet.devices(), replays);
            return new Sent(replayed, fleet.devices().acknowledgedReadings());
        }
    }

    private long replay(SimulatedFleet fleet, List<DemoData.Replay> replays) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(replays.size());
        try {
            List<Future<ReplayReport>> running = new ArrayList<>();
            for (DemoData.Replay replay : replays) {
                FleetReplaySink sink = new FleetReplaySink(fleet, 100, 1000, 8);
                running.add(pool.submit(() -> new CsvReplay(replay.options()).run(sink, Duration.ofMinutes(5))));
            }
            Progress progress = Progress.start(console.err(), "Replaying " + replays.size() + " real data sets");
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

    /** Times {@code rates.length} verifications of the whole range; returns the last one's summary. */
    private VerifyReport.Summary timeVerification(AnchorVerifier verifier, long from, long to, double[] rates)
            throws IOException, InterruptedException {
        VerifyReport.Summary summary = null;
        for (int round = 0; round < rates.length; round++) {
            long start = System.nanoTime();
            summary = verifier.verify(from, to).summary();
            rates[round] = BenchStats.perSecond(summary.readings(), System.nanoTime() - start);
            console.err()
                    .println("  round " + (round + 1) + ": " + summary.line() + " in "
                            + BenchStats.format(summary.readings() / rates[round] * 1000) + " ms");
        }
        return summary;
    }

    /** Times the local Merkle root over the leaves {@code --rounds} times; returns leaves hashed per second. */
    private double[] timeLocalMerkle(List<byte[]> leaves) {
        double[] baseline = new double[rounds];
        for (int round = 0; round < rounds; round++) {
            long start = System.nanoTime();
            merkleRoot(leaves);
            baseline[round] = BenchStats.perSecond(leaves.size(), System.nanoTime() - start);
        }
        return baseline;
    }

    private String line(VerifyReport.Summary summary, double verified, double local) {
        return "BENCH verify readings_per_s=" + BenchStats.format(verified)
                + " windows=" + summary.windows()
                + " readings=" + summary.readings()
                + " mismatched=" + summary.mismatched()
                + " baseline_local_merkle_per_s=" + BenchStats.format(local)
                + " ratio=" + String.format(java.util.Locale.ROOT, "%.4f", verified / local)
                + " rounds=" + rounds;
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
