package org.biotdm.devnet.bench;

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
import java.util.function.ToDoubleFunction;
import org.biotdm.devnet.crypto.Ecdsa;
import org.hyperledger.fabric.client.Contract;

/**
 * Measures committed transactions per second, and the CPU time each committed transaction costs, on a
 * three-organisation dev network with the MAJORITY endorsement policy: parallel fabric-gateway clients submit
 * device-registration-like transactions (one read, one composite-key write), each waiting for its commit status.
 *
 * <p>The network runs as its own process ({@code devnet.jar}) with its chaincode JVMs as children, so the CPU time of
 * the network's JVM, of the chaincode JVMs and of the clients (this JVM) is measured separately over the measured
 * window from {@code /proc} ({@link ProcessHandle.Info#totalCpuDuration()}). CPU milliseconds per committed
 * transaction hardly depend on what else runs on the machine, unlike transactions per second. Each round runs the
 * baseline network (when one is given) and then the candidate, each on a fresh data directory, so both are measured
 * in the same run; medians over the rounds are reported. In the same run it measures ECDSA P-256 verify and sign rates
 * of the fast path and of the JDK's default provider.
 *
 * <p>The last line printed is {@code BENCH devnet tx_per_s=… p50_ms=… p99_ms=… verify_per_s=… sign_per_s=…} followed
 * by the CPU figures and, with a baseline, the baseline's.
 *
 * <p>Arguments: {@code [clients] [seconds] [warmupSeconds] [rounds]} (defaults 96, 20, 15, 3). System properties:
 * {@code biotdm.testcc.jar} (the test chaincode), {@code biotdm.devnet.jar} (the candidate, default {@code
 * network/devnet/target/devnet.jar}), {@code bench.baseline.jar} (optional baseline build), {@code
 * bench.candidate.args} and {@code bench.baseline.args} (extra devnet arguments, space-separated), {@code
 * bench.candidate.jvm-options} and {@code bench.baseline.jvm-options} (options of the network's JVM, space-separated),
 * {@code bench.jfr.dir} (record every JVM during the measured window into this directory).
 */
public final class DevnetBenchmark {
    private static final int TARGET_TX_PER_S = 500;

    private DevnetBenchmark() {}

    /**
     * Runs the benchmark.
     *
     * @param args clients, measured seconds, warm-up seconds and rounds
     * @throws Exception when a network cannot start
     */
    public static void main(String[] args) throws Exception {
        int clients = args.length > 0 ? Integer.parseInt(args[0]) : 96;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 15;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        Path chaincodeJar = Path.of(System.getProperty("biotdm.testcc.jar", "network/devnet-testcc/target/testcc.jar"))
                .toAbsolutePath();
        List<Variant> variants = new ArrayList<>();
        String baselineJar = System.getProperty("bench.baseline.jar", "");
        if (!baselineJar.isBlank()) {
            variants.add(new Variant(
                    "baseline",
                    Path.of(baselineJar),
                    arguments("bench.baseline.jvm-options"),
                    arguments("bench.baseline.args")));
        }
        Path candidateJar = Path.of(System.getProperty("biotdm.devnet.jar", "network/devnet/target/devnet.jar"));
        variants.add(new Variant(
                "candidate",
                candidateJar,
                arguments("bench.candidate.jvm-options"),
                arguments("bench.candidate.args")));

        double[] crypto = measureCrypto();
        System.out.printf(
                "crypto: fast path verify %.0f/s sign %.0f/s; JDK default verify %.0f/s sign %.0f/s (one thread)%n",
                crypto[0], crypto[1], crypto[2], crypto[3]);
        System.out.printf(
                "%d clients, %d s measured after %d s warm-up, %d round(s), %d cores%n",
                clients, seconds, warmup, rounds, Runtime.getRuntime().availableProcessors());
        for (int round = 1; round <= rounds; round++) {
            for (Variant variant : variants) {
                Measurement m = measure(variant, chaincodeJar, clients, seconds, warmup);
                variant.runs.add(m);
                System.out.printf(
                        "round %d %s: %.0f tx/s p50 %.1f ms p99 %.1f ms failed %d | CPU ms/tx: network %.3f"
                                + " (of which JIT compiler %.3f) chaincode %.3f total %.3f, clients %.3f | machine busy"
                                + " %.2f cores of which others %.2f%n",
                        round,
                        variant.name,
                        m.txPerSecond,
                        m.p50,
                        m.p99,
                        m.failed,
                        m.networkCpuMsPerTx,
                        m.networkJitCpuMsPerTx,
                        m.chaincodeCpuMsPerTx,
                        m.networkCpuMsPerTx + m.chaincodeCpuMsPerTx,
                        m.clientCpuMsPerTx,
                        m.machineBusyCores,
                        m.otherBusyCores);
            }
        }
        Variant candidate = variants.get(variants.size() - 1);
        double txPerSecond = candidate.median(m -> m.txPerSecond);
        System.out.printf(
                "candidate median %.0f tx/s; target %d tx/s: %s%n",
                txPerSecond, TARGET_TX_PER_S, txPerSecond >= TARGET_TX_PER_S ? "met" : "NOT met");
        StringBuilder line = new StringBuilder(String.format(
                "BENCH devnet tx_per_s=%.0f p50_ms=%.1f p99_ms=%.1f verify_per_s=%.0f sign_per_s=%.0f"
                        + " jdk_verify_per_s=%.0f jdk_sign_per_s=%.0f target_tx_per_s=%d rounds=%d%s",
                txPerSecond,
                candidate.median(m -> m.p50),
                candidate.median(m -> m.p99),
                crypto[0],
                crypto[1],
                crypto[2],
                crypto[3],
                TARGET_TX_PER_S,
                rounds,
                cpuFields("", candidate)));
        if (variants.size() > 1) {
            Variant baseline = variants.get(0);
            line.append(String.format(" baseline_tx_per_s=%.0f", baseline.median(m -> m.txPerSecond)))
                    .append(cpuFields("baseline_", baseline));
        }
        System.out.println(line);
    }

