package org.biotdm.cli.devices;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.biotdm.cli.ApiClient;
import org.biotdm.cli.ApiSession;
import org.biotdm.cli.Console;
import org.biotdm.cli.ProgressBar;
import org.biotdm.cli.stack.ApiLoginOptions;
import org.biotdm.cli.stack.RunningStackOptions;
import org.biotdm.cli.stack.StackException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code biotdm devices import --csv FILE}: registers the devices of a CSV file ({@link DeviceCsv}) for zero-touch
 * provisioning as an organisation's admin, in batches through {@code POST /api/v1/devices:batch}, with a progress bar
 * on standard error. Claim tokens are generated here and written to an owner-only file for the factory ({@link
 * ClaimTokenFile}, by default {@code <name>.claim-tokens.csv} beside the CSV) before their hashes are sent; running the
 * command again on the same files registers nothing twice, reports the devices already registered as {@code existing}
 * and keeps their tokens. Each refused row is printed as {@code line N <deviceId> REFUSED <CODE>: <message>}. The last
 * line is {@code IMPORT rows=… registered=… existing=… refused=… tokens=<file>}. Exit status: 0 every row registered
 * (now or before), 1 some refused, 2 bad arguments or an unusable file, 3 the gateway could not be reached.
 */
@Command(
        name = "import",
        mixinStandardHelpOptions = true,
        description = {
            "Registers the devices of a CSV file (header: deviceId,deviceType,group[,model][,firmwareVersion]"
                    + "[,meta.<key>...]) through POST /api/v1/devices:batch, writing their claim tokens to an"
                    + " owner-only file for the factory. Safe to run again on the same files.",
            "Last line: IMPORT rows=... registered=... existing=... refused=... tokens=FILE;"
                    + " exit status 0 all registered, 1 some refused, 2 bad file or arguments, 3 no gateway."
        })
final class ImportCommand implements Callable<Integer> {
    /** Exit status when some rows were refused. */
    public static final int REFUSED = 1;
    /** Exit status when the gateway could not be reached. */
    public static final int UNAVAILABLE = 3;

    @Option(names = "--csv", paramLabel = "FILE", required = true, description = "The devices, one per row.")
    Path csv;

    @Option(
            names = "--tokens",
            paramLabel = "FILE",
            description = "The owner-only file of claim tokens, deviceId,claimToken (default: <csv name>"
                    + ".claim-tokens.csv beside it). Keep it for re-runs: it is how they find the tokens.")
    Path tokens;

    @Option(
            names = "--org",
            paramLabel = "MSP",
            defaultValue = "Org1MSP",
            description = "The owning organisation, whose admin signs in (default: ${DEFAULT-VALUE}).")
    String mspId;

    @Option(
            names = "--batch-size",
            paramLabel = "N",
            defaultValue = "500",
            description = "Devices per request, 1-500 (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(
            names = "--parallel",
            paramLabel = "N",
            defaultValue = "4",
            description = "Requests in flight, 1-16 (default: ${DEFAULT-VALUE}).")
    int parallel;

    @Mixin
    RunningStackOptions runningStack = new RunningStackOptions();

    @Mixin
    ApiLoginOptions apiLogin = new ApiLoginOptions();

    @Mixin
    Console console = new Console();

    /**
     * Returns the default token file of a CSV file.
     *
     * @param csv the CSV file
     * @return {@code <name without .csv>.claim-tokens.csv} in the same directory
     */
    public static Path defaultTokens(Path csv) {
        String name = csv.getFileName().toString().replaceFirst("(?i)\\.csv$", "");
        return csv.resolveSibling(name + ".claim-tokens.csv");
    }

    @Override
    public Integer call() throws InterruptedException {
        if (batchSize < 1 || batchSize > DeviceImport.MAX_BATCH) {
            return console.refuse("--batch-size must be 1-" + DeviceImport.MAX_BATCH);
        }
        if (parallel < 1 || parallel > 16) {
            return console.refuse("--parallel must be 1-16");
        }
        DeviceCsv.Content content;
        try {
            content = DeviceCsv.read(csv, mspId);
        } catch (IOException e) {
            return console.refuse("Cannot read " + csv + ": " + e.getMessage());
        }
        Path tokenPath = tokens == null ? defaultTokens(csv) : tokens;
        try (ClaimTokenFile tokenFile = ClaimTokenFile.open(tokenPath)) {
            return run(content, tokenFile);
        } catch (StackException e) {
            console.err().println(e.describe());
            return UNAVAILABLE;
        } catch (ApiClient.ApiError e) {
            console.err().println("Cannot sign in: " + e.getMessage());
            return UNAVAILABLE;
        } catch (IOException e) {
            return console.refuse("Cannot use " + tokenPath + ": " + e.getMessage());
        }
    }

    private int run(DeviceCsv.Content content, ClaimTokenFile tokenFile) throws IOException, InterruptedException {
        ApiClient api = new ApiClient(apiLogin.apiUrl(runningStack));
        ApiSession session = new ApiSession(api, () -> apiLogin.login(runningStack, mspId, "admin"));
        try {
            session.signIn();
        } catch (IOException e) {
            throw new StackException("Cannot reach the gateway at " + api.base() + ": " + e);
        }
        ProgressBar bar = new ProgressBar(console.err());
        int total = content.rows().size();
        int[] done = {0};
        List<DeviceImport.Result> results = new DeviceImport(session, batchSize, parallel)
                .register(content.rows(), tokenFile, batch -> {
                    done[0] += batch.size();
                    bar.show((double) done[0] / Math.max(1, total), done[0] + " of " + total + " devices");
                });
        bar.done(total + " devices");
        return report(content.refusals(), results, tokenFile.path());
    }

    private int report(List<DeviceCsv.Refusal> local, List<DeviceImport.Result> results, Path tokenPath) {
        List<DeviceImport.Result> all = new ArrayList<>(results);
        local.forEach(r -> all.add(new DeviceImport.Result(r.line(), r.deviceId(), "REFUSED", r.code(), r.message())));
        all.sort(Comparator.comparingLong(DeviceImport.Result::line));
        for (DeviceImport.Result result : all) {
            if (!result.registered()) {
                console.err().println(refusalLine(result));
            }
        }
        if (all.stream().anyMatch(r -> "UNANSWERED".equals(r.code()))) {
            console.err().println("Some batches went unanswered: run the same command again, it is safe");
        }
        long refused = all.stream().filter(r -> !r.registered()).count();
        console.result(String.format(
                Locale.ROOT,
                "IMPORT rows=%d registered=%d existing=%d refused=%d tokens=%s",
                all.size(),
                count(all, "REGISTERED"),
                count(all, "EXISTS"),
                refused,
                tokenPath));
        return refused == 0 ? 0 : REFUSED;
    }

    /**
     * Formats a refused row.
     *
     * @param result the row's result
     * @return {@code line N <deviceId> REFUSED <CODE>: <message>}
     */
    static String refusalLine(DeviceImport.Result result) {
        return "line " + result.line() + " " + result.deviceId() + " REFUSED " + result.code() + ": "
                + result.message();
    }

    private static long count(List<DeviceImport.Result> results, String outcome) {
        return results.stream().filter(r -> outcome.equals(r.outcome())).count();
    }
}
