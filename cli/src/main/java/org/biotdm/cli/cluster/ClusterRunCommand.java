package org.biotdm.cli.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.biotdm.cli.ApiClient;
import org.biotdm.cli.Console;
import org.biotdm.cli.Credentials;
import org.biotdm.cli.Home;
import org.biotdm.cli.stack.DataDir;
import org.biotdm.cli.stack.RunningStackOptions;
import org.biotdm.cli.stack.StackInfo;
import org.biotdm.device.sdk.ClusterHead;
import org.biotdm.device.sdk.ClusterMember;
import org.biotdm.device.sdk.DeviceState;
import org.biotdm.device.sdk.DeviceTls;
import org.biotdm.device.sdk.DeviceTransport;
import org.biotdm.device.sdk.DeviceTransportFactory;
import org.biotdm.device.sdk.GatewayClusterDirectory;
import org.biotdm.device.sdk.JdkDeviceTransport;
import org.biotdm.device.sim.ClusterSimulation;
import org.biotdm.protocol.cluster.ClusterError;
import org.biotdm.protocol.cluster.ClusterRefusedException;
import org.biotdm.protocol.cluster.KeyGrant;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code biotdm cluster run}: three devices the demo provisioned (in the data directory's {@code devices/}) play a
 * cluster head and two members against the running stack. First the organisation's admin forms the cluster on the
 * ledger ({@link ClusterFormation}: a device group with the three, naming the head as cluster head); then the members
 * authenticate to the head, the head asks the gateway over mTLS to vouch for both and record the grant, and the
 * members exchange messages (real lines of the Intel Berkeley Lab connectivity file) under the issued key.
 */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = {
            "Runs a cluster from the demo's devices against the running stack: a head, two members exchanging"
                    + " messages under a key the head issued after the gateway vouched for both.",
            "Last line: CLUSTER head=... members=... grant=... messages=... result=OK|REFUSED."
        })
final class ClusterRunCommand implements Callable<Integer> {
    private static final int FORMATION_WAIT_S = 10;

    @Option(names = "--head", paramLabel = "ID", description = "The head (default: the first provisioned device).")
    String headId;

    @Option(
            names = "--member",
            paramLabel = "ID",
            description = "A member, twice (default: the next two provisioned devices).")
    List<String> memberIds = new ArrayList<>();

    @Option(
            names = "--messages",
            paramLabel = "N",
            defaultValue = "4",
            description = "Messages each way, 1-64 (default: ${DEFAULT-VALUE}).")
    int messages;

    @Option(
            names = "--key-lifetime",
            paramLabel = "S",
            defaultValue = "600",
            description = "Lifetime of the issued key in seconds, 1-86400 (default: ${DEFAULT-VALUE}).")
    long keyLifetime;

    @Mixin
    RunningStackOptions runningStack = new RunningStackOptions();

    @Mixin
    Console console = new Console();

    @Override
    public Integer call() throws Exception {
        if (messages < 1 || messages > 64 || keyLifetime < 1 || keyLifetime > 86_400) {
            return console.refuse("--messages must be 1-64 and --key-lifetime 1-86400");
        }
        DataDir data = runningStack.dataDir();
        Optional<StackInfo> stack = runningStack.running();
        if (stack.isEmpty()) {
            console.err().println("No running stack in " + data.root() + ": start one with scripts/biotdm up or demo");
            return 1;
        }
        List<String> ids = deviceIds(data.devices());
        if (ids.size() < 3) {
            return console.refuse("need three provisioned devices in " + data.devices()
                    + ": run scripts/biotdm demo first, or name them with --head and --member");
        }
        return run(stack.get(), data, ids);
    }

