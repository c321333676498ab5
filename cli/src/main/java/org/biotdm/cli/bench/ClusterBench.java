package org.biotdm.cli.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.biotdm.cli.Console;
import org.biotdm.device.sdk.ClusterHead;
import org.biotdm.device.sdk.ClusterMember;
import org.biotdm.device.sdk.DeviceKeys;
import org.biotdm.device.sdk.LocalClusterDirectory;
import org.biotdm.device.sim.ClusterSimulation;
import org.biotdm.protocol.signature.EcdsaP256;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code biotdm bench cluster}: a cluster head with N simulated members in one process (issue 19's figure). All
 * members authenticate (hello, reply, finish: two ECDSA signatures and verifications and two ECDH per member), then
 * the head issues K pairwise keys, each timed from the member's key request until both members hold the key. The
 * membership answers come from a local directory, so the figure is the head's own cost; the gateway's membership
 * and grant round trip is measured by {@code biotdm cluster run} against a stack. Baseline in the same run: one
 * ECDSA P-256 verification on the same key type.
 */
@Command(
        name = "cluster",
        mixinStandardHelpOptions = true,
        description = {
            "Cluster-head key issue rate and latency with N simulated members in one process.",
            "Last line: BENCH cluster members=... keys=... joins_per_s=... keys_per_s=... issue_p50_ms=..."
                    + " issue_p99_ms=... ecdsa_verify_per_s=..."
        })
final class ClusterBench implements Callable<Integer> {
    @Option(
            names = "--members",
            paramLabel = "N",
            defaultValue = "1000",
            description = "Simulated members, 2-100000 (default: ${DEFAULT-VALUE}).")
    int members;

    @Option(
            names = "--keys",
            paramLabel = "K",
            defaultValue = "1000",
            description = "Pairwise keys to issue, 1-1000000 (default: ${DEFAULT-VALUE}).")
    int keys;

    @Mixin
    Console console = new Console();

    @Override
    public Integer call() {
        if (members < 2 || members > 100_000 || keys < 1 || keys > 1_000_000) {
            return console.refuse("--members must be 2-100000 and --keys 1-1000000");
        }
        long clockStart = System.currentTimeMillis();
        LocalClusterDirectory directory = new LocalClusterDirectory();
        DeviceKeys headKeys = DeviceKeys.generate();
        ClusterHead head =
                new ClusterHead("bench-head", headKeys, directory, System::currentTimeMillis, 600_000, members);
        ClusterSimulation cluster = new ClusterSimulation(head, "bench-head", headKeys.publicParameters(), line -> {});
        List<ClusterMember> fleet = fleet(directory);
        long joinStart = System.nanoTime();
        fleet.forEach(cluster::join);
        long joinNanos = System.nanoTime() - joinStart;
        double[] latencies = new double[keys];
        long issueStart = System.nanoTime();
        for (int i = 0; i < keys; i++) {
            long start = System.nanoTime();
            cluster.pair(fleet.get(i % members), fleet.get((i + 1) % members));
            latencies[i] = BenchStats.millis(System.nanoTime() - start);
        }
        long issueNanos = System.nanoTime() - issueStart;
        console.err()
                .println("Ran " + members + " joins and " + keys + " key issues in "
                        + (System.currentTimeMillis() - clockStart) + " ms; "
                        + directory.grantHashes().size()
                        + " grant hashes recorded");
        console.result("BENCH cluster members=" + members + " keys=" + keys
                + " joins_per_s=" + BenchStats.format(BenchStats.perSecond(members, joinNanos))
                + " keys_per_s=" + BenchStats.format(BenchStats.perSecond(keys, issueNanos))
                + " issue_p50_ms=" + BenchStats.format(BenchStats.median(latencies))
                + " issue_p99_ms=" + BenchStats.format(BenchStats.percentile(latencies, 99))
                + " ecdsa_verify_per_s=" + BenchStats.format(verifyRate(headKeys)));
        return directory.grantHashes().size() == keys ? 0 : 1;
    }

    private List<ClusterMember> fleet(LocalClusterDirectory directory) {
        List<ClusterMember> fleet = new ArrayList<>(members);
        for (int i = 0; i < members; i++) {
            String id = String.format("bench-m%06d", i);
            DeviceKeys keysOfMember = DeviceKeys.generate();
            directory.add(id, keysOfMember.publicParameters());
            fleet.add(new ClusterMember(id, "bench-head", keysOfMember, System::currentTimeMillis));
        }
        return fleet;
    }

    /** The baseline: ECDSA P-256 verifications per second through the same BouncyCastle path. */
    private static double verifyRate(DeviceKeys keysToUse) {
        byte[] message = "biotdm bench cluster baseline".getBytes(StandardCharsets.US_ASCII);
        byte[] signature = keysToUse.sign(message);
        byte[] digest = EcdsaP256.sha256(message);
        int rounds = 500;
        long start = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            EcdsaP256.verify(keysToUse.publicParameters(), digest, signature);
        }
        return BenchStats.perSecond(rounds, System.nanoTime() - start);
    }
}
