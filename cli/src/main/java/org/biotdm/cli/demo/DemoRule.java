package org.biotdm.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.biotdm.cli.ApiClient;
import org.biotdm.device.sdk.DeviceClient;
import org.biotdm.device.sdk.DeviceCommand;
import org.biotdm.device.sim.SimulatedFleet;
import org.biotdm.protocol.receipt.ReceiptStatus;

/**
 * The demo's automation rule (docs/automation.md): before the replay, the admin makes the UCI occupancy room's device a
 * member of the demo's device group (a ledger group object whose ID is the devices' group label, so the operator's
 * group grant keeps covering it) and registers the rule "when the group's occupancy reaches 1, switch its light on,
 * at most once per 10 minutes". The room's file starts occupied, so the gateway fires the rule within the first
 * batches; after the replay the device completes the command with a signed receipt and the demo prints one line with
 * the rule, the device and the command's ledger transaction.
 */
final class DemoRule {
    /** The command type the rule issues. */
    static final String COMMAND_TYPE = "light";

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final ApiClient api;
    private final String adminToken;
    private final String ruleId;
    private final String deviceId;

    private DemoRule(ApiClient api, String adminToken, String ruleId, String deviceId) {
        this.api = api;
        this.adminToken = adminToken;
        this.ruleId = ruleId;
        this.deviceId = deviceId;
    }

    /**
     * Puts the room in the group and registers the rule; a group or membership left by an earlier demo on the same
     * ledger is kept (409).
     *
     * @param api the gateway API
     * @param adminToken an Org1 admin's token
     * @param group the demo's group label, which becomes the group's ID
     * @param commandTypes the command types the group policy allows besides {@value #COMMAND_TYPE}
     * @param deviceId the room's device
     * @return the installed rule
     * @throws ApiClient.ApiError when the gateway refuses
     * @throws IOException when the gateway cannot be reached
     * @throws InterruptedException when interrupted
     */
    static DemoRule install(ApiClient api, String adminToken, String group, List<String> commandTypes, String deviceId)
            throws IOException, InterruptedException {
        Map<String, Object> policy =
                Map.of("commandTypes", List.of(commandTypes.get(0), COMMAND_TYPE), "coEndorseGrantees", false);
        tolerateConflict(() -> api.post("/api/v1/groups", Map.of("groupId", group, "policy", policy), adminToken));
        tolerateConflict(
                () -> api.post("/api/v1/groups/" + group + "/members", Map.of("deviceId", deviceId), adminToken));
        String ruleId = "demo-occupied-" + Long.toString(System.currentTimeMillis(), 36);
        api.post(
                "/api/v1/automation/rules",
                Map.of(
                        "ruleId",
                        ruleId,
                        "description",
                        "occupied room: light on",
                        "condition",
                        Map.of(
                                "kind",
                                "metric",
                                "sensor",
                                "occupancy",
                                "comparison",
                                ">=",
                                "threshold",
                                "1",
                                "groupId",
                                group),
                        "action",
                        Map.of("commandType", COMMAND_TYPE, "parameters", Map.of("on", true), "groupId", group),
                        "cooldownSeconds",
                        600),
                adminToken);
        return new DemoRule(api, adminToken, ruleId, deviceId);
    }

    /**
     * Waits (at most 10 s) for the rule's firing, has the room complete its command with a signed receipt, and
     * describes it.
     *
     * @param fleet the demo's devices
     * @return {@code RULE <ruleId> acted: light → <device>, command <id>, ledger tx <txId>}, or why not
     * @throws IOException when the gateway cannot be reached
     * @throws InterruptedException when interrupted
     */
    String report(SimulatedFleet fleet) throws IOException, InterruptedException {
        Optional<JsonNode> firing = awaitFiring();
        if (firing.isEmpty()) {
            return "RULE " + ruleId + " did not fire within " + WAIT.toSeconds() + " s";
        }
        try {
            DeviceClient device = fleet.device(deviceId);
            for (DeviceCommand command :
                    device.pollCommands(Duration.ofSeconds(2)).get(30, TimeUnit.SECONDS)) {
                device.completeCommand(
                                command, ReceiptStatus.SUCCEEDED, "{\"on\":true}".getBytes(StandardCharsets.UTF_8))
                        .get(30, TimeUnit.SECONDS);
            }
        } catch (ExecutionException | TimeoutException e) {
            return "RULE " + ruleId + " fired, but its command was not completed: " + e.getMessage();
        }
        JsonNode f = firing.get();
        return "RULE " + ruleId + " acted: " + f.path("commandType").asText() + " → "
                + f.path("deviceId").asText() + ", command "
                + f.path("commandId").asText() + ", ledger tx "
                + f.path("transactionId").asText();
    }

    private Optional<JsonNode> awaitFiring() throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(WAIT);
        while (true) {
            for (JsonNode firing : api.get("/api/v1/automation/firings", Map.of(), adminToken)) {
                if (ruleId.equals(firing.path("ruleId").asText())) {
                    return Optional.of(firing);
                }
            }
            if (Instant.now().isAfter(deadline)) {
                return Optional.empty();
            }
            Thread.sleep(250);
        }
    }

    private interface Call {
        void run() throws IOException, InterruptedException;
    }

    private static void tolerateConflict(Call call) throws IOException, InterruptedException {
        try {
            call.run();
        } catch (ApiClient.ApiError e) {
            if (e.status() != 409) {
                throw e;
            }
        }
    }
}
