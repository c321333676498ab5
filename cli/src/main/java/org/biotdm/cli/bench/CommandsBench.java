package org.biotdm.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.biotdm.cli.ApiClient;
import org.biotdm.cli.Console;
import org.biotdm.cli.Credentials;
import org.biotdm.cli.DeviceFleet;
import org.biotdm.cli.DeviceRegistrar;
import org.biotdm.cli.Progress;
import org.biotdm.cli.stack.DataDir;
import org.biotdm.cli.stack.Stack;
import org.biotdm.device.sdk.DeviceClient;
import org.biotdm.device.sdk.DeviceCommand;
import org.biotdm.device.sim.DeviceEventLoop;
import org.biotdm.protocol.receipt.ReceiptStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code biotdm bench commands}: the end-to-end latency of a command. Starts a stack ({@link BenchStack}), provisions
 * simulated devices that long-poll {@code GET /device/v1/commands}, grants the operator their group, and then, one
 * command at a time, measures from the operator's {@code POST /api/v1/commands} (IssueCommand signed with the
 * operator's identity) through the device receiving it by long poll (after MarkCommandDelivered committed) to the
 * device's signed receipt being accepted ({@code POST /device/v1/commands/{id}/receipt} answers after CompleteCommand
 * committed). Afterwards each measured command is read back through {@code GET /api/v1/commands/{id}} and counted as
 * {@code succeeded} only in state SUCCEEDED.
 *
 * <p>Last line: {@code BENCH commands n=… p50_ms=… p99_ms=… target_p99_ms=500 issue_p50_ms=… deliver_p50_ms=…
 * receipt_p50_ms=… succeeded=… devices=… batch_timeout_ms=… transport=https}; with {@code --transport mqtt} a second
 * fleet on the MQTT port (commands pushed, receipts published at QoS 1) follows and prints the same line with {@code
 * transport=mqtt} and the MQTT target, {@code target_p99_ms=250} (issue 16). The per-step medians are the in-run baseline: each step is one ledger
 * commit, so the end-to-end time is compared with three single commits of the same network.
 */
@Command(
        name = "commands",
        mixinStandardHelpOptions = true,
        description = {
            "Command latency: operator issues -> device receives by long poll -> signed receipt committed on-chain.",
            "Last line: BENCH commands n=.. p50_ms=.. p99_ms=.. target_p99_ms=500 issue_p50_ms=.. deliver_p50_ms=.."
                    + " receipt_p50_ms=.. succeeded=.. devices=.. (the three steps, one ledger commit each, are the"
                    + " baseline)."
        })
final class CommandsBench implements Callable<Integer> {
    /** The target of issue 6: p99 of the end-to-end time at most this many milliseconds. */
    public static final int TARGET_P99_MS = 500;

    /**
     * The target of issue 16 over MQTT: p99 of the end-to-end time at most this many milliseconds (Eclipse Hono's
     * published command round trip is p99 279 ms without a ledger step).
     */
    public static final int MQTT_TARGET_P99_MS = 250;

    private static final String GROUP = "bench";
    private static final String COMMAND_TYPE = "set-sampling-interval";
    private static final Duration POLL_WAIT = Duration.ofSeconds(30);
    private static final long COMMAND_TIMEOUT_S = 120;
    private static final byte[] RESULT = "{\"applied\":true}".getBytes(StandardCharsets.UTF_8);

    @Mixin
    BenchStack benchStack = new BenchStack();

    @Option(
            names = "--commands",
            paramLabel = "N",
            defaultValue = "100",
            description = "Commands measured after the warm-up (default: ${DEFAULT-VALUE}).")
    int commands;

    @Option(
            names = "--devices",
            paramLabel = "D",
            defaultValue = "4",
            description = "Simulated devices long-polling; commands go to them in turn (default: ${DEFAULT-VALUE}).")
    int devices;

    @Option(
            names = "--warmup",
            paramLabel = "N",
            defaultValue = "10",
            description = "Commands issued and completed first, not measured (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(
            names = "--transport",
            paramLabel = "https|mqtt",
            defaultValue = "https",
            description = "mqtt also measures devices on the MQTT port (commands pushed, receipts published), after the"
                    + " HTTPS long-poll figures of the same run (default: ${DEFAULT-VALUE}).")
    String transport;

    @Mixin
    Console console = new Console();

    private final Map<String, Timing> timings = new ConcurrentHashMap<>();
    private volatile boolean stopped;

