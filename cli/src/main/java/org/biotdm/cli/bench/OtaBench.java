package org.biotdm.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.biotdm.cli.ApiClient;
import org.biotdm.cli.Console;
import org.biotdm.cli.Credentials;
import org.biotdm.cli.DeviceFleet;
import org.biotdm.cli.DeviceRegistrar;
import org.biotdm.cli.FirmwareRollouts;
import org.biotdm.cli.Progress;
import org.biotdm.cli.stack.DataDir;
import org.biotdm.cli.stack.GatewayInstance;
import org.biotdm.cli.stack.Stack;
import org.biotdm.device.sdk.DeviceClient;
import org.biotdm.device.sdk.FirmwareCommandHandler;
import org.biotdm.device.sim.FirmwareFleet;
import org.biotdm.protocol.firmware.FirmwareManifest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code biotdm bench ota}: a staged firmware campaign over a simulated fleet. Starts a stack ({@link BenchStack}),
 * provisions the devices (model {@code Org1MSP/bench-ota}, group {@code ota}), registers a fresh firmware-signing key,
 * uploads a signed random image, grants the operator {@code firmware-update} on the group, and runs a campaign on the
 * group; the devices verify every image with the SDK's {@code FirmwareUpdater}, download it in 64 KiB ranges, install
 * it and send their signed receipt, which the gateway records on the ledger. A second campaign (a newer version) then
 * runs with {@code --failing-percent} of the devices corrupting their download, and must abort at its threshold.
 *
 * <p>Last line per run: {@code BENCH ota run=… devices=… image_bytes=… state=… campaign_s=… images_per_s=…
 * gateway_cpu_ms_per_device=… updated=… failed=… queued=…}.
 */
@Command(
        name = "ota",
        mixinStandardHelpOptions = true,
        description = {
            "A staged firmware campaign: time, images served per second, gateway CPU per device, failures; then a",
            "second campaign with failing devices that must abort at its threshold.",
            "Last line per run: BENCH ota run=.. devices=.. image_bytes=.. state=.. campaign_s=.. images_per_s=.."
                    + " gateway_cpu_ms_per_device=.. updated=.. failed=.. queued=.."
        })
final class OtaBench implements Callable<Integer> {
    private static final String GROUP = "ota";
    private static final String DEVICE_TYPE = "bench-ota";

    @Mixin
    BenchStack benchStack = new BenchStack();

    @Option(
            names = "--devices",
            paramLabel = "N",
            defaultValue = "1000",
            description = "Devices (default: ${DEFAULT-VALUE}).")
    int devices;

    @Option(
            names = "--image-bytes",
            paramLabel = "BYTES",
            defaultValue = "1048576",
            description = "Image size (default: ${DEFAULT-VALUE}, 1 MiB).")
    int imageBytes;

    @Option(
            names = "--rate",
            paramLabel = "PER_MINUTE",
            defaultValue = "6000",
            description = "Devices notified per minute (default: ${DEFAULT-VALUE}).")
    int rate;

    @Option(
            names = "--first-stage-percent",
            paramLabel = "P",
            defaultValue = "10",
            description = "Share of devices in the first stage (default: ${DEFAULT-VALUE}).")
    int firstStage;

    @Option(
            names = "--failing-percent",
            paramLabel = "P",
            defaultValue = "5",
            description = "Share of devices that corrupt their download in the second run; 0 skips it"
                    + " (default: ${DEFAULT-VALUE}).")
    int failingPercent;

    @Option(
            names = "--abort-threshold-percent",
            paramLabel = "P",
            defaultValue = "2",
            description = "The campaigns' abort threshold (default: ${DEFAULT-VALUE}).")
    int threshold;

    @Option(
            names = "--timeout",
            paramLabel = "SECONDS",
            defaultValue = "1800",
            description = "Longest wait for one campaign (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Option(
            names = "--workers",
            paramLabel = "N",
            defaultValue = "32",
            description = "Device updates running at once in the simulator (default: ${DEFAULT-VALUE}).")
    int workers;

    @Mixin
    Console console = new Console();