    private static String cpuFields(String prefix, Variant variant) {
        return String.format(
                " %snetwork_cpu_ms_per_tx=%.3f %snetwork_jit_cpu_ms_per_tx=%.3f %schaincode_cpu_ms_per_tx=%.3f"
                        + " %stotal_cpu_ms_per_tx=%.3f %sclient_cpu_ms_per_tx=%.3f",
                prefix,
                variant.median(m -> m.networkCpuMsPerTx),
                prefix,
                variant.median(m -> m.networkJitCpuMsPerTx),
                prefix,
                variant.median(m -> m.chaincodeCpuMsPerTx),
                prefix,
                variant.median(m -> m.networkCpuMsPerTx + m.chaincodeCpuMsPerTx),
                prefix,
                variant.median(m -> m.clientCpuMsPerTx));
    }

    private static List<String> arguments(String property) {
        String value = System.getProperty(property, "").trim();
        return value.isEmpty() ? List.of() : List.of(value.split("\\s+"));
    }

    private static Measurement measure(Variant variant, Path chaincodeJar, int clients, int seconds, int warmup)
            throws Exception {
        try (NetworkProcess network =
                NetworkProcess.start(variant.jar.toAbsolutePath(), chaincodeJar, variant.jvmOptions, variant.args)) {
            List<Contract> contracts = new ArrayList<>();
            for (int org = 0; org < 3; org++) {
                contracts.add(network.contract(org));
            }
            run(contracts, clients, warmup, null);
            network.startFlightRecording(variant.name + "-" + variant.runs.size(), seconds);
            Result result = new Result();
            ProcessHandle self = ProcessHandle.current();
            Duration network0 = network.networkCpu();
            Duration jit0 = network.networkCompilerCpu();
            Duration chaincode0 = network.chaincodeCpu();
            Duration client0 = NetworkProcess.cpu(self);
            long[] machine0 = MachineCpu.read();
            long start = System.nanoTime();
            run(contracts, clients, seconds, result);
            double elapsed = (System.nanoTime() - start) / 1e9;
            Duration network1 = network.networkCpu();
            Duration jit1 = network.networkCompilerCpu();
            Duration chaincode1 = network.chaincodeCpu();
            Duration client1 = NetworkProcess.cpu(self);
            long[] machine1 = MachineCpu.read();
            long committed = result.committed.sum();
            double perTx = Math.max(1, committed);
            double networkMs = network1.minus(network0).toNanos() / 1e6;
            double jitMs = Math.max(0, jit1.minus(jit0).toNanos() / 1e6);
            double chaincodeMs = chaincode1.minus(chaincode0).toNanos() / 1e6;
            double clientMs = client1.minus(client0).toNanos() / 1e6;
            double machineBusyCores = MachineCpu.busyCores(machine0, machine1);
            double ownCores = (networkMs + chaincodeMs + clientMs) / 1000 / elapsed;
            return new Measurement(
                    result.txPerSecond(seconds),
                    result.percentile(50),
                    result.percentile(99),
                    result.failed.sum(),
                    networkMs / perTx,
                    jitMs / perTx,
                    chaincodeMs / perTx,
                    clientMs / perTx,
                    machineBusyCores,
                    Math.max(0, machineBusyCores - ownCores));
        }
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

    /** One network build with its arguments, and its measured runs. */
    private static final class Variant {
        private final String name;
        private final Path jar;
        private final List<String> jvmOptions;
        private final List<String> args;
        private final List<Measurement> runs = new ArrayList<>();

        Variant(String name, Path jar, List<String> jvmOptions, List<String> args) {
            this.name = name;
            this.jar = jar;
            this.jvmOptions = jvmOptions;
            this.args = args;
        }

        double median(ToDoubleFunction<Measurement> figure) {
            double[] values = runs.stream().mapToDouble(figure).sorted().toArray();
            int middle = values.length / 2;
            return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
        }
    }

    /** The figures of one measured window. */
    private record Measurement(
            double txPerSecond,
            double p50,
            double p99,
            long failed,
            double networkCpuMsPerTx,
            double networkJitCpuMsPerTx,
            double chaincodeCpuMsPerTx,
            double clientCpuMsPerTx,
            double machineBusyCores,
            double otherBusyCores) {}

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
