package org.biotdm.devnet.bench;

import io.grpc.ManagedChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.biotdm.devnet.Devnet;
import org.biotdm.devnet.DevnetConfig;
import org.biotdm.devnet.crypto.Ecdsa;
import org.biotdm.devnet.msp.SigningIdentity;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.Hash;
import org.hyperledger.fabric.client.identity.X509Identity;

/**
 * Measures committed transactions per second on a three-organisation dev network with the MAJORITY endorsement policy:
 * parallel fabric-gateway clients submit device-registration-like transactions (one read, one composite-key write),
 * each waiting for its commit status. In the same run it measures ECDSA P-256 verify and sign rates of the fast path
 * the network uses and of the JDK's default provider, the baseline it is compared with. The last line printed is
 * {@code BENCH devnet tx_per_s=… p50_ms=… p99_ms=… verify_per_s=… sign_per_s=…}.
 *
 * <p>Arguments: {@code [clients] [seconds] [warmupSeconds]} (defaults 96, 20, 8). The test chaincode jar is read from
 * the system property {@code biotdm.testcc.jar}.
 */
public final class DevnetBenchmark {
    private static final int TARGET_TX_PER_S = 500;

    private DevnetBenchmark() {}

    /**
     * Runs the benchmark.
     *
     * @param args clients, measured seconds and warm-up seconds
     * @throws Exception when the network cannot start
     */
    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 96;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 8;
        Path jar = Path.of(System.getProperty("biotdm.testcc.jar", "network/devnet-testcc/target/testcc.jar"));
        Path dataDir = Files.createTempDirectory("devnet-bench");

        double[] crypto = measureCrypto();
        System.out.printf(
                "crypto: fast path verify %.0f/s sign %.0f/s; JDK default verify %.0f/s sign %.0f/s (one thread)%n",
                crypto[0], crypto[1], crypto[2], crypto[3]);

