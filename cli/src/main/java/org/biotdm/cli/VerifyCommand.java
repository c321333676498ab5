package org.biotdm.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code biotdm verify}: signs in as the auditor {@code up} created and checks the stored telemetry of a time range
 * against the on-chain anchors with {@code GET /api/v1/verify}, asking in parts when the range holds more windows than
 * the gateway answers at once. Prints a line per window that holds readings or does not match, and ends with {@code
 * VERIFY windows=… ok=… mismatched=… readings=… pending=…}. Exit status 0 when nothing mismatched, 1 on any mismatch,
 * 2 for bad arguments, 3 when the verification could not run (stack not running, sign-in refused).
 */
@Command(
        name = "verify",
        mixinStandardHelpOptions = true,
        description = {
            "Verifies stored telemetry against the on-chain Merkle anchors, as the auditor of DIR/credentials.properties.",
            "Exit status: 0 all anchored windows match, 1 a window mismatches, 2 bad arguments, 3 could not verify."
        })
public final class VerifyCommand implements Callable<Integer> {
    /** Exit status when a window does not match its anchor. */
    public static final int MISMATCH = 1;
    /** Exit status when the verification could not run. */
    public static final int UNAVAILABLE = 3;

    private static final int FIRST_PART_WINDOWS = 360;

    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            description = "The running stack's data directory (default: data/ in the project).")
    Path dataDir;

    @Option(names = "--device", paramLabel = "ID", description = "Only windows holding this device's readings.")
    String device;

    @Option(
            names = "--from",
            paramLabel = "T",
            defaultValue = "1h",
            description =
                    "Start: epoch ms, ISO-8601 instant, or a time ago such as 15m, 2h, 1d (default: ${DEFAULT-VALUE}).")
    String from;

    @Option(
            names = "--to",
            paramLabel = "T",
            defaultValue = "now",
            description = "End (exclusive), same forms (default: ${DEFAULT-VALUE}).")
    String to;

    @Option(names = "--api-url", paramLabel = "URL", description = "The gateway's API (default: the running stack's).")
    URI apiUrl;

    @Option(
            names = "--username",
            paramLabel = "NAME",
            description = "Sign in as this auditor (default: the auditor in credentials.properties).")
    String username;

    @Option(
            names = "--password-env",
            paramLabel = "VAR",
            description = "Environment variable holding --username's password.")
    String passwordEnv;

    @Option(names = "--all", description = "List every window, also empty ones that match.")
    boolean all;

    private final PrintStream out;
    private final PrintStream err;

    /** Creates the command printing to the standard streams. */
    public VerifyCommand() {
        this(System.out, System.err);
    }

    /**
     * Creates the command.
     *
     * @param out where the results go
     * @param err where messages go
     */
    public VerifyCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() throws InterruptedException {
        Instant now = Instant.now();
        Instant start;
        Instant end;
        try {
            start = TimeArgument.parse(from, now);
            end = TimeArgument.parse(to, now);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        }
        if (!start.isBefore(end)) {
            err.println("--from must be before --to");
            return 2;
        }
        DataDir dir = new DataDir(dataDir == null ? Home.detect().defaultDataDir() : dataDir);
        try {
            ApiClient api = new ApiClient(apiUrl == null ? runningApi(dir) : apiUrl);
            String token = api.login(login(dir));
            VerifyReport report = verify(api, token, start.toEpochMilli(), end.toEpochMilli());
            VerifyReport.Summary summary = print(report);
            return summary.mismatched() > 0 ? MISMATCH : 0;
        } catch (ApiClient.ApiError | StackException e) {
            err.println(e instanceof StackException s ? s.describe() : e.getMessage());
            return UNAVAILABLE;
        } catch (IOException e) {
            err.println("Cannot reach the gateway: " + e.getMessage());
            return UNAVAILABLE;
        }
    }

    private URI runningApi(DataDir dir) {
        return Stack.StackInfo.read(dir)
                .filter(Stack.StackInfo::alive)
                .map(Stack.StackInfo::apiUrl)
                .orElseThrow(() -> new StackException(
                        "No stack runs on " + dir.root() + ": start one with scripts/biotdm up (or give --api-url)"));
    }

    private Credentials.Login login(DataDir dir) {
        if (username != null) {
            String password = passwordEnv == null ? null : System.getenv(passwordEnv);
            if (password == null) {
                throw new StackException("--username needs --password-env VAR with the password in $VAR");
            }
            return new Credentials.Login(username, password);
        }
        return Credentials.load(dir.credentials())
                .findAny("auditor")
                .orElseThrow(() -> new StackException(
                        "No auditor in " + dir.credentials() + ": scripts/biotdm up creates one on first start"));
    }

    /**
     * Verifies a range, in parts of whole windows when the gateway refuses it as too large.
     *
     * @param api the API
     * @param token an auditor's (or admin's) access token
     * @param fromMillis range start, epoch ms
     * @param toMillis range end, epoch ms, exclusive
     * @return the gathered report
     * @throws IOException when the gateway cannot be reached
     * @throws InterruptedException when interrupted
     */
    VerifyReport verify(ApiClient api, String token, long fromMillis, long toMillis)
            throws IOException, InterruptedException {
        VerifyReport report = new VerifyReport();
        try {
            report.add(ask(api, token, fromMillis, toMillis));
            return report;
        } catch (ApiClient.ApiError e) {
            if (!"VERIFY_RANGE_TOO_LARGE".equals(e.code())) {
                throw e;
            }
        }
        long windowMs = windowLength(api, token, fromMillis, toMillis);
        int windowsPerPart = FIRST_PART_WINDOWS;
        long partStart = fromMillis;
        Progress progress = Progress.start(err, "Verifying in parts");
        while (partStart < toMillis) {
            long partEnd =
                    Math.min(toMillis, Math.floorDiv(partStart, windowMs) * windowMs + windowsPerPart * windowMs);
            try {
                report.add(ask(api, token, partStart, partEnd));
                partStart = partEnd;
                progress.tick();
            } catch (ApiClient.ApiError e) {
                if (!"VERIFY_RANGE_TOO_LARGE".equals(e.code()) || windowsPerPart == 1) {
                    throw e;
                }
                windowsPerPart = Math.max(1, windowsPerPart / 2);
            }
        }
        progress.done(report.summary().windows() + " windows");
        return report;
    }

    /** Learns the anchoring window length from a window the gateway reports near the range or near now. */
    private long windowLength(ApiClient api, String token, long fromMillis, long toMillis)
            throws IOException, InterruptedException {
        long now = System.currentTimeMillis();
        for (long probe : new long[] {fromMillis, toMillis - 1, now - 1}) {
            JsonNode window = ask(api, token, probe, probe + 1).path("windows").path(0);
            long length =
                    window.path("endTime").asLong() - window.path("startTime").asLong();
            if (length > 0) {
                return length;
            }
        }
        throw new StackException("Cannot learn the anchoring window length from the gateway");
    }

    private JsonNode ask(ApiClient api, String token, long fromMillis, long toMillis)
            throws IOException, InterruptedException {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("from", Long.toString(fromMillis));
        query.put("to", Long.toString(toMillis));
        query.put("device", device);
        return api.get("/api/v1/verify", query, token);
    }

    private VerifyReport.Summary print(VerifyReport report) {
        int quiet = 0;
        for (JsonNode window : report.windows()) {
            boolean interesting = window.path("leafCount").asLong() > 0
                    || !"MATCH".equals(window.path("status").asText());
            if (all || interesting) {
                out.println(VerifyReport.describe(window));
            } else {
                quiet++;
            }
        }
        if (quiet > 0) {
            out.println("(" + quiet + " empty windows match their anchors; --all lists them)");
        }
        VerifyReport.Summary summary = report.summary();
        out.println(summary.line());
        out.flush();
        return summary;
    }
}
