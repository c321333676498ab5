package org.biotdm.cli.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import org.biotdm.cli.ApiSession;
import org.biotdm.cli.Console;
import org.biotdm.cli.Credentials;
import org.biotdm.cli.devices.ClaimTokenFile;
import org.biotdm.cli.devices.DeviceCsv;
import org.biotdm.cli.devices.DeviceImport;
import org.biotdm.cli.stack.Stack;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code biotdm bench onboarding}: fleet onboarding rates on a fresh stack ({@link BenchStack}). Registers {@code
 * --devices} devices through the batch path ({@link DeviceImport}: {@code POST /api/v1/devices:batch}, 500 per
 * request, {@code --parallel} requests in flight) and {@code --baseline} devices one request each ({@code POST
 * /api/v1/devices}, {@code --concurrency} in flight), then claims all of them through {@code POST
 * /device/v1/provision}: the batch-registered devices with {@code --concurrency} requests in flight, which the gateway
 * gathers into {@code ClaimDevices} transactions, and the baseline devices one request at a time, each its own
 * transaction as every claim was before the group commit. Keys and CSRs are made before the claims are timed.
 *
 * <p>Last line: {@code BENCH onboarding devices=… register_per_s=… register_single_per_s=… claim_per_s=…
 * claim_single_per_s=… register_speedup=… claim_speedup=… target_per_s=1000 failed=…}; exit status 0 when nothing
 * failed. Figures depend on the machine's load: measure the full size on a quiet machine.
 */
@Command(
        name = "onboarding",
        mixinStandardHelpOptions = true,
        description = {
            "Registers and claims N devices through the batch path, with the one-at-a-time path as the in-run baseline.",
            "Last line: BENCH onboarding devices=.. register_per_s=.. register_single_per_s=.. claim_per_s=.."
                    + " claim_single_per_s=.. target_per_s=1000 failed=.."
        })
final class OnboardingBench implements Callable<Integer> {
    /** The devices per second each of registration and claims should reach (issue 20). */
    static final int TARGET_PER_SECOND = 1_000;

    @Option(
            names = "--devices",
            paramLabel = "N",
            defaultValue = "50000",
            description = "Devices registered and claimed through the batch path (default: ${DEFAULT-VALUE}).")
    int devices;

    @Option(
            names = "--baseline",
            paramLabel = "B",
            defaultValue = "200",
            description = "Devices registered and claimed one at a time (default: ${DEFAULT-VALUE}).")
    int baseline;

    @Option(
            names = "--concurrency",
            paramLabel = "C",
            defaultValue = "64",
            description = "Claims and single registrations in flight (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(
            names = "--parallel",
            paramLabel = "P",
            defaultValue = "4",
            description = "Batch registrations in flight (default: ${DEFAULT-VALUE}).")
    int parallel;

    @Mixin
    BenchStack benchStack = new BenchStack();

    @Mixin
    Console console = new Console();

    String validate() {
        if (devices < 1 || devices > 1_000_000) {
            return "--devices must be 1-1000000, was " + devices;
        }
        if (baseline < 1 || baseline > 100_000) {
            return "--baseline must be 1-100000, was " + baseline;
        }
        if (concurrency < 1 || concurrency > 1_000) {
            return "--concurrency must be 1-1000, was " + concurrency;
        }
        return parallel < 1 || parallel > 16 ? "--parallel must be 1-16, was " + parallel : null;
    }

    @Override
    public Integer call() throws Exception {
        // One admin registers and one address claims the whole fleet: per-person and per-address limits would
        // measure themselves.
        benchStack.gatewayProperty("biotdm.rate-limits.enabled", "false");
        return benchStack.run(console, validate(), this::measure);
    }

