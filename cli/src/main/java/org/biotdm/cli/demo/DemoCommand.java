package org.biotdm.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.biotdm.cli.ApiClient;
import org.biotdm.cli.Console;
import org.biotdm.cli.Credentials;
import org.biotdm.cli.DeviceFleet;
import org.biotdm.cli.DeviceRegistrar;
import org.biotdm.cli.Home;
import org.biotdm.cli.Progress;
import org.biotdm.cli.cluster.ClusterFormation;
import org.biotdm.cli.stack.DataDir;
import org.biotdm.cli.stack.Stack;
import org.biotdm.cli.stack.StackException;
import org.biotdm.cli.stack.StackOptions;
import org.biotdm.cli.stack.StackRunner;
import org.biotdm.cli.verify.AnchorVerifier;
import org.biotdm.cli.verify.VerifyReport;
import org.biotdm.device.sdk.DeviceClient;
import org.biotdm.device.sdk.DeviceCommand;
import org.biotdm.device.sdk.FirmwareCommandHandler;
import org.biotdm.device.sim.CsvReplay;
import org.biotdm.device.sim.FleetReplaySink;
import org.biotdm.device.sim.ReplayReport;
import org.biotdm.device.sim.SimulatedFleet;
import org.biotdm.protocol.receipt.ReceiptStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code biotdm demo}: starts the stack as {@code up} does, registers the demo's devices through the admin API and
 * provisions them with claim tokens, replays the bundled real data sets ({@link DemoData}) over mutual TLS, has the
 * operator issue commands that the devices complete with signed receipts, rolls signed firmware out to the motes in
 * stages ({@link DemoFirmware}), waits until every window is anchored,
 * verifies as the auditor, and prints a summary ({@link DemoSummary}). With {@code --exit} it then stops the stack
 * and exits 0 only if everything verified; otherwise the stack keeps running until Ctrl-C.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Runs the whole system on real sensor data: starts the stack (as up), provisions devices, replays the"
                    + " Suthaharan motes, the UCI occupancy room and a slice of the AMPds2 water meter, issues and"
                    + " completes commands, waits for anchoring, verifies and prints a summary.",
            "With --exit: stops afterwards, exit status 0 only if everything verified."
        })
public final class DemoCommand implements Callable<Integer> {
    private static final String GROUP = "demo";
    private static final String COMMAND_TYPE = "set-sampling-interval";
    private static final int COMMANDS = 3;
    private static final Duration ANCHOR_WAIT = Duration.ofMinutes(3);

    @Mixin
    StackOptions stackOptions = new StackOptions();

    @Option(names = "--exit", description = "Stop the stack after the summary; exit 0 only if everything verified.")
    boolean exit;

    @Option(
            names = "--rows",
            paramLabel = "N",
            defaultValue = "0",
            description = "At most N rows of each mote and of the room (default: whole files).")
    long rows;

    @Option(
            names = "--water-rows",
            paramLabel = "N",
            defaultValue = "10080",
            description = "Rows of the AMPds2 water meter, one a minute (default: ${DEFAULT-VALUE}, one week).")
    long waterRows;

    @Option(
            names = "--transport",
            paramLabel = "https|mqtt",
            defaultValue = "https",
            description = "How the demo's devices send telemetry and receipts and get commands: the HTTPS device port"
                    + " or the MQTT port (provisioning stays on HTTPS) (default: ${DEFAULT-VALUE}).")
    String transport;

    @Mixin
    Console console = new Console();

