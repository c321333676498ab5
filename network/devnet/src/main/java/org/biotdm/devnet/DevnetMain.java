package org.biotdm.devnet;

import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.biotdm.devnet.ca.OrgCrypto;
import org.biotdm.devnet.ca.OwnerOnlyFiles;
import org.biotdm.devnet.chaincode.ChaincodeLauncher;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code devnet} command: starts a dev network in the foreground, prints where its peers listen and a line
 * starting with {@code READY}, and stops cleanly on Ctrl-C. A restart with the same data directory resumes the same
 * network with its ledgers.
 */
@Command(
        name = "devnet",
        mixinStandardHelpOptions = true,
        description = "Runs a multi-organisation Hyperledger Fabric dev network in one JVM.")
public final class DevnetMain implements Callable<Integer> {

    @Option(names = "--data-dir", description = "Crypto material, ledgers and logs (default: ${DEFAULT-VALUE}).")
    Path dataDir = Path.of("devnet-data");

    @Option(names = "--orgs", description = "Number of organisations, 1-9 (default: ${DEFAULT-VALUE}).")
    int orgs = 3;

    @Option(names = "--channel", description = "Channel name (default: ${DEFAULT-VALUE}).")
    String channel = DevnetConfig.DEFAULT_CHANNEL;

    @Option(
            names = "--chaincode",
            description = "Chaincode jar to run, or chaincode-as-a-service package (*.tar.gz) whose servers the peers"
                    + " dial, as PATH or NAME=PATH (repeatable; default name: biotdm).")
    List<String> chaincodes = new ArrayList<>();

    @Option(
            names = "--chaincode-server",
            description = "Where a chaincode server named in a package's connection.json listens, as"
                    + " ADDRESS=HOST:PORT, e.g. biotdm.peer0.org1.example.com:9999=127.0.0.1:9999 (repeatable).")
    Map<String, String> chaincodeServers = new LinkedHashMap<>();

    @Option(
            names = "--endorsement-policy",
            description = "Chaincode endorsement policy, e.g. \"OR('Org1MSP.peer','Org2MSP.peer')\" "
                    + "(default: MAJORITY Endorsement).")
    String endorsementPolicy = "";

    @Option(
            names = "--chaincode-jvm-option",
            description = "An option for every chaincode JVM, after the defaults (repeatable), e.g."
                    + " --chaincode-jvm-option=-Xmx512m.")
    List<String> chaincodeJvmOptions = new ArrayList<>();

    @Option(names = "--host", description = "Address to bind (default: ${DEFAULT-VALUE}).")
    String host = "127.0.0.1";

    @Option(
            names = "--port",
            description = "First peer's port; peer N uses port + 1000*(N-1) (default: ${DEFAULT-VALUE}).")
    int port = 7051;

    @Option(names = "--no-tls", negatable = true, description = "Serve peers without TLS.")
    boolean tls = true;

    @Option(names = "--batch-size", description = "Most transactions per block (default: ${DEFAULT-VALUE}).")
    int batchSize = 500;

    @Option(names = "--batch-timeout-ms", description = "Block cutting timeout in ms (default: ${DEFAULT-VALUE}).")
    long batchTimeoutMillis = 100;

    /**
     * Runs the command line.
     *
     * @param args the command-line arguments; {@code --help} lists them
     */
    public static void main(String[] args) {
        System.exit(new CommandLine(new DevnetMain()).execute(args));
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        List<DevnetConfig.ChaincodeSpec> specs = new ArrayList<>();
        for (String chaincode : chaincodes) {
            int eq = chaincode.indexOf('=');
            String name = eq < 0 ? "biotdm" : chaincode.substring(0, eq);
            Path jar = Path.of(eq < 0 ? chaincode : chaincode.substring(eq + 1));
            if (!Files.isRegularFile(jar)) {
                throw new CommandLine.ParameterException(
                        new CommandLine(this), "chaincode file not found: " + jar.toAbsolutePath());
            }
            List<String> jvmOptions = new ArrayList<>(ChaincodeLauncher.DEFAULT_JVM_OPTIONS);
            jvmOptions.addAll(chaincodeJvmOptions);
            specs.add(new DevnetConfig.ChaincodeSpec(name, jar.toAbsolutePath(), "1.0", endorsementPolicy, jvmOptions));
        }
        DevnetConfig config = new DevnetConfig(
                dataDir, orgs, channel, specs, host, port, tls, batchSize, Duration.ofMillis(batchTimeoutMillis));
        Devnet devnet = Devnet.start(config, chaincodeServers);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            devnet.close();
                            stopped.countDown();
                        },
                        "devnet-shutdown"));
        Path connection = writeConnectionFile(devnet);
        printSummary(devnet, connection, System.out);
        stopped.await();
        return 0;
    }

    /**
     * Writes {@code <data-dir>/connection.json}: per organisation the peer address, TLS host name, TLS root
     * certificate file, MSP directories and its own registrar secret file, for clients such as the gateway API.
     */
    private static Path writeConnectionFile(Devnet devnet) throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("channel", devnet.config().channelId());
        root.put(
                "chaincodes",
                devnet.config().chaincodes().stream()
                        .map(DevnetConfig.ChaincodeSpec::name)
                        .toList());
        root.put("enrollmentUrl", devnet.enrollmentUrl());
        root.put("tls", devnet.config().tls());
        List<Map<String, Object>> orgs = new ArrayList<>();
        for (int i = 0; i < devnet.endpoints().size(); i++) {
            Devnet.PeerEndpoint endpoint = devnet.endpoints().get(i);
            OrgCrypto org = devnet.crypto().orgs().get(i);
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("mspId", endpoint.mspId());
            entry.put("peerAddress", endpoint.address());
            entry.put("peerHostName", endpoint.hostName());
            entry.put("tlsRootCert", endpoint.tlsRootCertificate().toString());
            entry.put("mspDir", org.orgDir().resolve("msp").toString());
            entry.put("adminMspDir", org.userMspDir("Admin@" + org.domain()).toString());
            entry.put("gatewayMspDir", org.userMspDir("gateway@" + org.domain()).toString());
            entry.put(
                    "registrarSecretFile",
                    devnet.registrarSecretFile(endpoint.mspId()).toString());
            orgs.add(entry);
        }
        root.put("organizations", orgs);
        Path file = devnet.config().dataDir().resolve("connection.json");
        OwnerOnlyFiles.write(
                file,
                new GsonBuilder().setPrettyPrinting().create().toJson(root).getBytes(StandardCharsets.UTF_8));
        return file;
    }

    private static void printSummary(Devnet devnet, Path connection, PrintStream out) {
        out.println("Channel " + devnet.config().channelId() + ", chaincodes "
                + devnet.config().chaincodes().stream()
                        .map(DevnetConfig.ChaincodeSpec::name)
                        .toList());
        for (int i = 0; i < devnet.endpoints().size(); i++) {
            Devnet.PeerEndpoint endpoint = devnet.endpoints().get(i);
            OrgCrypto org = devnet.crypto().orgs().get(i);
            out.printf(
                    "%s peer %s at %s (%s) tls-root %s msp %s%n",
                    endpoint.mspId(),
                    endpoint.hostName(),
                    endpoint.address(),
                    devnet.config().tls() ? "TLS" : "plaintext",
                    endpoint.tlsRootCertificate(),
                    org.orgDir().resolve("msp"));
        }
        out.println("Enrolment endpoint " + devnet.enrollmentUrl());
        out.println("READY devnet peers=" + devnet.endpoints().size() + " connection=" + connection.toAbsolutePath());
        out.flush();
    }
}
