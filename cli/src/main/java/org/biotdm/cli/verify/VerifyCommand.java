package org.biotdm.cli.verify;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Instant;
import java.util.concurrent.Callable;
import org.biotdm.cli.ApiClient;
import org.biotdm.cli.Console;
import org.biotdm.cli.stack.ApiLoginOptions;
import org.biotdm.cli.stack.RunningStackOptions;
import org.biotdm.cli.stack.StackException;
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

    @Mixin
    ApiLoginOptions apiLogin = new ApiLoginOptions();

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
        ApiClient api = new ApiClient(apiLogin.apiUrl(runningStack));
        String token = api.login(apiLogin.login(runningStack, "auditor"));
        return new AnchorVerifier(api, token, device, console.err()).verify(fromMillis, toMillis);
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
