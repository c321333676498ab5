package org.biotdm.devnet.bench;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.grpc.ManagedChannel;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.biotdm.devnet.Devnet;
import org.biotdm.devnet.ca.CryptoMaterial;
import org.biotdm.devnet.ca.OrgCrypto;
import org.biotdm.devnet.crypto.Ecdsa;
import org.biotdm.devnet.msp.SigningIdentity;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.Hash;
import org.hyperledger.fabric.client.identity.X509Identity;

/**
 * A dev network running as its own process ({@code java -jar devnet.jar}), so the benchmark can charge the CPU time of
 * the network's JVM and of its chaincode JVMs (its child processes) separately from the clients'.
 */
final class NetworkProcess implements AutoCloseable {
    private static final String CHANNEL = "mychannel";
    /** Linux's USER_HZ is 100 on every common platform, so {@code /proc} times count in 10 ms ticks. */
    private static final long CLOCK_TICK_MS = 10;

    private final Process process;
    private final Path dataDir;
    private final JsonObject connection;
    private final List<ManagedChannel> channels = new ArrayList<>();
    private final List<Gateway> gateways = new ArrayList<>();

    private NetworkProcess(Process process, Path dataDir) throws IOException {
        this.process = process;
        this.dataDir = dataDir;
        this.connection = JsonParser.parseString(Files.readString(dataDir.resolve("connection.json")))
                .getAsJsonObject();
    }