    @Override
    public Integer call() throws Exception {
        String problem = stackOptions.validate();
        if (problem == null && (rows < 0 || waterRows < 1)) {
            problem = "--rows must be 0 or more and --water-rows 1 or more";
        }
        if (problem == null && !"https".equals(transport) && !"mqtt".equals(transport)) {
            problem = "--transport must be https or mqtt, was " + transport;
        }
        if (problem == null && "mqtt".equals(transport) && stackOptions.mqttPort() < 0) {
            problem = "--transport mqtt needs the MQTT port: leave out --mqtt-port -1";
        }
        if (problem != null) {
            return console.refuse(problem);
        }
        Home home = Home.detect();
        Stack stack = new Stack(home, stackOptions, console.err());
        Thread hook = StackRunner.stopOnShutdown(stack, console.err());
        try {
            StackRunner.startAndAnnounce(stack, console.out(), console.err());
        } catch (StackException e) {
            console.err().println(e.describe());
            return 1;
        }
        DemoSummary summary = run(home, stack);
        print(summary);
        if (exit) {
            stack.stop();
            Runtime.getRuntime().removeShutdownHook(hook);
            return summary.ok() ? 0 : 1;
        }
        console.err().println("The stack keeps running (API " + stack.apiUrl() + "); press Ctrl-C to stop.");
        StackRunner.awaitUnexpectedExit(stack);
        stack.stop();
        return 1;
    }

    private void print(DemoSummary summary) {
        console.out().println();
        summary.describe().forEach(console.out()::println);
        console.result(summary.line());
    }

    /** What the devices did: the replays' reports and sinks, readings acknowledged, commands issued and completed. */
    private record Sent(
            List<ReplayReport> reports,
            Map<DemoData.Replay, RecordingSink> sinks,
            long acked,
            int[] commands,
            DemoFirmware.Outcome firmware,
            boolean cluster) {}

    private DemoSummary run(Home home, Stack stack) throws Exception {
        Credentials credentials = Credentials.load(stack.dataDir().credentials());
        String org1 = stack.organisations().get(0);
        ApiClient api = stack.api();
        long demoStart = System.currentTimeMillis();
        List<DemoData.Replay> replays = DemoData.replays(home.sharedData(), rows, waterRows);
        Sent sent = send(stack, api, credentials, org1, replays);
        long lastAck = System.currentTimeMillis();
        VerifyReport.Summary verified = awaitAnchors(api, credentials, org1, demoStart, lastAck + 1);
        List<JsonNode> alerts = alerts(api, credentials, org1, demoStart);
        int[] anomalies = anomalies(sent.sinks(), alerts);
        return new DemoSummary(
                sent.reports().stream().mapToLong(ReplayReport::devices).sum(),
                sent.reports().stream().mapToLong(ReplayReport::readings).sum(),
                sent.acked(),
                sent.reports().stream().mapToLong(ReplayReport::skipped).sum(),
                verified.readings(),
                verified.windows(),
                verified.ok(),
                verified.mismatched(),
                verified.pending(),
                alerts.size(),
                anomalies[0],
                anomalies[1],
                sent.commands()[0],
                sent.commands()[1],
                sent.firmware().ok(),
                sent.cluster(),
                transport);
    }

    /** Provisions the devices, replays the data sets through them, then issues and completes the commands. */
    private Sent send(Stack stack, ApiClient api, Credentials credentials, String org1, List<DemoData.Replay> replays)
            throws Exception {
        DataDir dataDir = stack.dataDir();
        DeviceRegistrar registrar =
                DeviceRegistrar.asAdmin(api, credentials, org1, DemoData.deviceTypes(replays, "demo-device"), GROUP);
        List<ReplayReport> reports = new ArrayList<>();
        Map<DemoData.Replay, RecordingSink> sinks = new LinkedHashMap<>();
        URI mqtt = "mqtt".equals(transport) ? stack.mqttUrl() : null;
        try (DeviceFleet fleet = DeviceFleet.open(
                stack.deviceUrl(), mqtt, dataDir.ingressCertificate(), dataDir.devices(), registrar, true)) {
            provision(fleet.devices(), replays);
            DemoRule rule = installRule(api, credentials, org1, replays);
            replay(fleet.devices(), replays, reports, sinks);
            long acked = fleet.devices().acknowledgedReadings();
            if (rule != null) {
                console.out().println(rule.report(fleet.devices()));
            }
            int[] commands;
            try {
                commands = commands(api, credentials, org1, fleet.devices(), replays);
            } catch (ApiClient.ApiError | IOException | ExecutionException | TimeoutException e) {
                console.err().println("Commands could not be completed: " + e.getMessage());
                commands = new int[] {COMMANDS, 0};
            }
            configure(api, credentials, org1, fleet.devices(), replays.get(0).deviceId());
            DemoFirmware.Outcome firmware =
                    DemoFirmware.runAndReport(api, credentials, org1, GROUP, fleet.devices(), replays, console);
            boolean cluster = cluster(stack, api, credentials, org1, fleet, replays);
            return new Sent(reports, sinks, acked, commands, firmware, cluster);
        }
    }

