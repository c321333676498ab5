package org.biotdm.device.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.biotdm.device.sdk.ClusterHead;
import org.biotdm.device.sdk.ClusterMember;
import org.biotdm.device.sdk.DeviceClient;
import org.biotdm.device.sdk.DeviceRequest;
import org.biotdm.device.sdk.DeviceResponse;
import org.biotdm.device.sdk.DeviceState;
import org.biotdm.device.sdk.DeviceTls;
import org.biotdm.device.sdk.DeviceTransport;
import org.biotdm.device.sdk.DeviceTransportFactory;
import org.biotdm.device.sdk.GatewayClusterDirectory;
import org.biotdm.device.sdk.JdkDeviceTransport;
import org.biotdm.device.sdk.RetryPolicy;
import org.biotdm.device.sim.ClusterSimulation;
import org.biotdm.gateway.anchor.AnchorLedger;
import org.biotdm.gateway.anchor.TelemetryAnchor;
import org.biotdm.gateway.cluster.KeyGrantAnchoring;
import org.biotdm.gateway.cluster.KeyGrantProofResponse;
import org.biotdm.gateway.device.DevnetAdmin;
import org.biotdm.gateway.group.GroupDirectory;
import org.biotdm.gateway.ingress.DeviceIngressServer;
import org.biotdm.gateway.testing.TestDevnet;
import org.biotdm.gateway.testing.TestMariaDb;
import org.biotdm.protocol.anchor.MerkleProof;
import org.biotdm.protocol.anchor.MerkleTree;
import org.biotdm.protocol.cluster.ClusterError;
import org.biotdm.protocol.cluster.ClusterRefusedException;
import org.biotdm.protocol.cluster.KeyGrant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cluster-head session keys with real devices on the dev network: three devices registered on the ledger, formed
 * into a ledger group that names the head as cluster head, and provisioned with their own keys; the head asks the
 * gateway over mTLS, the members exchange messages under the issued key, the grant's hash (and nothing else) is anchored on the ledger, and a member suspended on the ledger
 * gets no new key within 2 s.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClusterKeysIT {
    private static final String TOKEN_PREFIX = "claim-token-0123456789-";
    private static final HexFormat HEX = HexFormat.of();

    private final DevnetAdmin ledgerAdmin = DevnetAdmin.connect(0);
    private final List<DeviceTransport> transports = new ArrayList<>();
    private EmbeddedServer gateway;
    private DeviceTransportFactory devicePort;

    @TempDir
    Path devices;

    @BeforeAll
    void startGateway() throws Exception {
        Path dataDir = Files.createTempDirectory(
                Files.createDirectories(Path.of("target", "it-data")).toAbsolutePath(), "cluster-");
        Map<String, Object> properties = new HashMap<>(TestDevnet.ledgerProperties(0));
        properties.putAll(TestMariaDb.datasourceProperties("clusterkeys"));
        properties.put("biotdm.data-dir", dataDir.toString());
        properties.put("biotdm.anchoring.enabled", "false");
        properties.put("biotdm.cluster.anchor-interval", "500ms");
        properties.put("micronaut.server.port", "-1");
        properties.put("biotdm.ingress.port", "0");
        gateway = ApplicationContext.run(EmbeddedServer.class, properties);
        int port = gateway.getApplicationContext()
                .getBean(DeviceIngressServer.class)
                .port();
        devicePort = JdkDeviceTransport.factory(
                URI.create("https://localhost:" + port),
                DeviceTls.certificates(Files.readString(
                        dataDir.resolve("ingress").resolve("server-cert.pem"), StandardCharsets.US_ASCII)),
                null);
    }

    @AfterAll
    void stopGateway() {
        transports.forEach(DeviceTransport::close);
        if (gateway != null) {
            gateway.close();
        }
        ledgerAdmin.close();
    }

    @Test
    void members_talk_under_a_key_their_head_issued_and_a_suspended_member_gets_no_new_key_within_2_s()
            throws Exception {
        String suffix = Long.toString(System.nanoTime(), 36);
        DeviceState head = provision("cl-head-" + suffix);
        DeviceState a = provision("cl-a-" + suffix);
        DeviceState b = provision("cl-b-" + suffix);
        formCluster("cl-" + suffix, head.deviceId(), a.deviceId(), b.deviceId());
        ClusterHead role = new ClusterHead(
                head.deviceId(),
                head.keys(),
                new GatewayClusterDirectory(open(head)),
                System::currentTimeMillis,
                60_000,
                16);
        ClusterMember alpha = new ClusterMember(a.deviceId(), head.deviceId(), a.keys(), System::currentTimeMillis);
        ClusterMember bravo = new ClusterMember(b.deviceId(), head.deviceId(), b.keys(), System::currentTimeMillis);
        ClusterSimulation cluster = new ClusterSimulation(
                role, head.deviceId(), new GatewayClusterDirectory(open(a)).memberKey(head.deviceId()), line -> {});

        cluster.join(alpha);
        cluster.join(bravo);
        KeyGrant grant = cluster.pair(alpha, bravo);
        byte[] reading = " 1 2 0.25790529076045041".getBytes(StandardCharsets.UTF_8);
        assertThat(cluster.relay(alpha, bravo, reading)).isEqualTo(reading);
        assertThat(anchoredRoot(grant)).isEqualTo(HEX.formatHex(MerkleTree.leafHash(HEX.parseHex(grant.sha256Hex()))));
        DeviceTransport asHead = open(head);
        KeyGrant later = provesInclusionOnceAnchored(asHead, cluster, alpha, bravo);
        assertThat(proof(asHead, "0".repeat(64)).status()).isEqualTo(404);
        assertThat(proof(open(a), later.sha256Hex()).status())
                .as("another device gets no proof of the head's grant")
                .isEqualTo(404);

        ledgerAdmin.lifecycle("SuspendDevice", b.deviceId());
        long refusedAfterMs = requestUntilRefused(cluster, alpha, bravo);

        assertThat(refusedAfterMs).isLessThanOrEqualTo(2_000);
        assertThatThrownBy(() -> cluster.pair(alpha, bravo))
                .isInstanceOfSatisfying(ClusterRefusedException.class, e -> assertThat(e.error())
                        .isEqualTo(ClusterError.CLUSTER_MEMBER_NOT_ACTIVE));
    }

    /**
     * Issues three keys at once (one batch, most likely), checks that the last is refused a proof until anchored,
     * then verifies its proof against the root read from the ledger, not the gateway's answer.
     */
    private KeyGrant provesInclusionOnceAnchored(
            DeviceTransport asHead, ClusterSimulation cluster, ClusterMember alpha, ClusterMember bravo)
            throws Exception {
        cluster.pair(alpha, bravo);
        cluster.pair(alpha, bravo);
        KeyGrant grant = cluster.pair(alpha, bravo);
        DeviceResponse early = proof(asHead, grant.sha256Hex());
        assertThat(early.status()).isEqualTo(409);
        assertThat(new String(early.body(), StandardCharsets.UTF_8)).contains("CLUSTER_GRANT_NOT_ANCHORED");

        anchoredRoot(grant);
        DeviceResponse answer = proof(asHead, grant.sha256Hex());
        assertThat(answer.status()).isEqualTo(200);
        KeyGrantProofResponse proof = gateway.getApplicationContext()
                .getBean(JsonMapper.class)
                .readValue(answer.body(), KeyGrantProofResponse.class);
        TelemetryAnchor onLedger = gateway.getApplicationContext()
                .getBean(AnchorLedger.class)
                .getAnchor(proof.batchId())
                .orElseThrow();
        MerkleProof path = new MerkleProof(
                proof.leafIndex(),
                proof.leafCount(),
                proof.proof().stream()
                        .map(step -> new MerkleProof.Step(MerkleProof.Side.valueOf(step.side()), step.hash()))
                        .toList());
        assertThat(MerkleTree.verify(
                        MerkleTree.leafHash(HEX.parseHex(grant.sha256Hex())),
                        path,
                        HEX.parseHex(onLedger.merkleRoot())))
                .isTrue();
        assertThat(proof.leafCount()).isEqualTo(onLedger.leafCount());
        assertThat(proof.keyId()).isEqualTo(grant.keyIdHex());
        assertThat(proof.verified()).isTrue();
        assertThat(proof.transactionId()).isNotBlank();
        return grant;
    }

    private static DeviceResponse proof(DeviceTransport transport, String grantSha256) {
        return transport
                .exchange(new DeviceRequest(
                        "GET", "/device/v1/cluster/grants/" + grantSha256 + "/proof", null, Duration.ofSeconds(30)))
                .join();
    }

    /** Asks for keys until the head refuses; returns how long after the suspension's commit that was, ms. */
    private static long requestUntilRefused(ClusterSimulation cluster, ClusterMember alpha, ClusterMember bravo)
            throws InterruptedException {
        long start = System.nanoTime();
        while (true) {
            try {
                cluster.pair(alpha, bravo);
            } catch (ClusterRefusedException e) {
                assertThat(e.error()).isEqualTo(ClusterError.CLUSTER_MEMBER_NOT_ACTIVE);
                return (System.nanoTime() - start) / 1_000_000;
            }
            if (System.nanoTime() - start > 10_000_000_000L) {
                return (System.nanoTime() - start) / 1_000_000;
            }
            Thread.sleep(20);
        }
    }

    /** Waits for the grant's batch to be anchored and returns the Merkle root the ledger holds for it. */
    private String anchoredRoot(KeyGrant grant) throws Exception {
        DataSource dataSource = DelegatingDataSource.unwrapDataSource(
                gateway.getApplicationContext().getBean(DataSource.class));
        AnchorLedger ledger = gateway.getApplicationContext().getBean(AnchorLedger.class);
        long until = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < until) {
            Optional<String> batch = batchOf(dataSource, grant.keyIdHex());
            if (batch.isPresent()) {
                Optional<TelemetryAnchor> anchor = ledger.getAnchor(batch.get());
                if (anchor.isPresent()) {
                    assertThat(anchor.get().hashScheme()).isEqualTo(KeyGrantAnchoring.SCHEME);
                    return anchor.get().merkleRoot();
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the grant of key " + grant.keyIdHex() + " was not anchored within 60 s");
    }

    private static Optional<String> batchOf(DataSource dataSource, String keyId) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement select =
                        c.prepareStatement("SELECT batch_id FROM cluster_key_grants WHERE key_id = ?")) {
            select.setString(1, keyId);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? Optional.ofNullable(rows.getString(1)) : Optional.empty();
            }
        }
    }

    /** Forms the cluster on the ledger (a group naming the head) and waits until the gateway's group view has it. */
    private void formCluster(String groupId, String headId, String... memberIds) throws Exception {
        String policy = "{\"commandTypes\":[\"reboot\"],\"coEndorseGrantees\":false%s}";
        ledgerAdmin.groups("CreateGroup", "{\"groupId\":\"" + groupId + "\",\"policy\":" + policy.formatted("") + "}");
        for (String deviceId : List.of(headId, memberIds[0], memberIds[1])) {
            ledgerAdmin.groups("AddGroupMember", "{\"groupId\":\"" + groupId + "\",\"deviceId\":\"" + deviceId + "\"}");
        }
        ledgerAdmin.groups(
                "SetGroupPolicy",
                "{\"groupId\":\"" + groupId + "\",\"policy\":"
                        + policy.formatted(",\"clusterHeadDeviceId\":\"" + headId + "\"") + "}");
        GroupDirectory groups = gateway.getApplicationContext().getBean(GroupDirectory.class);
        long until = System.nanoTime() + 30_000_000_000L;
        while (!groups.clusterHead(groupId).filter(headId::equals).isPresent()) {
            assertThat(System.nanoTime())
                    .as("the gateway saw the cluster within 30 s")
                    .isLessThan(until);
            Thread.sleep(100);
        }
    }

    private DeviceState provision(String deviceId) throws Exception {
        ledgerAdmin.registerWithClaimToken(deviceId, TOKEN_PREFIX + deviceId, Map.of());
        DeviceState state = DeviceState.open(devices.resolve(deviceId), deviceId);
        DeviceClient.provision(state, TOKEN_PREFIX + deviceId, devicePort, RetryPolicy.defaults())
                .get();
        return state;
    }

    private DeviceTransport open(DeviceState state) throws Exception {
        DeviceTransport transport = devicePort.open(state.credentials());
        transports.add(transport);
        return transport;
    }
}