    private int measure(Stack stack) throws Exception {
        Credentials credentials = Credentials.load(stack.dataDir().credentials());
        ApiSession admin = new ApiSession(
                stack.api(), () -> credentials.find("Org1MSP", "admin").orElseThrow());
        admin.signIn();
        List<String> batchIds = ids("bench-batch", devices);
        List<String> singleIds = ids("bench-single", baseline);
        OnboardingLoad load = new OnboardingLoad(concurrency);
        Path tokenPath = stack.dataDir().root().resolve("bench-onboarding.claim-tokens.csv");
        Figures figures = new Figures();
        Map<String, String> batchTokens;
        try (ClaimTokenFile tokens = ClaimTokenFile.open(tokenPath)) {
            long start = System.nanoTime();
            long refused = registerBatches(admin, batchIds, tokens);
            figures.register = System.nanoTime() - start;
            figures.refused = refused;
            batchTokens = tokens.tokensFor(batchIds);
        }
        long start = System.nanoTime();
        Map<String, String> singleTokens = load.registerOneByOne(admin, singleIds);
        figures.registerSingle = System.nanoTime() - start;
        console.err().println("Registered; making " + (devices + baseline) + " keys and CSRs (not timed)");
        Map<String, String> batchCsrs = OnboardingLoad.csrs(batchIds);
        Map<String, String> singleCsrs = OnboardingLoad.csrs(List.copyOf(singleTokens.keySet()));
        start = System.nanoTime();
        load.claim(stack.deviceUrl(), stack.dataDir().ingressCertificate(), batchTokens, batchCsrs);
        figures.claim = System.nanoTime() - start;
        start = System.nanoTime();
        new OnboardingLoad(1).claim(stack.deviceUrl(), stack.dataDir().ingressCertificate(), singleTokens, singleCsrs);
        figures.claimSingle = System.nanoTime() - start;
        load.firstFailures().forEach((id, why) -> console.err().println("FAILED " + id + ": " + why));
        long failed = figures.refused + load.failed() + (baseline - singleTokens.size());
        console.result(figures.line(devices, baseline, concurrency, failed));
        return failed == 0 ? 0 : 1;
    }

    /** Registers through {@code devices:batch}; returns the devices refused. */
    private long registerBatches(ApiSession admin, List<String> ids, ClaimTokenFile tokens) throws Exception {
        List<DeviceCsv.Row> rows = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            rows.add(new DeviceCsv.Row(
                    i + 2L,
                    ids.get(i),
                    "bench-onboarding",
                    "Org1MSP/bench-onboarding",
                    "1.0.0",
                    "bench-onboarding",
                    Map.of()));
        }
        List<DeviceImport.Result> results =
                new DeviceImport(admin, DeviceImport.MAX_BATCH, parallel).register(rows, tokens, batch -> {});
        return results.stream().filter(r -> !r.registered()).count();
    }

    private static List<String> ids(String prefix, int count) {
        return IntStream.range(0, count)
                .mapToObj(n -> String.format(Locale.ROOT, "%s-%06d", prefix, n))
                .toList();
    }

    /** The measured durations, ns. */
    static final class Figures {
        long register;
        long registerSingle;
        long claim;
        long claimSingle;
        long refused;

        /**
         * Formats the result line.
         *
         * @param devices devices through the batch path
         * @param baseline devices one at a time
         * @param concurrency claims in flight
         * @param failed devices refused or unanswered
         * @return the {@code BENCH onboarding …} line
         */
        String line(int devices, int baseline, int concurrency, long failed) {
            double registerRate = BenchStats.perSecond(devices, register);
            double registerSingleRate = BenchStats.perSecond(baseline, registerSingle);
            double claimRate = BenchStats.perSecond(devices, claim);
            double claimSingleRate = BenchStats.perSecond(baseline, claimSingle);
            return "BENCH onboarding devices=" + devices + " baseline=" + baseline + " concurrency=" + concurrency
                    + " register_per_s=" + BenchStats.format(registerRate)
                    + " register_single_per_s=" + BenchStats.format(registerSingleRate)
                    + " claim_per_s=" + BenchStats.format(claimRate)
                    + " claim_single_per_s=" + BenchStats.format(claimSingleRate)
                    + " register_speedup=" + BenchStats.format(BenchStats.ratio(registerRate, registerSingleRate))
                    + " claim_speedup=" + BenchStats.format(BenchStats.ratio(claimRate, claimSingleRate))
                    + " target_per_s=" + TARGET_PER_SECOND + " failed=" + failed;
        }
    }
}
