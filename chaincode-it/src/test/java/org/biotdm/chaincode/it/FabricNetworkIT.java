package org.biotdm.chaincode.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.biotdm.devnet.crypto.Certificates;
import org.biotdm.devnet.msp.SigningIdentity;
import org.hyperledger.fabric.client.Gateway;
import org.hyperledger.fabric.client.Hash;
import org.hyperledger.fabric.client.identity.Signers;
import org.hyperledger.fabric.client.identity.X509Identity;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.testcontainers.DockerClientFactory;

/**
 * The BIoT-DM chaincode on real Fabric 2.5: {@code network/fabric} brought up as its README's "Deploy on Fabric"
 * says ({@code network.sh up}, {@code createChannel}, {@code deployCC}: Fabric CAs, three Raft orderers, three peers
 * from the {@code hyperledger/fabric-peer} images, the chaincode-as-a-service package and one chaincode server
 * container per peer), then driven with the fabric-gateway client as gateway-api drives it, through Org1's peer with
 * the identities that {@code scripts/enroll.sh} enrolled; {@code network.sh down} at the end.
 *
 * <p>It needs a Docker engine (found through Testcontainers' {@link DockerClientFactory}) and Fabric's binaries on the
 * PATH; where either is missing every test is skipped by a JUnit assumption whose message says what is missing, and
 * the build goes on (no machine of this project's CI has Docker).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FabricNetworkIT {
    private static final Path FABRIC =
            Path.of("../network/fabric").toAbsolutePath().normalize();
    private static final Path ORG1 = FABRIC.resolve("organizations/peerOrganizations/org1.example.com");
    private static final List<String> TOOLS =
            List.of("docker", "jq", "peer", "configtxgen", "osnadmin", "fabric-ca-client");

    private final List<AutoCloseable> open = new ArrayList<>();
    private boolean started;

    @BeforeAll
    void bring_up_network_fabric() throws Exception {
        assumeRunnable(
                DockerClientFactory.instance().isDockerAvailable(),
                "no Docker engine (Testcontainers found none), so network/fabric cannot run");
        List<String> missing = TOOLS.stream().filter(tool -> !onPath(tool)).toList();
        assumeRunnable(missing.isEmpty(), "not on the PATH: " + missing + " (network/fabric/README.md, step 1)");
        started = true;
        networkSh("up");
        networkSh("createChannel");
        networkSh("deployCC");
    }

    @AfterAll
    void take_it_down() throws Exception {
        for (AutoCloseable resource : open) {
            resource.close();
        }
        if (started) {
            networkSh("down");
        }
    }

    @Test
    void a_device_registered_through_org1s_peer_is_endorsed_by_a_majority_and_read_back() throws Exception {
        BiotdmClient admin = client("users/Admin@org1.example.com/msp");
        String claimTokenSha256 = HexFormat.of().formatHex(new byte[32]);

        BiotdmClient.Committed registered = admin.submit(
                "devices", "RegisterDevice", Requests.registerForClaim("fabric-it-1", "line-1", claimTokenSha256));
        JsonObject read = admin.evaluateObject("devices", "GetDevice", "fabric-it-1");

        assertThat(registered.record().get("status").getAsString()).isEqualTo("PROVISIONED");
        assertThat(read).isEqualTo(registered.record());
    }

    @Test
    void the_gateway_identity_anchors_a_telemetry_window() throws Exception {
        BiotdmClient gateway = client("users/gateway@org1.example.com/msp");
        TelemetryWindows.Window window = TelemetryWindows.occupancyHours().get(0);

        BiotdmClient.Committed anchored = gateway.submit("anchors", "AnchorTelemetry", window.anchorRequest());

        assertThat(gateway.evaluateObject("anchors", "GetAnchor", window.windowId()))
                .isEqualTo(anchored.record());
    }

    /** Connects an identity of Org1 (its MSP directory under the organisation) to Org1's peer, as org1.env says. */
    private BiotdmClient client(String mspDir) throws Exception {
        Path msp = ORG1.resolve(mspDir);
        SigningIdentity identity = new SigningIdentity(
                "Org1MSP",
                Certificates.readCertificate(onlyFile(msp.resolve("signcerts"))),
                Certificates.readPrivateKey(onlyFile(msp.resolve("keystore"))));
        ManagedChannel channel = NettyChannelBuilder.forTarget("localhost:7051")
                .sslContext(GrpcSslContexts.forClient()
                        .trustManager(ORG1.resolve("tlsca/tlsca.org1.example.com-cert.pem")
                                .toFile())
                        .build())
                .overrideAuthority("peer0.org1.example.com")
                .build();
        open.add(channel::shutdownNow);
        Gateway gateway = Gateway.newInstance()
                .identity(new X509Identity(identity.mspId(), identity.certificate()))
                .signer(Signers.newPrivateKeySigner(identity.privateKey()))
                .hash(Hash.SHA256)
                .connection(channel)
                .connect();
        open.add(0, gateway);
        return new BiotdmClient(gateway.getNetwork(BiotdmNetwork.CHANNEL), identity);
    }

    /** Skips every test of the class, printing why: a skipped class is otherwise silent in the build's output. */
    private static void assumeRunnable(boolean runnable, String reason) {
        if (!runnable) {
            System.out.println("FabricNetworkIT skipped: " + reason);
        }
        Assumptions.assumeTrue(runnable, "FabricNetworkIT skipped: " + reason);
    }

    private static Path onlyFile(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.findFirst().orElseThrow(() -> new IOException("empty: " + dir));
        }
    }

    private static boolean onPath(String tool) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, tool)));
    }

    private static void networkSh(String command) throws IOException, InterruptedException {
        Path log = Files.createTempFile("network-sh-", ".log");
        Process process = new ProcessBuilder("./network.sh", command)
                .directory(FABRIC.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        boolean finished = process.waitFor(10, TimeUnit.MINUTES);
        String output = Files.readString(log, UTF_8);
        assertThat(finished).as("network.sh %s finished\n%s", command, output).isTrue();
        assertThat(process.exitValue()).as("network.sh %s\n%s", command, output).isZero();
    }
}
