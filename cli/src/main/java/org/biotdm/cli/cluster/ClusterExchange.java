package org.biotdm.cli.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.biotdm.cli.ApiClient;
import org.biotdm.device.sdk.ClusterHead;
import org.biotdm.device.sdk.ClusterMember;
import org.biotdm.device.sdk.DeviceState;
import org.biotdm.device.sdk.DeviceTransport;
import org.biotdm.device.sdk.DeviceTransportFactory;
import org.biotdm.device.sdk.GatewayClusterDirectory;
import org.biotdm.device.sim.ClusterSimulation;
import org.biotdm.protocol.cluster.ClusterCrypto;
import org.biotdm.protocol.cluster.ClusterError;
import org.biotdm.protocol.cluster.ClusterRefusedException;
import org.biotdm.protocol.cluster.KeyGrant;
import org.biotdm.protocol.cluster.PairChannel;

/**
 * Runs a cluster of three provisioned devices against a running stack ({@code protocol/cluster-keys-v1.md}): forms it
 * on the ledger ({@link ClusterFormation}), has both members authenticate to the head, the head ask the gateway over
 * mTLS to vouch for them and record the grant, and the members exchange messages under the issued key. Then it shows
 * two messages the receiver must refuse: one sealed under a wrong key with the grant's key ID ({@code
 * CLUSTER_MESSAGE_INVALID}) and a replay of a message already received ({@code CLUSTER_NONCE_REUSED}). Used by {@code
 * biotdm cluster run} and by the demo.
 */
public final class ClusterExchange {
    /** The refusals every run must see, in the order it provokes them. */
    static final List<ClusterError> EXPECTED_REFUSALS =
            List.of(ClusterError.CLUSTER_MESSAGE_INVALID, ClusterError.CLUSTER_NONCE_REUSED);

    private static final int FORMATION_WAIT_S = 10;

    private final ApiClient api;
    private final String adminToken;
    private final DeviceTransportFactory port;
    private final Consumer<String> log;

    /**
     * What a run did, with its {@code CLUSTER} line.
     *
     * @param line {@code CLUSTER head=… members=… grant=<sha256 hex>|- messages=<n> refused=<codes>|- result=OK|FAILED
     *     [code=<catalogue code>]}
     * @param ok whether the cluster formed, every message went through and both bad messages were refused
     */
    public record Outcome(String line, boolean ok) {}

    /**
     * Creates the exchange.
     *
     * @param api the gateway's API
     * @param adminToken an access token of the devices' owner organisation's admin, who forms the cluster
     * @param port opens the head's and a member's mutual-TLS transports to the device port
     * @param log receives one line per step
     */
    public ClusterExchange(ApiClient api, String adminToken, DeviceTransportFactory port, Consumer<String> log) {
        this.api = api;
        this.adminToken = adminToken;
        this.port = port;
        this.log = log;
    }

    /**
     * Forms the cluster and runs the exchange.
     *
     * @param head the head's state
     * @param a the first member's state
     * @param b the second member's state
     * @param payloads what the first member sends, one message each, cycled; at most 1024 bytes each
     * @param messages messages each way, 1-64
     * @param keyLifetimeMs the issued key's lifetime in milliseconds
     * @return the outcome; a refusal by the gateway, the chaincode, the head or a member makes it not OK
     * @throws IOException when the gateway cannot be reached
     * @throws InterruptedException when interrupted
     */
    public Outcome run(
            DeviceState head, DeviceState a, DeviceState b, List<String> payloads, int messages, long keyLifetimeMs)
            throws IOException, InterruptedException {
        String prefix = "CLUSTER head=" + head.deviceId() + " members=" + a.deviceId() + "," + b.deviceId();
        try {
            String groupId =
                    ClusterFormation.form(api, adminToken, head.deviceId(), List.of(a.deviceId(), b.deviceId()));
            log.accept("Cluster " + groupId + " on the ledger: head " + head.deviceId() + ", members " + a.deviceId()
                    + " and " + b.deviceId());
        } catch (ApiClient.ApiError e) {
            log.accept("Could not form the cluster on the ledger: " + e.getMessage());
            return new Outcome(prefix + " grant=- messages=0 refused=- result=FAILED code=" + e.code(), false);
        }
        try (DeviceTransport headPort = port.open(head.credentials());
                DeviceTransport memberPort = port.open(a.credentials())) {
            ClusterHead role = new ClusterHead(
                    head.deviceId(),
                    head.keys(),
                    new GatewayClusterDirectory(headPort),
                    System::currentTimeMillis,
                    keyLifetimeMs,
                    16);
            ClusterSimulation cluster = new ClusterSimulation(
                    role, head.deviceId(), new GatewayClusterDirectory(memberPort).memberKey(head.deviceId()), log);
            ClusterMember alpha = member(a, head);
            ClusterMember bravo = member(b, head);
            return new Outcome(prefix + exchange(cluster, alpha, bravo, payloads, messages), true);
        } catch (ClusterRefusedException e) {
            log.accept("Refused: " + e.getMessage());
            return new Outcome(
                    prefix + " grant=- messages=0 refused=- result=FAILED code="
                            + e.error().code(),
                    false);
        } catch (IllegalStateException e) {
            log.accept("Refused: " + e.getMessage());
            return new Outcome(prefix + " grant=- messages=0 refused=- result=FAILED", false);
        }
    }

