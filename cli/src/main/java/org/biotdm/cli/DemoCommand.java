package org.biotdm.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.biotdm.device.sdk.DeviceClient;
import org.biotdm.device.sdk.DeviceCommand;
import org.biotdm.device.sdk.DeviceTls;
import org.biotdm.device.sim.CsvReplay;
import org.biotdm.device.sim.DeviceEventLoop;
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
 * operator issue commands that the devices complete with signed receipts, waits until every window is anchored,
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

    private final PrintStream out;
    private final PrintStream err;

    /** Creates the command printing to the standard streams. */
    public DemoCommand() {
        this(System.out, System.err);
    }

    /**
     * Creates the command.
     *
     * @param out where the READY line and the summary go
     * @param err where progress goes
     */
    public DemoCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() throws Exception {
        String problem = stackOptions.validate();
        if (problem == null && (rows < 0 || waterRows < 1)) {
            problem = "--rows must be 0 or more and --water-rows 1 or more";
        }
        if (problem != null) {
            err.println(problem);
            return 2;
        }
        Home home = Home.detect();
        Stack stack = new Stack(home, stackOptions, err);
        Thread hook = UpCommand.StackRunner.stopOnShutdown(stack, err);
        try {
            UpCommand.StackRunner.startAndAnnounce(stack, out, err);
        } catch (StackException e) {
            err.println(e.describe());
            return 1;
        }
        DemoSummary summary = run(home, stack);
        out.println();
        summary.describe().forEach(out::println);
        out.println(summary.line());
        out.flush();
        if (exit) {
            stack.stop();
            Runtime.getRuntime().removeShutdownHook(hook);
            return summary.ok() ? 0 : 1;
        }
        err.println("The stack keeps running (API " + stack.apiUrl() + "); press Ctrl-C to stop.");
        stack.anyExit().get();
        if (stack.stopping()) {
            new java.util.concurrent.CountDownLatch(1).await();
        }
        stack.stop();
        return 1;
    }

    private DemoSummary run(Home home, Stack stack) throws Exception {
        DataDir dataDir = stack.dataDir();
        Credentials credentials = Credentials.load(dataDir.credentials());
        String org1 = stack.organisations().get(0);
        ApiClient api = stack.api();
        long demoStart = System.currentTimeMillis();
        List<DemoData.Replay> replays = DemoData.replays(home.sharedData(), rows, waterRows);
        Map<String, String> types = new HashMap<>();
        replays.forEach(r -> types.put(r.deviceId(), r.deviceType()));
        DeviceRegistrar registrar = new DeviceRegistrar(
                api,
                () -> credentials.find(org1, "admin").orElseThrow(),
                org1,
                id -> types.getOrDefault(id, "demo-device"),
                GROUP);
        int cores = Runtime.getRuntime().availableProcessors();
        List<ReplayReport> reports = new ArrayList<>();
        Map<DemoData.Replay, RecordingSink> sinks = new LinkedHashMap<>();
        int[] commands = new int[2];
        long acked;
        try (DeviceEventLoop loop = new DeviceEventLoop(Math.max(1, cores), Math.max(2, cores));
                SimulatedFleet fleet = new SimulatedFleet(
                        loop,
                        stack.deviceUrl(),
                        DeviceTls.certificates(
                                Files.readString(dataDir.ingressCertificate(), StandardCharsets.US_ASCII)),
                        dataDir.devices(),
                        registrar,
                        true)) {
            provision(fleet, replays);
            replay(fleet, replays, reports, sinks);
            acked = fleet.acknowledgedReadings();
            try {
                commands = commands(api, credentials, org1, fleet, replays);
            } catch (ApiClient.ApiError | IOException | ExecutionException | java.util.concurrent.TimeoutException e) {
                err.println("Commands could not be completed: " + e.getMessage());
                commands = new int[] {COMMANDS, 0};
            }
        }
        long lastAck = System.currentTimeMillis();
        VerifyReport.Summary verified = awaitAnchors(api, credentials, org1, demoStart, lastAck + 1);
        List<JsonNode> alerts = alerts(api, credentials, org1, demoStart);
        int[] anomalies = anomalies(sinks, alerts);
        return new DemoSummary(
                reports.stream().mapToLong(ReplayReport::devices).sum(),
                reports.stream().mapToLong(ReplayReport::readings).sum(),
                acked,
                reports.stream().mapToLong(ReplayReport::skipped).sum(),
                verified.readings(),
                verified.windows(),
                verified.ok(),
                verified.mismatched(),
                verified.pending(),
                alerts.size(),
                anomalies[0],
                anomalies[1],
                commands[0],
                commands[1]);
    }

    private void provision(SimulatedFleet fleet, List<DemoData.Replay> replays) throws IOException {
        Progress progress = Progress.start(err, "Registering and provisioning " + replays.size() + " devices");
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
                running.put(replay, pool.submit(() -> new CsvReplay(replay.options())
                        .onSkipped(row ->
                                err.println("SKIPPED " + replay.name() + " line=" + row.line() + ": " + row.reason()))
                        .run(sink, Duration.ofMinutes(5))));
            }
            Progress progress = Progress.start(err, "Replaying " + replays.size() + " real data sets");
            while (running.values().stream().anyMatch(f -> !f.isDone())) {
                progress.tick();
                Thread.sleep(250);
            }
            for (Map.Entry<DemoData.Replay, Future<ReplayReport>> entry : running.entrySet()) {
                try {
                    ReplayReport report = entry.getValue().get();
                    reports.add(report);
                    // The fleet counts acknowledgements across all replays; each report's acked is that total.
                    err.println("  " + entry.getKey().name() + " → "
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
            progress.done(fleet.acknowledgedReadings() + " readings acknowledged");
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    /** Grants the operator the demo group, issues commands to motes, and has the devices complete them. */
    private int[] commands(
            ApiClient api, Credentials credentials, String org1, SimulatedFleet fleet, List<DemoData.Replay> replays)
            throws IOException, InterruptedException, ExecutionException, java.util.concurrent.TimeoutException {
        Progress progress = Progress.start(err, "Issuing and completing " + COMMANDS + " commands");
        String adminToken = api.login(credentials.find(org1, "admin").orElseThrow());
        Map<String, Object> grant = new LinkedHashMap<>();
        grant.put("username", credentials.find(org1, "operator").orElseThrow().username());
        grant.put("deviceGroup", GROUP);
        grant.put("commandTypes", List.of(COMMAND_TYPE));
        grant.put("expiresAt", System.currentTimeMillis() + Duration.ofDays(1).toMillis());
        api.post("/api/v1/grants", grant, adminToken);
        String operatorToken = api.login(credentials.find(org1, "operator").orElseThrow());
        List<String> issued = new ArrayList<>();
        for (DemoData.Replay replay : replays.subList(0, Math.min(COMMANDS, replays.size()))) {
            Map<String, Object> command = new LinkedHashMap<>();
            command.put("commandId", "demo-" + replay.deviceId() + "-" + System.currentTimeMillis());
            command.put("deviceId", replay.deviceId());
            command.put("commandType", COMMAND_TYPE);
            command.put("parameters", Map.of("intervalMs", 10_000));
            command.put("expiresIn", 600);
            JsonNode answer = api.post("/api/v1/commands", command, operatorToken);
            issued.add(answer.path("commandId").asText(command.get("commandId").toString()));
            progress.tick();
        }
        int completed = 0;
        for (DemoData.Replay replay : replays.subList(0, issued.size())) {
            DeviceClient device = fleet.device(replay.deviceId());
            for (DeviceCommand command :
                    device.pollCommands(Duration.ofSeconds(20)).get(60, TimeUnit.SECONDS)) {
                device.completeCommand(
                                command, ReceiptStatus.SUCCEEDED, "{\"applied\":true}".getBytes(StandardCharsets.UTF_8))
                        .get(60, TimeUnit.SECONDS);
                progress.tick();
            }
        }
        for (String commandId : issued) {
            if (awaitCommandState(api, operatorToken, commandId, progress)) {
                completed++;
            }
        }
        progress.done(completed + " of " + issued.size() + " completed with signed receipts");
        return new int[] {issued.size(), completed};
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
        Progress progress = Progress.start(err, "Waiting for every window to be anchored, then verifying");
        Instant deadline = Instant.now().plus(ANCHOR_WAIT);
        VerifyCommand verify = new VerifyCommand(new PrintStream(PrintStream.nullOutputStream()), err);
        while (true) {
            VerifyReport report = verify.verify(api, auditorToken, from, to);
            VerifyReport.Summary summary = report.summary();
            if (summary.pending() == 0 || Instant.now().isAfter(deadline)) {
                progress.done(summary.line());
                report.windows().stream()
                        .filter(w -> !"MATCH".equals(w.path("status").asText()))
                        .forEach(w -> err.println("  " + VerifyReport.describe(w)));
                return summary;
            }
            progress.tick();
            Thread.sleep(1000);
        }
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