    /** Installs the automation rule on the UCI room (docs/automation.md); a refusal is printed, not fatal. */
    private DemoRule installRule(ApiClient api, Credentials credentials, String org1, List<DemoData.Replay> replays)
            throws InterruptedException {
        Optional<DemoData.Replay> room = replays.stream()
                .filter(r -> r.deviceId().startsWith("uci-room"))
                .findFirst();
        if (room.isEmpty()) {
            return null;
        }
        try {
            String adminToken = api.login(credentials.find(org1, "admin").orElseThrow());
            return DemoRule.install(
                    api, adminToken, GROUP, List.of(COMMAND_TYPE), room.get().deviceId());
        } catch (ApiClient.ApiError | IOException e) {
            console.err().println("The automation rule could not be installed: " + e.getMessage());
            return null;
        }
    }

    /** Pushes a configuration to one device and prints what it reported, in one line. */
    private void configure(ApiClient api, Credentials credentials, String org1, SimulatedFleet fleet, String deviceId) {
        Progress progress = Progress.start(console.err(), "Pushing a configuration to " + deviceId);
        try {
            String adminToken = api.login(credentials.find(org1, "admin").orElseThrow());
            JsonNode view =
                    DemoConfiguration.push(api, adminToken, deviceId, fleet.device(deviceId), fleet.state(deviceId));
            progress.done(view.path("drift").asBoolean(true) ? "still drifting" : "applied and reported");
            console.out().println(DemoConfiguration.line(deviceId, view));
        } catch (ApiClient.ApiError | IOException | ExecutionException | TimeoutException e) {
            progress.done("failed");
            console.err().println("The configuration could not be pushed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs the cluster of three motes (DemoCluster) and prints its CLUSTER line; true when it went as it must. */
    private boolean cluster(
            Stack stack,
            ApiClient api,
            Credentials credentials,
            String org1,
            DeviceFleet fleet,
            List<DemoData.Replay> replays)
            throws InterruptedException {
        Progress progress = Progress.start(console.err(), "Running a cluster of three motes");
        List<String> ids = DemoCluster.devices(replays);
        try {
            String adminToken = api.login(credentials.find(org1, "admin").orElseThrow());
            var outcome = DemoCluster.run(
                    api,
                    adminToken,
                    stack.deviceUrl(),
                    stack.dataDir().ingressCertificate(),
                    fleet.devices(),
                    ids,
                    Home.detect().sharedData(),
                    console.err()::println);
            progress.done(outcome.ok() ? "messages exchanged, bad ones refused" : "failed");
            console.out().println(outcome.line());
            if (outcome.ok()) {
                // The motes left the demo group for the cluster's: the operator keeps seeing and commanding them.
                api.grant(
                        adminToken,
                        credentials.find(org1, "operator").orElseThrow().username(),
                        ClusterFormation.groupId(ids.get(0)),
                        List.of(COMMAND_TYPE),
                        System.currentTimeMillis() + Duration.ofDays(1).toMillis());
            }
            return outcome.ok();
        } catch (ApiClient.ApiError | IOException e) {
            progress.done("failed");
            console.err().println("The cluster could not run: " + e.getMessage());
            return false;
        }
    }

    private void provision(SimulatedFleet fleet, List<DemoData.Replay> replays) throws IOException {
        Progress progress =
                Progress.start(console.err(), "Registering and provisioning " + replays.size() + " devices");
        for (DemoData.Replay replay : replays) {
            fleet.device(replay.deviceId());
            progress.tick();
        }
        progress.done(replays.size() + " devices active");
    }

    private void replay(
            SimulatedFleet fleet,
            List<DemoData.Replay> replays,
            List<ReplayReport> reports,
            Map<DemoData.Replay, RecordingSink> sinks)
            throws InterruptedException, IOException {
        ExecutorService pool = Executors.newFixedThreadPool(replays.size());
        try {
            Map<DemoData.Replay, Future<ReplayReport>> running = new LinkedHashMap<>();
            for (DemoData.Replay replay : replays) {
                RecordingSink sink = new RecordingSink(new FleetReplaySink(fleet, 100, 1000, 8));
                sinks.put(replay, sink);
                running.put(replay, pool.submit(() -> replayOne(replay, sink)));
            }
            Progress progress = Progress.start(console.err(), "Replaying " + replays.size() + " real data sets");
            while (running.values().stream().anyMatch(f -> !f.isDone())) {
                progress.tick();
                Thread.sleep(250);
            }
            collect(running, reports);
            progress.done(fleet.acknowledgedReadings() + " readings acknowledged");
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    private ReplayReport replayOne(DemoData.Replay replay, RecordingSink sink) throws Exception {
        return new CsvReplay(replay.options())
                .onSkipped(row ->
                        console.err().println("SKIPPED " + replay.name() + " line=" + row.line() + ": " + row.reason()))
                .run(sink, Duration.ofMinutes(5));
    }

    /** Gathers the finished replays' reports, printing a line for each. */
    private void collect(Map<DemoData.Replay, Future<ReplayReport>> running, List<ReplayReport> reports)
            throws InterruptedException, IOException {
        for (Map.Entry<DemoData.Replay, Future<ReplayReport>> entry : running.entrySet()) {
            try {
                ReplayReport report = entry.getValue().get();
                reports.add(report);
                // The fleet counts acknowledgements across all replays; each report's acked is that total.
                console.err()
                        .println("  " + entry.getKey().name() + " → "
                                + entry.getKey().deviceId() + ": rows="
                                + report.rows() + " readings=" + report.readings() + " skipped=" + report.skipped()
                                + " missing=" + report.missing());
            } catch (ExecutionException e) {
                throw new IOException(
                        "Replay of " + entry.getKey().name() + " failed: "
                                + e.getCause().getMessage(),
                        e);
            }
        }
    }

    /** Grants the operator the demo group, issues commands to motes, and has the devices complete them. */
    private int[] commands(
            ApiClient api, Credentials credentials, String org1, SimulatedFleet fleet, List<DemoData.Replay> replays)
            throws IOException, InterruptedException, ExecutionException, TimeoutException {
        Progress progress = Progress.start(console.err(), "Issuing and completing " + COMMANDS + " commands");
        String adminToken = api.login(credentials.find(org1, "admin").orElseThrow());
        api.grant(
                adminToken,
                credentials.find(org1, "operator").orElseThrow().username(),
                GROUP,
                List.of(COMMAND_TYPE, FirmwareCommandHandler.COMMAND_TYPE),
                System.currentTimeMillis() + Duration.ofDays(1).toMillis());
        String operatorToken = api.login(credentials.find(org1, "operator").orElseThrow());
        List<DemoData.Replay> targets = replays.subList(0, Math.min(COMMANDS, replays.size()));
        List<String> issued = issue(api, operatorToken, targets, progress);
        complete(fleet, targets, progress);
        int completed = 0;
        for (String commandId : issued) {
            if (awaitCommandState(api, operatorToken, commandId, progress)) {
                completed++;
            }
        }
        progress.done(completed + " of " + issued.size() + " completed with signed receipts");
        return new int[] {issued.size(), completed};
    }

    private static List<String> issue(
            ApiClient api, String operatorToken, List<DemoData.Replay> targets, Progress progress)
            throws IOException, InterruptedException {
        List<String> issued = new ArrayList<>();
        for (DemoData.Replay replay : targets) {
            String commandId = "demo-" + replay.deviceId() + "-" + System.currentTimeMillis();
            JsonNode answer = api.issueCommand(
                    operatorToken, commandId, replay.deviceId(), COMMAND_TYPE, Map.of("intervalMs", 10_000), 600);
            issued.add(answer.path("commandId").asText(commandId));
            progress.tick();
        }
        return issued;
    }

    /** Has each target device receive its commands by long poll and complete them with a signed receipt. */
    private static void complete(SimulatedFleet fleet, List<DemoData.Replay> targets, Progress progress)
            throws IOException, InterruptedException, ExecutionException, TimeoutException {
        for (DemoData.Replay replay : targets) {
            DeviceClient device = fleet.device(replay.deviceId());
            for (DeviceCommand command :
                    device.pollCommands(Duration.ofSeconds(20)).get(60, TimeUnit.SECONDS)) {
                device.completeCommand(
                                command, ReceiptStatus.SUCCEEDED, "{\"applied\":true}".getBytes(StandardCharsets.UTF_8))
                        .get(60, TimeUnit.SECONDS);
                progress.tick();
            }
        }
    }

    private static boolean awaitCommandState(ApiClient api, String token, String commandId, Progress progress)
            throws IOException, InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            String state = api.get("/api/v1/commands/" + commandId, Map.of(), token)
                    .path("state")
                    .asText();
            if ("SUCCEEDED".equals(state)) {
                return true;
            }
            if (List.of("FAILED", "REJECTED", "EXPIRED").contains(state)) {
                return false;
            }
            progress.tick();
            Thread.sleep(250);
        }
        return false;
    }

    private VerifyReport.Summary awaitAnchors(ApiClient api, Credentials credentials, String org1, long from, long to)
            throws IOException, InterruptedException {
        String auditorToken = api.login(credentials.find(org1, "auditor").orElseThrow());
        VerifyReport report = new AnchorVerifier(api, auditorToken, null, console.err())
                .awaitAnchored(from, to, ANCHOR_WAIT, "Waiting for every window to be anchored, then verifying");
        report.windows().stream()
                .filter(w -> !"MATCH".equals(w.path("status").asText()))
                .forEach(w -> console.err().println("  " + VerifyReport.describe(w)));
        return report.summary();
    }

    private static List<JsonNode> alerts(ApiClient api, Credentials credentials, String org1, long from)
            throws IOException, InterruptedException {
        String token = api.login(credentials.find(org1, "admin").orElseThrow());
        List<JsonNode> alerts = new ArrayList<>();
        String cursor = null;
        do {
            Map<String, String> query = new LinkedHashMap<>();
            query.put("from", Long.toString(from));
            query.put("limit", "200");
            query.put("cursor", cursor);
            JsonNode page = api.get("/api/v1/alerts", query, token);
            page.path("items").forEach(alerts::add);
            cursor = page.path("nextCursor").isTextual()
                    ? page.path("nextCursor").asText()
                    : null;
        } while (cursor != null);
        return alerts;
    }

    private static int[] anomalies(Map<DemoData.Replay, RecordingSink> sinks, List<JsonNode> alerts)
            throws IOException {
        int events = 0;
        int caught = 0;
        for (Map.Entry<DemoData.Replay, RecordingSink> entry : sinks.entrySet()) {
            DemoData.Replay replay = entry.getKey();
            if (!replay.labelled()) {
                continue;
            }
            List<LabelledAnomalies.Span> spans = LabelledAnomalies.events(
                    replay.options().csv(), entry.getValue().rowTimes());
            List<Long> alertTimes = alerts.stream()
                    .filter(a -> replay.deviceId().equals(a.path("deviceId").asText()))
                    .map(a -> a.path("readingTs").asLong())
                    .toList();
            events += spans.size();
            caught += LabelledAnomalies.caught(spans, alertTimes);
        }
        return new int[] {events, caught};
    }
}