    /**
     * Returns real payloads for the members' messages: the first 64 lines of the Intel Berkeley Lab connectivity file
     * ({@code intel_lab/connectivity.txt}, each well under 1024 bytes), or one fixed line when the data set is absent.
     *
     * @param sharedData the shared data folder
     * @return at least one payload
     * @throws IOException when the file exists but cannot be read
     */
    public static List<String> payloads(Path sharedData) throws IOException {
        Path file = sharedData.resolve("intel_lab").resolve("connectivity.txt");
        if (!Files.isReadable(file)) {
            return List.of("reading");
        }
        try (Stream<String> lines = Files.lines(file)) {
            return lines.limit(64).toList();
        }
    }

    private static ClusterMember member(DeviceState member, DeviceState head) throws IOException {
        return new ClusterMember(member.deviceId(), head.deviceId(), member.keys(), System::currentTimeMillis);
    }

    /** Joins, pairs and relays; returns the line's tail. Throws {@link IllegalStateException} on a bad message taken. */
    String exchange(
            ClusterSimulation cluster, ClusterMember alpha, ClusterMember bravo, List<String> payloads, int messages)
            throws InterruptedException {
        joinOnceTheGatewayKnows(cluster, alpha);
        cluster.join(bravo);
        KeyGrant grant = cluster.pair(alpha, bravo);
        for (int i = 0; i < messages; i++) {
            cluster.relay(alpha, bravo, payloads.get(i % payloads.size()).getBytes(StandardCharsets.UTF_8));
            cluster.relay(bravo, alpha, ("ack " + (i + 1)).getBytes(StandardCharsets.UTF_8));
        }
        List<String> refused = refusals(grant, alpha, bravo, messages);
        return " grant=" + grant.sha256Hex() + " messages=" + 2 * messages + " refused=" + String.join(",", refused)
                + " result=OK";
    }

    /**
     * Sends bravo a message under a wrong key and a replayed one; each must be refused with its code. Alpha has sent
     * {@code sent} messages and sends one more to replay, so the forger's counter starts past both and the receiver
     * gets as far as the tag.
     */
    private List<String> refusals(KeyGrant grant, ClusterMember alpha, ClusterMember bravo, int sent) {
        PairChannel forger = new PairChannel(grant, ClusterCrypto.random(32), alpha.deviceId());
        byte[] forged = null;
        for (int i = 0; i <= sent + 1; i++) {
            forged = forger.seal("forged".getBytes(StandardCharsets.UTF_8), System.currentTimeMillis());
        }
        byte[] genuine = alpha.send(bravo.deviceId(), "once".getBytes(StandardCharsets.UTF_8));
        bravo.receive(genuine);
        List<byte[]> bad = List.of(forged, genuine);
        List<String> refused = new ArrayList<>();
        for (int i = 0; i < bad.size(); i++) {
            refused.add(refuse(alpha, bravo, bad.get(i), EXPECTED_REFUSALS.get(i)));
        }
        return refused;
    }

    /** Has bravo receive a message it must refuse with the expected code; returns the code. */
    private String refuse(ClusterMember alpha, ClusterMember bravo, byte[] message, ClusterError expected) {
        try {
            bravo.receive(message);
        } catch (ClusterRefusedException e) {
            if (e.error() != expected) {
                throw new IllegalStateException(
                        "expected " + expected + " but " + bravo.deviceId() + " refused with " + e.error(), e);
            }
            log.accept("REFUSED " + alpha.deviceId() + " -> " + bravo.deviceId() + ": "
                    + e.error().code() + " (" + e.getMessage() + ")");
            return e.error().code();
        }
        throw new IllegalStateException(bravo.deviceId() + " accepted a message it must refuse with " + expected);
    }

    /**
     * Joins the first member, waiting up to {@value #FORMATION_WAIT_S} s for the gateway to see the group just formed:
     * its view follows the ledger's events, and it keeps a refusal for up to 2 s.
     */
    private static void joinOnceTheGatewayKnows(ClusterSimulation cluster, ClusterMember member)
            throws InterruptedException {
        long until = System.nanoTime() + FORMATION_WAIT_S * 1_000_000_000L;
        while (true) {
            try {
                cluster.join(member);
                return;
            } catch (ClusterRefusedException e) {
                if (e.error() != ClusterError.CLUSTER_PAIR_FOREIGN || System.nanoTime() > until) {
                    throw e;
                }
                Thread.sleep(500);
            }
        }
    }
}
