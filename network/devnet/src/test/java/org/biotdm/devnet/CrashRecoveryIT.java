package org.biotdm.devnet;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.biotdm.devnet.ca.CryptoMaterial;
import org.biotdm.devnet.ca.OrgCrypto;
import org.biotdm.devnet.ledger.BlockStore;
import org.biotdm.devnet.ledger.PeerLedger;
import org.hyperledger.fabric.client.Contract;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.Hash;
import org.hyperledger.fabric.client.identity.Signers;
import org.hyperledger.fabric.client.identity.X509Identity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a real dev network process with SIGKILL while clients are submitting, restarts it on the same data directory
 * and checks that every transaction a client saw committed is there, and that each peer's state equals a replay of its
 * blocks and the other peers' state.
 */
class CrashRecoveryIT {
    private static final String CHAINCODE = "testcc";

    @TempDir
    Path dataDir;

    @Test
    void committed_transactions_survive_kill_9_and_state_matches_a_replay() throws Exception {
        Map<String, String> committed = new ConcurrentHashMap<>();
        DevnetProcess first = DevnetProcess.start(dataDir);
        AtomicBoolean running = new AtomicBoolean(true);
        CountDownLatch enough = new CountDownLatch(40);
        List<Thread> clients = new ArrayList<>();
        try {
            for (int c = 0; c < 3; c++) {
                int client = c;
                Thread thread = new Thread(() -> submitUntilKilled(first, client, running, enough, committed));
                thread.start();
                clients.add(thread);
            }
            assertThat(enough.await(120, TimeUnit.SECONDS)).isTrue();
        } finally {
            first.kill9();
            running.set(false);
            for (Thread thread : clients) {
                thread.join(TimeUnit.SECONDS.toMillis(60));
            }
        }
        assertThat(committed).hasSizeGreaterThanOrEqualTo(40);

        DevnetProcess second = DevnetProcess.start(dataDir);
        try {
            Contract contract = second.contract(0);
            for (Map.Entry<String, String> entry : committed.entrySet()) {
                assertThat(new String(contract.evaluateTransaction("Get", entry.getKey()), UTF_8))
                        .as("committed key %s", entry.getKey())
                        .isEqualTo(entry.getValue());
            }
            contract.submitTransaction("Put", "after-restart", "ok");
        } finally {
            second.stop();
        }

        List<ByteString> hashes = new ArrayList<>();
        Path peersDir = dataDir.resolve("peers");
        try (var dirs = Files.list(peersDir)) {
            for (Path peerDir : dirs.sorted().toList()) {
                ByteString reopened;
                try (PeerLedger ledger = PeerLedger.open(peerDir, DevnetFixture.CHANNEL)) {
                    reopened = ledger.stateHash();
                }
                Path replayDir = Files.createTempDirectory(dataDir, "replay");
                Files.copy(peerDir.resolve(BlockStore.FILE_NAME), replayDir.resolve(BlockStore.FILE_NAME));
                try (PeerLedger replayed = PeerLedger.open(replayDir, DevnetFixture.CHANNEL)) {
                    assertThat(replayed.stateHash()).isEqualTo(reopened);
                }
                hashes.add(reopened);
            }
        }
        assertThat(hashes).hasSize(3).containsOnly(hashes.get(0));
    }

    private static void submitUntilKilled(
            DevnetProcess devnet,
            int client,
            AtomicBoolean running,
            CountDownLatch enough,
            Map<String, String> committed) {
        Contract contract = devnet.contract(client);
        for (int i = 0; running.get(); i++) {
            String key = "crash-" + client + "-" + i;
            String value = "v" + i;
            try {
                contract.submitTransaction("Put", key, value);
                committed.put(key, value);
                enough.countDown();
            } catch (Exception e) {
                // After the kill every call fails; only transactions acknowledged as committed are recorded.
                if (!running.get()) {
                    return;
                }
            }
        }
    }

    /** A dev network in a child JVM, started from the shaded jar as a user would. */
    private static final class DevnetProcess {
        private final Process process;
        private final Path dataDir;
        private final List<ManagedChannel> channels = new ArrayList<>();
        private final List<Gateway> gateways = new ArrayList<>();
        private final Map<Integer, Contract> contracts = new ConcurrentHashMap<>();
        private final JsonObject connection;

        private DevnetProcess(Process process, Path dataDir) throws IOException {
            this.process = process;
            this.dataDir = dataDir;
            this.connection = JsonParser.parseString(Files.readString(dataDir.resolve("connection.json")))
                    .getAsJsonObject();
        }

        static DevnetProcess start(Path dataDir) throws IOException, InterruptedException {
            String java =
                    Path.of(System.getProperty("java.home"), "bin", "java").toString();
            String jar = System.getProperty("biotdm.devnet.jar", "target/devnet.jar");
            Process process = new ProcessBuilder(
                            java,
                            "-jar",
                            jar,
                            "--data-dir",
                            dataDir.toString(),
                            "--orgs",
                            "3",
                            "--port",
                            "0",
                            "--batch-timeout-ms",
                            "20",
                            "--chaincode",
                            CHAINCODE + "=" + DevnetFixture.testChaincodeJar())
                    .redirectErrorStream(true)
                    .start();
            BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), UTF_8));
            StringBuilder log = new StringBuilder();
            String line;
            while ((line = output.readLine()) != null) {
                log.append(line).append('\n');
                if (line.startsWith("READY")) {
                    Thread drain = new Thread(() -> output.lines().forEach(l -> {}));
                    drain.setDaemon(true);
                    drain.start();
                    return new DevnetProcess(process, dataDir);
                }
            }
            throw new IllegalStateException("devnet exited before READY:\n" + log);
        }

        synchronized Contract contract(int orgIndex) {
            return contracts.computeIfAbsent(orgIndex, this::connect);
        }

        private Contract connect(int orgIndex) {
            try {
                JsonObject org =
                        connection.getAsJsonArray("organizations").get(orgIndex).getAsJsonObject();
                CryptoMaterial crypto = CryptoMaterial.generateOrLoad(dataDir.resolve("organizations"), 3);
                OrgCrypto orgCrypto = crypto.orgs().get(orgIndex);
                X509Certificate certificate = orgCrypto.gatewayClient().certificate();
                PrivateKey key = orgCrypto.gatewayClient().privateKey();
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
                        .identity(new X509Identity(orgCrypto.mspId(), certificate))
                        .signer(Signers.newPrivateKeySigner(key))
                        .hash(Hash.SHA256)
                        .connection(channel)
                        .commitStatusOptions(o -> o.withDeadlineAfter(30, TimeUnit.SECONDS))
                        .connect();
                gateways.add(gateway);
                return gateway.getNetwork(DevnetFixture.CHANNEL).getContract(CHAINCODE);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        /** Kills the network and its chaincode processes at once, as a power cut would. */
        void kill9() throws InterruptedException {
            List<ProcessHandle> children = process.descendants().toList();
            process.destroyForcibly();
            children.forEach(ProcessHandle::destroyForcibly);
            process.waitFor(30, TimeUnit.SECONDS);
            closeClients();
        }

        void stop() throws InterruptedException {
            closeClients();
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            process.descendants().forEach(ProcessHandle::destroyForcibly);
        }

        private void closeClients() {
            gateways.forEach(Gateway::close);
            channels.forEach(ManagedChannel::shutdownNow);
        }
    }
}
