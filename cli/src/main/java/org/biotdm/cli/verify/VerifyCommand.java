package org.biotdm.cli.verify;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.biotdm.cli.ApiClient;
import org.biotdm.cli.Console;
import org.biotdm.cli.Credentials;
import org.biotdm.cli.stack.DataDir;
import org.biotdm.cli.stack.RunningStackOptions;
import org.biotdm.cli.stack.StackException;
import org.biotdm.cli.stack.StackInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

    @Mixin
    RunningStackOptions runningStack = new RunningStackOptions();

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

    @Mixin
    Console console = new Console();

    @Override
    public Integer call() throws InterruptedException {
        Instant now = Instant.now();
        Instant start;
        Instant end;
        try {
            start = TimeArgument.parse(from, now);
            end = TimeArgument.parse(to, now);
        } catch (IllegalArgumentException e) {
            return console.refuse(e.getMessage());
        }
        if (!start.isBefore(end)) {
            return console.refuse("--from must be before --to");
        }
        try {
            VerifyReport.Summary summary = print(verify(start.toEpochMilli(), end.toEpochMilli()));
            return summary.mismatched() > 0 ? MISMATCH : 0;
        } catch (ApiClient.ApiError | StackException e) {
            console.err().println(e instanceof StackException s ? s.describe() : e.getMessage());
            return UNAVAILABLE;
        } catch (IOException e) {
            console.err().println("Cannot reach the gateway: " + e.getMessage());
            return UNAVAILABLE;
        }
    }

    private VerifyReport verify(long fromMillis, long toMillis) throws IOException, InterruptedException {
        DataDir dir = runningStack.dataDir();
        ApiClient api = new ApiClient(apiUrl == null ? runningApi(dir) : apiUrl);
        String token = api.login(login(dir));
        return new AnchorVerifier(api, token, device, console.err()).verify(fromMillis, toMillis);
    }

    private URI runningApi(DataDir dir) {
        return runningStack
                .running()
                .map(StackInfo::apiUrl)
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

    private VerifyReport.Summary print(VerifyReport report) {
        int quiet = 0;
        for (JsonNode window : report.windows()) {
            boolean interesting = window.path("leafCount").asLong() > 0
                    || !"MATCH".equals(window.path("status").asText());
            if (all || interesting) {
                console.out().println(VerifyReport.describe(window));
            } else {
                quiet++;
            }
        }
        if (quiet > 0) {
            console.out().println("(" + quiet + " empty windows match their anchors; --all lists them)");
        }
        VerifyReport.Summary summary = report.summary();
        console.result(summary.line());
        return summary;
    }
}
