package org.biotdm.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.biotdm.cli.ApiClient;
import org.biotdm.cli.Console;
import org.biotdm.cli.Credentials;
import org.biotdm.cli.FirmwareRollouts;
import org.biotdm.cli.Progress;
import org.biotdm.device.sdk.DeviceClient;
import org.biotdm.device.sim.FirmwareFleet;
import org.biotdm.device.sim.SimulatedFleet;
import org.biotdm.protocol.firmware.FirmwareManifest;

/**
 * The demo's signed firmware rollout (docs/ota.md): Org1's admin registers a fresh firmware-signing key and publishes a
 * signed {@value #IMAGE_BYTES}-byte image for the Suthaharan motes' model ({@code <Org1>/wsn-mote}); the operator runs a
 * two-stage campaign on the motes of the demo group (a quarter first, the rest once they all updated); each mote checks
 * the manifest against that key, downloads the image in ranges, installs it and sends its signed receipt, which the
 * gateway records on the ledger with {@code RecordFirmwareUpdate}. Then each mote's ledger record is read back. It
 * prints one line: {@code FIRMWARE campaign=… state=… stages=2 updated=N/N version=… receipts_on_ledger=N}.
 */
final class DemoFirmware {
    /** The device type of the demo's motes, the model's name. */
    static final String DEVICE_TYPE = "wsn-mote";

    private static final int IMAGE_BYTES = 64 * 1024;
    private static final int FIRST_STAGE_PERCENT = 25;
    private static final Duration CAMPAIGN_WAIT = Duration.ofMinutes(3);
    private static final Duration LEDGER_WAIT = Duration.ofSeconds(30);

    private DemoFirmware() {}

    /**
     * What the rollout did.
     *
     * @param campaignId the campaign
     * @param state its final state ({@code COMPLETED} when every device updated)
     * @param targets the devices it targeted
     * @param updated the devices it updated
     * @param version the published version
     * @param receipts devices whose ledger record shows the version, installed with a recorded receipt
     */
    record Outcome(String campaignId, String state, int targets, int updated, String version, int receipts) {
        /** Tells whether every target device runs the new version with its receipt on the ledger. */
        boolean ok() {
            return "COMPLETED".equals(state) && targets > 0 && updated == targets && receipts == targets;
        }

        /** The line for people and scripts. */
        String line() {
            return "FIRMWARE campaign=" + campaignId + " state=" + state + " stages=2 updated=" + updated + "/"
                    + targets + " version=" + version + " receipts_on_ledger=" + receipts;
        }
    }

    /**
     * Runs the rollout over the demo's motes as Org1's admin and operator and prints its line; a failure is printed and
     * makes the outcome not OK.
     *
     * @param api the people API
     * @param credentials the stack's people
     * @param org1 Org1's MSP ID
     * @param group the demo's device group (the operator must hold {@code firmware-update} on it)
     * @param fleet the demo's devices
     * @param replays the demo's replays, whose motes are updated
     * @param console where the line and progress go
     * @return what happened
     * @throws InterruptedException when interrupted
     */
    static Outcome runAndReport(
            ApiClient api,
            Credentials credentials,
            String org1,
            String group,
            SimulatedFleet fleet,
            List<DemoData.Replay> replays,
            Console console)
            throws InterruptedException {
        List<String> motes = replays.stream()
                .filter(r -> DEVICE_TYPE.equals(r.deviceType()))
                .map(DemoData.Replay::deviceId)
                .toList();
        Outcome outcome;
        try {
            String admin = api.login(credentials.find(org1, "admin").orElseThrow());
            String operator = api.login(credentials.find(org1, "operator").orElseThrow());
            outcome = run(api, admin, operator, org1, group, fleet, motes, console.err());
        } catch (ApiClient.ApiError | IOException e) {
            console.err().println("The firmware rollout failed: " + e.getMessage());
            outcome = new Outcome("-", "FAILED", motes.size(), 0, "-", 0);
        }
        console.out().println(outcome.line());
        return outcome;
    }

    /**
     * Publishes the image and runs the campaign over the motes.
     *
     * @param api the people API
     * @param adminToken Org1's admin
     * @param operatorToken Org1's operator, granted {@code firmware-update} on {@code group}
     * @param org1 Org1's MSP ID
     * @param group the demo's device group
     * @param fleet the demo's devices
     * @param moteIds the motes
     * @param err where progress goes
     * @return what happened
     * @throws IOException when the gateway cannot be reached or refuses a step
     * @throws InterruptedException when interrupted
     */
    static Outcome run(
            ApiClient api,
            String adminToken,
            String operatorToken,
            String org1,
            String group,
            SimulatedFleet fleet,
            List<String> moteIds,
            PrintStream err)
            throws IOException, InterruptedException {
        Progress progress = Progress.start(err, "Publishing signed firmware and updating " + moteIds.size() + " motes");
        String model = org1 + "/" + DEVICE_TYPE;
        long run = System.currentTimeMillis() / 1000 - 1_700_000_000L;
        FirmwareRollouts rollouts = new FirmwareRollouts(api);
        rollouts.registerKey(adminToken);
        byte[] image = new byte[IMAGE_BYTES];
        new SecureRandom().nextBytes(image);
        FirmwareManifest manifest = rollouts.publish(adminToken, model, "1." + run + ".0", run, image);
        List<DeviceClient> motes = new ArrayList<>();
        for (String id : moteIds) {
            motes.add(fleet.device(id));
        }
        String campaignId = "demo-firmware-" + run;
        JsonNode campaign;
        try (FirmwareFleet updates = new FirmwareFleet(rollouts.handler(org1, model), 0, 4)) {
            updates.start(motes);
            campaign = rollouts.run(
                    operatorToken,
                    FirmwareRollouts.groupCampaign(
                            campaignId, manifest, group, 600, FIRST_STAGE_PERCENT, 0, moteIds.size()),
                    CAMPAIGN_WAIT,
                    progress);
        }
        int receipts = receipts(api, adminToken, rollouts.devices(operatorToken, campaignId), manifest.version());
        progress.done(campaign.path("state").asText());
        return new Outcome(
                campaignId,
                campaign.path("state").asText(),
                campaign.path("deviceCount").asInt(),
                campaign.path("counts").path("UPDATED").asInt(),
                manifest.version(),
                receipts);
    }

    /**
     * Counts the devices with a recorded update transaction whose ledger record shows the version, waiting up to
     * {@link #LEDGER_WAIT} for the gateway's registry to follow the ledger's events.
     */
    private static int receipts(ApiClient api, String adminToken, List<JsonNode> rows, String version)
            throws IOException, InterruptedException {
        long end = System.nanoTime() + LEDGER_WAIT.toNanos();
        int receipts = 0;
        for (JsonNode row : rows) {
            if (!row.path("updateTxId").isTextual()) {
                continue;
            }
            String path = "/api/v1/devices/" + row.path("deviceId").asText();
            while (!version.equals(
                    api.get(path, Map.of(), adminToken).path("firmwareVersion").asText())) {
                if (System.nanoTime() > end) {
                    return receipts;
                }
                Thread.sleep(250);
            }
            receipts++;
        }
        return receipts;
    }
}