    /**
     * Checks the arguments.
     *
     * @return the first problem, or null when none
     */
    String validate() {
        if (commands < 1 || commands > 100_000) {
            return "--commands must be 1-100000, was " + commands;
        }
        if (devices < 1 || devices > 1_000) {
            return "--devices must be 1-1000, was " + devices;
        }
        if (warmup < 0 || warmup > 10_000) {
            return "--warmup must be 0-10000, was " + warmup;
        }
        if (!"https".equals(transport) && !"mqtt".equals(transport)) {
            return "--transport must be https or mqtt, was " + transport;
        }
        return null;
    }

    @Override
    public Integer call() throws Exception {
        return benchStack.run(console, validate(), this::measure);
    }

    private int measure(Stack stack) throws Exception {
        DataDir dataDir = stack.dataDir();
        Credentials credentials = Credentials.load(dataDir.credentials());
        String org1 = stack.organisations().get(0);
        ApiClient api = stack.api();
        DeviceRegistrar registrar = DeviceRegistrar.asAdmin(api, credentials, org1, id -> "bench-device", GROUP);
        int failed = pass(stack, null, "bench-cmd-", registrar, credentials);
        if ("mqtt".equals(transport)) {
            console.err().println("The same with the devices on the MQTT port:");
            failed += pass(stack, stack.mqttUrl(), "bench-mqtt-cmd-", registrar, credentials);
        }
        return failed == 0 ? 0 : 1;
    }

    /** Measures with one fleet (over MQTT when its URL is given), prints its BENCH line, returns the commands failed. */
    private int pass(Stack stack, URI mqttUrl, String names, DeviceRegistrar registrar, Credentials credentials)
            throws Exception {
        String org1 = stack.organisations().get(0);
        ApiClient api = stack.api();
        DataDir dataDir = stack.dataDir();
        stopped = false;
        try (DeviceFleet fleet = DeviceFleet.open(
                stack.deviceUrl(), mqttUrl, dataDir.ingressCertificate(), dataDir.devices(), registrar, false)) {
            List<String> deviceIds = startPolling(fleet, names);
            api.grantOperator(credentials, org1, GROUP, List.of(COMMAND_TYPE));
            Operator operator =
                    new Operator(api, credentials.find(org1, "operator").orElseThrow());
            Samples samples = issueAll(operator, deviceIds);
            stopped = true;
            int succeeded = operator.countSucceeded(samples.measured);
            console.result(line(samples, succeeded, mqttUrl == null ? TARGET_P99_MS : MQTT_TARGET_P99_MS)
                    + " transport=" + (mqttUrl == null ? "https" : "mqtt"));
            return commands - succeeded;
        }
    }

    private List<String> startPolling(DeviceFleet fleet, String names) throws IOException {
        List<String> deviceIds = new ArrayList<>();
        Progress progress = Progress.start(console.err(), "Provisioning " + devices + " devices");
        for (int i = 1; i <= devices; i++) {
            String deviceId = names + i;
            DeviceClient device = fleet.devices().device(deviceId);
            deviceIds.add(deviceId);
            poll(device, fleet.loop());
            progress.tick();
        }
        progress.done(devices + " devices long-polling");
        return deviceIds;
    }

    /** Issues the warm-up commands, then the measured ones, one at a time, each awaited until its receipt. */
    private Samples issueAll(Operator operator, List<String> deviceIds) throws Exception {
        String run = Long.toString(System.currentTimeMillis(), 36);
        Progress progress =
                Progress.start(console.err(), "Issuing " + warmup + " warm-up and " + commands + " measured commands");
        Samples samples = new Samples(commands);
        for (int i = 0; i < warmup + commands; i++) {
            String commandId = "bench-" + run + "-" + i;
            Timing timing = new Timing();
            timings.put(commandId, timing);
            long start = System.nanoTime();
            operator.issue(commandId, deviceIds.get(i % deviceIds.size()));
            long issued = System.nanoTime();
            long completed = timing.completed.get(COMMAND_TIMEOUT_S, TimeUnit.SECONDS);
            long received = timing.received.get(COMMAND_TIMEOUT_S, TimeUnit.SECONDS);
            if (i >= warmup) {
                samples.add(commandId, start, issued, received, completed);
            }
            progress.tick();
        }
        progress.done((warmup + commands) + " commands completed with signed receipts");
        return samples;
    }