    /**
     * Starts a three-organisation network with the test chaincode on free ports and waits for its READY line.
     *
     * @param jar the runnable devnet jar
     * @param chaincodeJar the test chaincode jar
     * @param jvmOptions options of the network's JVM
     * @param extraArgs further devnet command-line arguments
     * @return the running network
     * @throws IOException when the process cannot start or exits before READY
     */
    static NetworkProcess start(Path jar, Path chaincodeJar, List<String> jvmOptions, List<String> extraArgs)
            throws IOException {
        Path dataDir = Files.createTempDirectory("devnet-bench");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of(
                "-jar",
                jar.toString(),
                "--data-dir",
                dataDir.toString(),
                "--orgs",
                "3",
                "--port",
                "0",
                "--batch-size",
                "500",
                "--batch-timeout-ms",
                "100",
                "--chaincode",
                "testcc=" + chaincodeJar));
        command.addAll(extraArgs);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), UTF_8));
        StringBuilder log = new StringBuilder();
        String line;
        while ((line = output.readLine()) != null) {
            log.append(line).append('\n');
            if (line.startsWith("READY")) {
                Thread drain = new Thread(
                        () -> {
                            try {
                                output.lines().forEach(l -> {});
                            } catch (UncheckedIOException e) {
                                // close() stopped the process under the reader. Swallowed because exec:java fails
                                // the whole run on any uncaught exception, even in a daemon thread.
                            }
                        },
                        "devnet-output");
                drain.setDaemon(true);
                drain.start();
                return new NetworkProcess(process, dataDir);
            }
        }
        throw new IOException("devnet exited before READY:\n" + log);
    }

    /**
     * Connects a fabric-gateway client to one organisation's peer as that organisation's gateway identity.
     *
     * @param orgIndex 0-based organisation index
     * @return the benchmark chaincode's contract
     * @throws IOException when the crypto material cannot be read
     */
    Contract contract(int orgIndex) throws IOException {
        JsonObject org =
                connection.getAsJsonArray("organizations").get(orgIndex).getAsJsonObject();
        OrgCrypto orgCrypto = CryptoMaterial.generateOrLoad(dataDir.resolve("organizations"), 3)
                .orgs()
                .get(orgIndex);
        SigningIdentity identity = orgCrypto.gatewayClient();
        ManagedChannel channel = new Devnet.PeerEndpoint(
                        orgCrypto.mspId(),
                        org.get("peerHostName").getAsString(),
                        org.get("peerAddress").getAsString(),
                        "",
                        Path.of(org.get("tlsRootCert").getAsString()),
                        connection.get("tls").getAsBoolean())
                .openChannel();
        channels.add(channel);
        Gateway gateway = Gateway.newInstance()
                .identity(new X509Identity(identity.mspId(), identity.certificate()))
                // The clients share the machine with the network, so they sign through the same fast path.
                .signer(digest -> Ecdsa.signDigest(identity.privateKey(), digest))
                .hash(Hash.SHA256)
                .connection(channel)
                .commitStatusOptions(o -> o.withDeadlineAfter(60, TimeUnit.SECONDS))
                .connect();
        gateways.add(gateway);
        return gateway.getNetwork(CHANNEL).getContract("testcc");
    }

    /**
     * Returns the CPU time used so far by the network's own JVM.
     *
     * @return user plus system time
     */
    Duration networkCpu() {
        return cpu(process.toHandle());
    }

    /**
     * Returns the CPU time used so far by the JIT compiler threads ({@code C1 CompilerThread*}, {@code C2
     * CompilerThread*}) of the network's own JVM, read from {@code /proc/<pid>/task/<tid>/stat} (utime + stime in
     * clock ticks of 10 ms). It is part of {@link #networkCpu()}: the share of it that falls into a measured window
     * is warm-up, not a cost of each transaction. Compiler threads that the JVM stopped meanwhile are no longer counted.
     *
     * @return the compiler threads' user plus system time; zero where {@code /proc} cannot be read
     */
    Duration networkCompilerCpu() {
        Path tasks = Path.of("/proc", Long.toString(process.pid()), "task");
        long ticks = 0;
        try (Stream<Path> threads = Files.list(tasks)) {
            for (Path task : threads.toList()) {
                ticks += compilerTicks(task.resolve("stat"));
            }
        } catch (IOException | UncheckedIOException e) {
            return Duration.ZERO;
        }
        return Duration.ofMillis(ticks * CLOCK_TICK_MS);
    }

    private static long compilerTicks(Path stat) {
        String line;
        try {
            line = Files.readString(stat);
        } catch (IOException e) {
            return 0; // the thread ended meanwhile
        }
        int open = line.indexOf('(');
        int close = line.lastIndexOf(')');
        if (open < 0 || close < open) {
            return 0;
        }
        String name = line.substring(open + 1, close);
        if (!name.startsWith("C1 CompilerThre") && !name.startsWith("C2 CompilerThre")) {
            return 0;
        }
        // After "(comm) " come state (field 3) ... utime (field 14) and stime (field 15).
        String[] fields = line.substring(close + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /**
     * Returns the CPU time used so far by the network's child processes (the chaincode JVMs) still running.
     *
     * @return user plus system time summed over the descendants
     */
    Duration chaincodeCpu() {
        return process.toHandle().descendants().map(NetworkProcess::cpu).reduce(Duration.ZERO, Duration::plus);
    }

    /**
     * Starts a flight recording of the given length in the network's JVM and in each chaincode JVM, when the system
     * property {@code bench.jfr.dir} names a directory; does nothing otherwise.
     *
     * @param label the file name prefix
     * @param seconds the recording's length
     * @throws IOException when jcmd cannot be started
     */
    void startFlightRecording(String label, int seconds) throws IOException {
        String dir = System.getProperty("bench.jfr.dir", "");
        if (dir.isBlank()) {
            return;
        }
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        List<ProcessHandle> jvms = new ArrayList<>();
        jvms.add(process.toHandle());
        jvms.addAll(process.toHandle().descendants().toList());
        for (int i = 0; i < jvms.size(); i++) {
            Path file = Path.of(dir, label + (i == 0 ? "-network" : "-chaincode" + i) + ".jfr");
            new ProcessBuilder(
                            jcmd,
                            Long.toString(jvms.get(i).pid()),
                            "JFR.start",
                            "settings=profile",
                            "duration=" + seconds + "s",
                            "filename=" + file)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
        }
    }

    static Duration cpu(ProcessHandle handle) {
        return handle.info().totalCpuDuration().orElse(Duration.ZERO);
    }

    @Override
    public void close() throws InterruptedException {
        gateways.forEach(Gateway::close);
        channels.forEach(ManagedChannel::shutdownNow);
        List<ProcessHandle> children = process.toHandle().descendants().toList();
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        children.forEach(ProcessHandle::destroyForcibly);
    }
}