    private int run(StackInfo stack, DataDir data, List<String> ids) throws IOException, InterruptedException {
        Credentials.Login admin = Credentials.load(data.credentials())
                .findAny("admin")
                .orElseThrow(() -> new IOException("No admin login in " + data.credentials()));
        ApiClient api = new ApiClient(stack.apiUrl());
        String groupId;
        try {
            groupId = ClusterFormation.form(api, api.login(admin), ids.get(0), ids.subList(1, 3));
        } catch (ApiClient.ApiError e) {
            console.err().println("Could not form the cluster on the ledger: " + e.getMessage());
            console.result("CLUSTER head=" + ids.get(0) + " members=" + ids.get(1) + "," + ids.get(2)
                    + " grant=- messages=0 result=REFUSED code=" + e.code());
            return 1;
        }
        console.err()
                .println("Cluster " + groupId + " on the ledger: head " + ids.get(0) + ", members " + ids.get(1)
                        + " and " + ids.get(2));
        List<X509Certificate> trusted =
                DeviceTls.certificates(Files.readString(stack.deviceServerCert(), StandardCharsets.US_ASCII));
        DeviceTransportFactory port = JdkDeviceTransport.factory(stack.deviceUrl(), trusted, null);
        DeviceState head = DeviceState.open(data.devices().resolve(ids.get(0)), ids.get(0));
        DeviceState a = DeviceState.open(data.devices().resolve(ids.get(1)), ids.get(1));
        DeviceState b = DeviceState.open(data.devices().resolve(ids.get(2)), ids.get(2));
        try (DeviceTransport headPort = port.open(head.credentials());
                DeviceTransport memberPort = port.open(a.credentials())) {
            ClusterHead role = new ClusterHead(
                    head.deviceId(),
                    head.keys(),
                    new GatewayClusterDirectory(headPort),
                    System::currentTimeMillis,
                    keyLifetime * 1000,
                    16);
            ClusterMember alpha = new ClusterMember(a.deviceId(), head.deviceId(), a.keys(), System::currentTimeMillis);
            ClusterMember bravo = new ClusterMember(b.deviceId(), head.deviceId(), b.keys(), System::currentTimeMillis);
            var headKey = new GatewayClusterDirectory(memberPort).memberKey(head.deviceId());
            ClusterSimulation cluster = new ClusterSimulation(role, head.deviceId(), headKey, console.out()::println);
            return exchange(cluster, head.deviceId(), alpha, bravo);
        }
    }

    private int exchange(ClusterSimulation cluster, String head, ClusterMember alpha, ClusterMember bravo)
            throws IOException, InterruptedException {
        String members = alpha.deviceId() + "," + bravo.deviceId();
        try {
            joinOnceTheGatewayKnows(cluster, alpha);
            cluster.join(bravo);
            KeyGrant grant = cluster.pair(alpha, bravo);
            List<String> lines = payloads();
            for (int i = 0; i < messages; i++) {
                cluster.relay(alpha, bravo, lines.get(i % lines.size()).getBytes(StandardCharsets.UTF_8));
                cluster.relay(bravo, alpha, ("ack " + (i + 1)).getBytes(StandardCharsets.UTF_8));
            }
            console.result("CLUSTER head=" + head + " members=" + members + " grant=" + grant.sha256Hex() + " messages="
                    + 2 * messages + " result=OK");
            return 0;
        } catch (ClusterRefusedException e) {
            console.err().println("Refused: " + e.getMessage());
            console.result("CLUSTER head=" + head + " members=" + members + " grant=- messages=0 result=REFUSED code="
                    + e.error().code());
            return 1;
        }
    }

    /**
     * Joins the first member, waiting up to {@value #FORMATION_WAIT_S} s for the gateway to see the group just formed:
     * its view follows the ledger's events, and it keeps a refusal for up to 2 s.
     */
    private static void joinOnceTheGatewayKnows(ClusterSimulation cluster, ClusterMember member)
            throws IOException, InterruptedException {
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

    private List<String> deviceIds(Path devices) throws IOException {
        List<String> ids = new ArrayList<>();
        if (headId != null) {
            ids.add(headId);
        }
        ids.addAll(memberIds);
        if (ids.size() >= 3 || !Files.isDirectory(devices)) {
            return ids;
        }
        try (Stream<Path> dirs = Files.list(devices)) {
            dirs.map(dir -> dir.getFileName().toString())
                    .sorted()
                    .filter(id -> !ids.contains(id) && provisioned(devices, id))
                    .limit(3L - ids.size())
                    .forEach(ids::add);
        }
        return ids;
    }

    private static boolean provisioned(Path devices, String id) {
        try {
            return DeviceState.open(devices.resolve(id), id).isProvisioned();
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Real payloads: the first lines of the Intel Berkeley Lab connectivity file, when the data set is there. */
    private static List<String> payloads() throws IOException {
        Path file = Home.detect().sharedData().resolve("intel_lab").resolve("connectivity.txt");
        if (!Files.isReadable(file)) {
            return List.of("reading");
        }
        try (Stream<String> lines = Files.lines(file)) {
            return lines.limit(64).toList();
        }
    }
}