    private String line(Samples samples, int succeeded, int targetP99Ms) {
        return "BENCH commands n=" + commands
                + " p50_ms=" + BenchStats.format(BenchStats.percentile(samples.endToEnd, 50))
                + " p99_ms=" + BenchStats.format(BenchStats.percentile(samples.endToEnd, 99))
                + " target_p99_ms=" + targetP99Ms
                + " issue_p50_ms=" + BenchStats.format(BenchStats.percentile(samples.issue, 50))
                + " deliver_p50_ms=" + BenchStats.format(BenchStats.percentile(samples.deliver, 50))
                + " receipt_p50_ms=" + BenchStats.format(BenchStats.percentile(samples.receipt, 50))
                + " succeeded=" + succeeded
                + " devices=" + devices
                + " batch_timeout_ms=" + benchStack.batchTimeoutMillis();
    }

    /** Long-polls for the device until the benchmark stops, completing each command with a signed receipt. */
    private void poll(DeviceClient device, DeviceEventLoop loop) {
        if (stopped) {
            return;
        }
        device.pollCommands(POLL_WAIT).whenComplete((delivered, error) -> {
            if (error != null) {
                if (!stopped) {
                    loop.timer().schedule(() -> poll(device, loop), 500, TimeUnit.MILLISECONDS);
                }
                return;
            }
            long now = System.nanoTime();
            CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
            for (DeviceCommand command : delivered) {
                Timing timing = timings.get(command.commandId());
                if (timing != null) {
                    timing.received.complete(now);
                }
                chain = chain.thenCompose(v -> complete(device, command, timing));
            }
            chain.whenComplete((v, e) -> poll(device, loop));
        });
    }

    /** Completes a command with a signed receipt, recording when the receipt was accepted. */
    private static CompletableFuture<Void> complete(DeviceClient device, DeviceCommand command, Timing timing) {
        return device.completeCommand(command, ReceiptStatus.SUCCEEDED, RESULT).handle((ok, failure) -> {
            if (timing != null) {
                if (failure == null) {
                    timing.completed.complete(System.nanoTime());
                } else {
                    timing.completed.completeExceptionally(failure);
                }
            }
            return null;
        });
    }

    /** The measured commands' IDs and times, ms: end to end and per step. */
    private static final class Samples {
        final List<String> measured = new ArrayList<>();
        final double[] endToEnd;
        final double[] issue;
        final double[] deliver;
        final double[] receipt;

        Samples(int commands) {
            endToEnd = new double[commands];
            issue = new double[commands];
            deliver = new double[commands];
            receipt = new double[commands];
        }

        /** Records a command from its {@link System#nanoTime()} stamps. */
        void add(String commandId, long start, long issued, long received, long completed) {
            int k = measured.size();
            measured.add(commandId);
            endToEnd[k] = BenchStats.millis(completed - start);
            issue[k] = BenchStats.millis(issued - start);
            // The long poll may answer before the operator's HTTP answer arrives.
            deliver[k] = BenchStats.millis(Math.max(0, received - issued));
            receipt[k] = BenchStats.millis(completed - received);
        }
    }

    /** When the device received a command and when its receipt was accepted, {@link System#nanoTime()}. */
    private static final class Timing {
        final CompletableFuture<Long> received = new CompletableFuture<>();
        final CompletableFuture<Long> completed = new CompletableFuture<>();
    }

    /** The operator issuing commands, signing in again when the token expires. */
    private static final class Operator {
        private final ApiClient api;
        private final Credentials.Login login;
        private String token;

        Operator(ApiClient api, Credentials.Login login) throws IOException, InterruptedException {
            this.api = api;
            this.login = login;
            this.token = api.login(login);
        }

        void issue(String commandId, String deviceId) throws IOException, InterruptedException {
            try {
                issueAs(token, commandId, deviceId);
            } catch (ApiClient.ApiError e) {
                if (e.status() != 401) {
                    throw e;
                }
                token = api.login(login);
                issueAs(token, commandId, deviceId);
            }
        }

        private void issueAs(String accessToken, String commandId, String deviceId)
                throws IOException, InterruptedException {
            api.issueCommand(accessToken, commandId, deviceId, COMMAND_TYPE, Map.of("intervalMs", 10_000), 600);
        }

        int countSucceeded(List<String> commandIds) throws IOException, InterruptedException {
            token = api.login(login);
            int succeeded = 0;
            for (String commandId : commandIds) {
                JsonNode command = api.get("/api/v1/commands/" + commandId, Map.of(), token);
                if ("SUCCEEDED".equals(command.path("state").asText())) {
                    succeeded++;
                }
            }
            return succeeded;
        }
    }
}
