package org.biotdm.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.biotdm.cli.ApiClient;
import org.biotdm.device.sdk.DeviceClient;
import org.biotdm.device.sdk.DeviceCommand;
import org.biotdm.device.sdk.DeviceConfigurations;
import org.biotdm.device.sdk.DeviceState;

/**
 * The demo's configuration push (docs/configuration.md): the admin sets one device's desired configuration, the
 * simulated device receives the {@code configuration} command, applies and stores it and reports with a signed
 * receipt, and the gateway's view of the device no longer drifts. Takes a few seconds.
 */
final class DemoConfiguration {
    /** What the demo pushes: a sampling interval and a batch size, as a real sensor node would take them. */
    static final Map<String, Object> DOCUMENT =
            Map.of("sampling", Map.of("intervalMs", 10_000), "reporting", Map.of("batchReadings", 50));

    private static final Duration WAIT = Duration.ofSeconds(30);

    private DemoConfiguration() {}

    /**
     * Pushes the configuration to a device and waits for its report.
     *
     * @param api the gateway
     * @param adminToken an admin of the device's owner organisation
     * @param deviceId the device
     * @param device its client
     * @param state its state directory, where the applied configuration is kept
     * @return the gateway's view of the device's configuration after the report
     * @throws ApiClient.ApiError when the gateway refuses
     * @throws IOException when the gateway cannot be reached
     * @throws InterruptedException when interrupted
     * @throws ExecutionException when the device's report fails
     * @throws TimeoutException when the command or the report does not come in time
     */
    static JsonNode push(ApiClient api, String adminToken, String deviceId, DeviceClient device, DeviceState state)
            throws IOException, InterruptedException, ExecutionException, TimeoutException {
        String path = "/api/v1/devices/" + deviceId + "/configuration";
        String commandId = api.put(path + "/desired", Map.of("configuration", DOCUMENT), adminToken)
                .path("commandId")
                .asText();
        DeviceCommand command = await(device, commandId);
        new DeviceConfigurations(device, state, configuration -> Optional.empty())
                .apply(command)
                .get(WAIT.toSeconds(), TimeUnit.SECONDS);
        return api.get(path, Map.of(), adminToken);
    }

    /**
     * Describes the outcome in one line.
     *
     * @param deviceId the device
     * @param view the gateway's view of its configuration
     * @return {@code CONFIG device=… version=… reported=… status=… drift=…}
     */
    static String line(String deviceId, JsonNode view) {
        return "CONFIG device=" + deviceId + " version="
                + view.path("reportedVersion").asText("-") + " reported="
                + view.path("reportedSha256").asText("-") + " status="
                + view.path("lastReportStatus").asText("-") + " drift="
                + view.path("drift").asBoolean(true);
    }

    private static DeviceCommand await(DeviceClient device, String commandId)
            throws InterruptedException, ExecutionException, TimeoutException {
        Instant deadline = Instant.now().plus(WAIT);
        while (Instant.now().isBefore(deadline)) {
            for (DeviceCommand command :
                    device.pollCommands(Duration.ofSeconds(5)).get(20, TimeUnit.SECONDS)) {
                if (command.commandId().equals(commandId)) {
                    return command;
                }
            }
        }
        throw new TimeoutException("Command " + commandId + " did not reach the device in " + WAIT.toSeconds() + " s");
    }
}