    /**
     * Checks the arguments.
     *
     * @return the first problem, or null when none
     */
    String validate() {
        if (devices < 1 || devices > 10_000) {
            return "--devices must be 1-10000, was " + devices;
        }
        if (imageBytes < 1 || imageBytes > 16 << 20) {
            return "--image-bytes must be 1-16777216, was " + imageBytes;
        }
        if (rate < 1 || firstStage < 1 || firstStage > 100 || failingPercent < 0 || failingPercent > 100) {
            return "--rate must be positive, --first-stage-percent 1-100 and --failing-percent 0-100";
        }
        return threshold < 0 || threshold > 100 ? "--abort-threshold-percent must be 0-100" : null;
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
        String model = org1 + "/" + DEVICE_TYPE;
        DeviceRegistrar registrar = DeviceRegistrar.asAdmin(api, credentials, org1, id -> DEVICE_TYPE, GROUP);
        String admin = api.login(credentials.find(org1, "admin").orElseThrow());
        FirmwareRollouts rollouts = new FirmwareRollouts(api);
        rollouts.registerKey(admin);
        try (DeviceFleet fleet = DeviceFleet.open(
                        stack.deviceUrl(), dataDir.ingressCertificate(), dataDir.devices(), registrar, false);
                FirmwareFleet updates = new FirmwareFleet(rollouts.handler(org1, model), 0, workers)) {
            updates.start(provision(fleet));
            api.grantOperator(credentials, org1, GROUP, List.of(FirmwareCommandHandler.COMMAND_TYPE));
            String operator = api.login(credentials.find(org1, "operator").orElseThrow());
            long run = System.currentTimeMillis() / 1000 - 1_700_000_000L;
            Result clean = campaign(stack, rollouts, admin, operator, model, run, 1);
            console.result(clean.line());
            if (failingPercent == 0) {
                return "COMPLETED".equals(clean.state) ? 0 : 1;
            }
            updates.failingShare(failingPercent / 100.0);
            Result failing = campaign(stack, rollouts, admin, operator, model, run, 2);
            console.result(failing.line());
            return "COMPLETED".equals(clean.state) && "ABORTED".equals(failing.state) ? 0 : 1;
        }
    }

    private List<DeviceClient> provision(DeviceFleet fleet) throws IOException {
        List<DeviceClient> clients = new ArrayList<>();
        Progress progress = Progress.start(console.err(), "Provisioning " + devices + " devices");
        for (int i = 1; i <= devices; i++) {
            clients.add(fleet.devices().device("bench-ota-" + i));
            progress.tick();
        }
        progress.done(devices + " devices long-polling their commands");
        return clients;
    }

    /** Publishes version {@code 3.<run>.<n>} and runs one campaign on the group to its end. */
    private Result campaign(
            Stack stack, FirmwareRollouts rollouts, String admin, String operator, String model, long run, int n)
            throws Exception {
        byte[] image = new byte[imageBytes];
        new SecureRandom().nextBytes(image);
        FirmwareManifest manifest = rollouts.publish(admin, model, "3." + run + "." + n, run * 10 + n, image);
        String campaignId = "bench-ota-" + run + "-" + n;
        Map<String, Object> request = FirmwareRollouts.groupCampaign(
                campaignId, manifest, GROUP, rate, firstStage, threshold, Math.max(1, devices / 20));
        long cpuBefore = gatewayCpuNanos(stack);
        long start = System.nanoTime();
        Progress progress = Progress.start(console.err(), "Campaign " + campaignId);
        JsonNode done = rollouts.run(operator, request, Duration.ofSeconds(timeoutSeconds), progress);
        progress.done(done.path("state").asText() + " " + done.path("counts"));
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuMs = (gatewayCpuNanos(stack) - cpuBefore) / 1e6;
        return new Result(n, done, seconds, cpuMs);
    }

    private static long gatewayCpuNanos(Stack stack) {
        long total = 0;
        for (GatewayInstance gateway : stack.gateways()) {
            long pid = ProcessProbe.jvmOf(gateway.process().handle());
            total += ProcessHandle.of(pid)
                    .flatMap(p -> p.info().totalCpuDuration())
                    .map(Duration::toNanos)
                    .orElse(0L);
        }
        return total;
    }

    /** One campaign's figures. */
    private final class Result {
        final int run;
        final String state;
        final double seconds;
        final double cpuMs;
        final int updated;
        final int failed;
        final int queued;

        Result(int run, JsonNode campaign, double seconds, double cpuMs) {
            this.run = run;
            this.state = campaign.path("state").asText();
            this.seconds = seconds;
            this.cpuMs = cpuMs;
            this.updated = campaign.path("counts").path("UPDATED").asInt();
            this.failed = campaign.path("counts").path("FAILED").asInt();
            this.queued = campaign.path("counts").path("QUEUED").asInt();
        }

        String line() {
            return String.format(
                    Locale.ROOT,
                    "BENCH ota run=%d devices=%d image_bytes=%d state=%s campaign_s=%.1f images_per_s=%.2f"
                            + " gateway_cpu_ms_per_device=%.1f updated=%d failed=%d queued=%d failing_percent=%d",
                    run,
                    devices,
                    imageBytes,
                    state,
                    seconds,
                    (updated + failed) / seconds,
                    cpuMs / devices,
                    updated,
                    failed,
                    queued,
                    run == 1 ? 0 : failingPercent);
        }
    }
}
