package org.biotdm.cli.demo;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.biotdm.cli.ApiClient;
import org.biotdm.cli.cluster.ClusterExchange;
import org.biotdm.device.sdk.DeviceState;
import org.biotdm.device.sdk.DeviceTls;
import org.biotdm.device.sdk.JdkDeviceTransport;
import org.biotdm.device.sim.SimulatedFleet;

/**
 * The demo's cluster (docs/cluster-keys.md): after the replays, the last three Suthaharan motes form a cluster on the
 * ledger, the first of them its head; the other two authenticate to it, get a pairwise key the gateway vouched for and
 * exchange a few messages, and a message under a wrong key and a replayed one are refused ({@link ClusterExchange}).
 * The last motes are taken because the demo's commands and configuration go to the first ones, and joining the cluster
 * moves a device out of the {@code demo} group. Takes a few seconds (five ledger writes and one grant).
 */
final class DemoCluster {
    /** Messages each way. */
    static final int MESSAGES = 3;

    private static final long KEY_LIFETIME_MS = 600_000;

    private DemoCluster() {}

    /**
     * Picks the cluster's devices: the last three motes of the replays.
     *
     * @param replays the demo's replays
     * @return head and two members, or fewer than three when the data has fewer motes
     */
    static List<String> devices(List<DemoData.Replay> replays) {
        List<String> motes = replays.stream()
                .filter(DemoData.Replay::labelled)
                .map(DemoData.Replay::deviceId)
                .toList();
        return motes.subList(Math.max(0, motes.size() - 3), motes.size());
    }

    /**
     * Forms the cluster and runs the exchange.
     *
     * @param api the gateway
     * @param adminToken an admin of the devices' owner organisation
     * @param deviceUrl the gateway's device port
     * @param serverCert the device port's certificate (PEM)
     * @param fleet the demo's devices, provisioned
     * @param ids head and members, from {@link #devices}
     * @param sharedData the shared data folder, for the messages' real payloads
     * @param log receives one line per step
     * @return the outcome; not OK when fewer than three motes ran
     * @throws IOException when the gateway cannot be reached or a device's state cannot be read
     * @throws InterruptedException when interrupted
     */
    static ClusterExchange.Outcome run(
            ApiClient api,
            String adminToken,
            URI deviceUrl,
            Path serverCert,
            SimulatedFleet fleet,
            List<String> ids,
            Path sharedData,
            Consumer<String> log)
            throws IOException, InterruptedException {
        if (ids.size() < 3) {
            return new ClusterExchange.Outcome(
                    "CLUSTER head=- members=- grant=- messages=0 refused=- result=FAILED (fewer than three motes)",
                    false);
        }
        var trusted = DeviceTls.certificates(Files.readString(serverCert, StandardCharsets.US_ASCII));
        ClusterExchange exchange =
                new ClusterExchange(api, adminToken, JdkDeviceTransport.factory(deviceUrl, trusted, null), log);
        DeviceState head = fleet.state(ids.get(0));
        return exchange.run(
                head,
                fleet.state(ids.get(1)),
                fleet.state(ids.get(2)),
                ClusterExchange.payloads(sharedData),
                MESSAGES,
                KEY_LIFETIME_MS);
    }
}
