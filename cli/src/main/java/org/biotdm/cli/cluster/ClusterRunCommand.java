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
import org.biotdm.device.sdk.DeviceState;
import org.biotdm.device.sdk.DeviceTls;
import org.biotdm.device.sdk.JdkDeviceTransport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code biotdm cluster run}: three devices the demo provisioned (in the data directory's {@code devices/}) play a
 * cluster head and two members against the running stack. First the organisation's admin forms the cluster on the
 * ledger ({@link ClusterFormation}: a device group with the three, naming the head as cluster head); then the members
 * authenticate to the head, the head asks the gateway over mTLS to vouch for both and record the grant, and the
 * members exchange messages (real lines of the Intel Berkeley Lab connectivity file) under the issued key, and the
 * receiver refuses a message under a wrong key and a replayed one ({@link ClusterExchange}).
 */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = {
            "Runs a cluster from the demo's devices against the running stack: a head, two members exchanging"
                    + " messages under a key the head issued after the gateway vouched for both.",
            "Last line: CLUSTER head=... members=... grant=... messages=... refused=... result=OK|FAILED."
        })
public final class ClusterRunCommand implements Callable<Integer> {
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
        List<X509Certificate> trusted =
                DeviceTls.certificates(Files.readString(stack.deviceServerCert(), StandardCharsets.US_ASCII));
        ClusterExchange exchange = new ClusterExchange(
                api,
                api.login(admin),
                JdkDeviceTransport.factory(stack.deviceUrl(), trusted, null),
                console.out()::println);
        List<DeviceState> states = new ArrayList<>();
        for (String id : ids.subList(0, 3)) {
            states.add(DeviceState.open(data.devices().resolve(id), id));
        }
        ClusterExchange.Outcome outcome = exchange.run(
                states.get(0),
                states.get(1),
                states.get(2),
                ClusterExchange.payloads(Home.detect().sharedData()),
                messages,
                keyLifetime * 1000);
        console.result(outcome.line());
        return outcome.ok() ? 0 : 1;
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
}