        DevnetConfig config = new DevnetConfig(
                dataDir,
                3,
                DevnetConfig.DEFAULT_CHANNEL,
                List.of(new DevnetConfig.ChaincodeSpec("testcc", jar.toAbsolutePath(), "1.0", "")),
                "127.0.0.1",
                0,
                true,
                500,
                Duration.ofMillis(100));
        try (Devnet devnet = Devnet.start(config)) {
            List<ManagedChannel> channels = new ArrayList<>();
            List<Contract> contracts = new ArrayList<>();
            for (int org = 0; org < 3; org++) {
                contracts.add(connect(devnet, org, channels));
            }
            System.out.printf("network up: 3 orgs, MAJORITY endorsement, %d clients%n", clients);
            run(contracts, clients, warmup, null);
            Result result = run(contracts, clients, seconds, new Result());
            channels.forEach(ManagedChannel::shutdownNow);
            System.out.printf(
                    "committed %d transactions in %d s (%d failed); target %d tx/s: %s%n",
                    result.committed.sum(),
                    seconds,
                    result.failed.sum(),
                    TARGET_TX_PER_S,
                    result.txPerSecond(seconds) >= TARGET_TX_PER_S ? "met" : "NOT met");
            System.out.printf(
                    "BENCH devnet tx_per_s=%.0f p50_ms=%.1f p99_ms=%.1f verify_per_s=%.0f sign_per_s=%.0f"
                            + " jdk_verify_per_s=%.0f target_tx_per_s=%d%n",
                    result.txPerSecond(seconds),
                    result.percentile(50),
                    result.percentile(99),
                    crypto[0],
                    crypto[1],
                    crypto[2],
                    TARGET_TX_PER_S);
        }
    }

    private static Contract connect(Devnet devnet, int org, List<ManagedChannel> channels) throws Exception {
        SigningIdentity identity = devnet.crypto().orgs().get(org).gatewayClient();
        ManagedChannel channel = devnet.endpoints().get(org).openChannel();
        channels.add(channel);
        Gateway gateway = Gateway.newInstance()
                .identity(new X509Identity(identity.mspId(), identity.certificate()))
                // The clients share the two cores with the network, so they sign through the same fast path.
                .signer(digest -> Ecdsa.signDigest(identity.privateKey(), digest))
                .hash(Hash.SHA256)
                .connection(channel)
                .commitStatusOptions(o -> o.withDeadlineAfter(60, TimeUnit.SECONDS))
                .connect();
        return gateway.getNetwork(DevnetConfig.DEFAULT_CHANNEL).getContract("testcc");
    }

    private static Result run(List<Contract> contracts, int clients, int seconds, Result result)
            throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong sequence = new AtomicLong();
        for (int c = 0; c < clients; c++) {
            Contract contract = contracts.get(c % contracts.size());
            String org = "Org" + (c % contracts.size() + 1) + "MSP";
            pool.execute(() -> {
                while (running.get()) {
                    String deviceId = "dev-" + sequence.incrementAndGet();
                    long start = System.nanoTime();
                    try {
                        contract.submitTransaction("RegisterDevice", deviceId, org);
                        if (result != null && running.get()) {
                            result.record(System.nanoTime() - start);
                        }
                    } catch (Exception e) {
                        if (result != null) {
                            result.failed.increment();
                        }
                    }
                }
            });
        }
        Thread.sleep(TimeUnit.SECONDS.toMillis(seconds));
        running.set(false);
        pool.shutdown();
        pool.awaitTermination(120, TimeUnit.SECONDS);
        return result;
    }

    /** Returns fast-path verify/s, fast-path sign/s, JDK verify/s, JDK sign/s, each measured for about a second. */
    private static double[] measureCrypto() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair keys = generator.generateKeyPair();
        byte[] message = new byte[512];
        Arrays.fill(message, (byte) 7);
        byte[] signature = Ecdsa.sign(keys.getPrivate(), message);
        double fastVerify = rate(() -> Ecdsa.verify(keys.getPublic(), message, signature));
        double fastSign = rate(() -> Ecdsa.sign(keys.getPrivate(), message));
        Signature jdkVerify = Signature.getInstance("SHA256withECDSA", "SunEC");
        Signature jdkSign = Signature.getInstance("SHA256withECDSA", "SunEC");
        double jdkVerifyRate = rate(() -> {
            jdkVerify.initVerify(keys.getPublic());
            jdkVerify.update(message);
            return jdkVerify.verify(signature);
        });
        double jdkSignRate = rate(() -> {
            jdkSign.initSign(keys.getPrivate());
            jdkSign.update(message);
            return jdkSign.sign();
        });
        return new double[] {fastVerify, fastSign, jdkVerifyRate, jdkSignRate};
    }

    private interface Operation {
        Object run() throws Exception;
    }

    private static double rate(Operation operation) throws Exception {
        for (int i = 0; i < 300; i++) {
            operation.run();
        }
        long count = 0;
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(1);
        while (System.nanoTime() < end) {
            operation.run();
            count++;
        }
        return count / ((System.nanoTime() - start) / 1e9);
    }

    /** Commit latencies in microseconds, kept in an array for exact percentiles. */
    private static final class Result {
        private final LongAdder committed = new LongAdder();
        private final LongAdder failed = new LongAdder();
        private final List<Long> latencies = new ArrayList<>();

        synchronized void record(long nanos) {
            committed.increment();
            latencies.add(nanos / 1000);
        }

        double txPerSecond(int seconds) {
            return committed.sum() / (double) seconds;
        }

        synchronized double percentile(int p) {
            if (latencies.isEmpty()) {
                return 0;
            }
            long[] sorted =
                    latencies.stream().mapToLong(Long::longValue).sorted().toArray();
            int index = (int) Math.min(sorted.length - 1, Math.ceil(p / 100.0 * sorted.length) - 1);
            return sorted[Math.max(0, index)] / 1000.0;
        }
    }
}
