package org.biotdm.device.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.json.tree.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.biotdm.device.sdk.DeviceApiException;
import org.biotdm.device.sdk.DeviceClient;
import org.biotdm.device.sdk.DeviceCommand;
import org.biotdm.device.sdk.DeviceState;
import org.biotdm.device.sdk.DeviceTls;
import org.biotdm.device.sdk.DeviceTransportFactory;
import org.biotdm.device.sdk.JdkDeviceTransport;
import org.biotdm.device.sdk.MqttDeviceTransport;
import org.biotdm.device.sdk.RetryPolicy;
import org.biotdm.gateway.command.CommandResponse;
import org.biotdm.gateway.command.CommandState;
import org.biotdm.gateway.command.CommandsClient;
import org.biotdm.gateway.command.IssueCommandRequest;
import org.biotdm.gateway.device.DevnetAdmin;
import org.biotdm.gateway.grant.GrantClient;
import org.biotdm.gateway.grant.GrantRequest;
import org.biotdm.gateway.ingress.DeviceIngressServer;
import org.biotdm.gateway.mqtt.MqttServer;
import org.biotdm.gateway.testing.ApiError;
import org.biotdm.gateway.testing.TestDevnet;
import org.biotdm.gateway.testing.TestMariaDb;
import org.biotdm.gateway.testing.TestUsers;
import org.biotdm.gateway.users.ApiRole;
import org.biotdm.protocol.receipt.CommandReceipt;
import org.biotdm.protocol.receipt.ReceiptStatus;
import org.biotdm.protocol.telemetry.Reading;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SDK's command side against the real gateway: an Org1 admin grants an operator {@code reboot} on an SDK device
 * (provisioned with a claim token), the operator issues the command through the API, the device receives it by
 * long-poll and completes it with a receipt signed by its key, which the gateway and the chaincode verify. The same
 * over MQTT ({@link MqttDeviceTransport}): the command is pushed, the receipt and a telemetry batch are acknowledged
 * by PUBACK.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeviceCommandsIT {
    private static final String TOKEN_PREFIX = "claim-token-0123456789-";

    private final DevnetAdmin ledgerAdmin = DevnetAdmin.connect(0);
    private EmbeddedServer gateway;
    private DeviceTransportFactory devicePort;
    private DeviceTransportFactory mqttPort;

    @TempDir
    Path devices;

    @BeforeAll
    void startGateway() throws Exception {
        Path dataDir = Files.createTempDirectory(
                Files.createDirectories(Path.of("target", "it-data")).toAbsolutePath(), "commands-");
        Map<String, Object> properties = new HashMap<>(TestDevnet.ledgerProperties(0));
        properties.putAll(TestMariaDb.datasourceProperties("devicecommands"));
        properties.put("biotdm.data-dir", dataDir.toString());
        properties.put("biotdm.anchoring.enabled", "false");
        properties.put("micronaut.server.port", "-1");
        properties.put("biotdm.ingress.port", "0");
        properties.put("biotdm.mqtt.enabled", "true");
        properties.put("biotdm.mqtt.port", "0");
        gateway = io.micronaut.context.ApplicationContext.run(EmbeddedServer.class, properties);
        int port = gateway.getApplicationContext()
                .getBean(DeviceIngressServer.class)
                .port();
        List<X509Certificate> trust = DeviceTls.certificates(
                Files.readString(dataDir.resolve("ingress").resolve("server-cert.pem"), StandardCharsets.US_ASCII));
        devicePort = JdkDeviceTransport.factory(URI.create("https://localhost:" + port), trust, null);
        int mqtt = gateway.getApplicationContext().getBean(MqttServer.class).port();
        mqttPort = MqttDeviceTransport.factory(URI.create("mqtts://localhost:" + mqtt), trust, devicePort);
    }

    @AfterAll
    void stopGateway() {
        if (gateway != null) {
            gateway.close();
        }
        ledgerAdmin.close();
    }

    private <T> T client(Class<T> type) {
        return gateway.getApplicationContext().getBean(type);
    }

    /** Issues the command, again while the grant has not yet reached the gateway's access cache (403). */
    private CommandResponse issue(TestUsers.Session operator, IssueCommandRequest request) throws InterruptedException {
        CommandsClient commands = client(CommandsClient.class);
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                var issued = commands.issue(operator.caller(), request);
                assertThat(issued.code()).isEqualTo(201);
                return issued.body();
            } catch (ApiError e) {
                if (e.status() != 403 || System.nanoTime() - until > 0) {
                    throw e;
                }
                // The grant reaches the gateway's access cache through the ledger's events.
                Thread.sleep(100);
            }
        }
    }

    @Test
    void device_receives_an_issued_command_by_long_poll_and_completes_it_with_a_signed_receipt() throws Exception {
        roundTrip("sdk-cmd-", devicePort).close();
    }

    @Test
    void device_over_mqtt_sends_telemetry_gets_its_command_pushed_and_completes_it() throws Exception {
        DeviceClient device = roundTrip("sdk-mqtt-", mqttPort);
        try (device) {
            assertThat(device.send(List.of(Reading.number("temperature", "21.5", "C", Reading.NO_TS)))
                            .get()
                            .accepted())
                    .isEqualTo(1);
            assertThat(device.acknowledgedReadings()).isEqualTo(1);
        }
    }

    /** Provisions a device, issues it a command, completes it through the transports given; returns it open. */
    private DeviceClient roundTrip(String prefix, DeviceTransportFactory transports) throws Exception {
        String deviceId = prefix + System.nanoTime();
        ledgerAdmin.registerWithClaimToken(deviceId, TOKEN_PREFIX + deviceId, Map.of());
        DeviceState state = DeviceState.open(devices.resolve(deviceId), deviceId);
        DeviceClient.provision(state, TOKEN_PREFIX + deviceId, devicePort, RetryPolicy.defaults())
                .get();
        TestUsers.Session admin = TestUsers.create(gateway.getApplicationContext(), 0, ApiRole.ADMIN);
        TestUsers.Session operator = TestUsers.create(gateway.getApplicationContext(), 0, ApiRole.OPERATOR);
        var grant = client(GrantClient.class)
                .grant(
                        admin.caller(),
                        new GrantRequest(
                                null,
                                operator.user().username(),
                                null,
                                deviceId,
                                null,
                                List.of("reboot"),
                                System.currentTimeMillis() + 3_600_000L));
        assertThat(grant.code()).isBetween(200, 201);

        DeviceClient device = DeviceClient.builder(state, transports).build();
        try {
            CompletableFuture<List<DeviceCommand>> poll = device.pollCommands(Duration.ofSeconds(30));
            String commandId = "reboot-" + System.nanoTime();
            JsonNode parameters = JsonNode.createObjectNode(Map.of("mode", JsonNode.createStringNode("soft")));
            CommandResponse issued =
                    issue(operator, new IssueCommandRequest(commandId, deviceId, "reboot", parameters, 900L, null));
            assertThat(issued.state()).isEqualTo(CommandState.ISSUED);

            List<DeviceCommand> delivered = poll.get();
            while (delivered.isEmpty()) {
                delivered = device.pollCommands(Duration.ofSeconds(30)).get();
            }
            DeviceCommand command = delivered.get(0);
            assertThat(command.commandId()).isEqualTo(commandId);
            assertThat(command.commandType()).isEqualTo("reboot");
            assertThat(command.parameters()).contains("\"mode\"");
            assertThat(command.parametersSha256()).hasSize(64);

            device.completeCommand(command, ReceiptStatus.SUCCEEDED, "rebooted".getBytes(StandardCharsets.UTF_8))
                    .get();

            CommandResponse status = client(CommandsClient.class).get(operator.caller(), commandId);
            assertThat(status.state()).isEqualTo(CommandState.SUCCEEDED);
            assertThat(status.resultSha256())
                    .isEqualTo(CommandReceipt.sha256Hex("rebooted".getBytes(StandardCharsets.UTF_8)));
            var again = device.completeCommand(command, ReceiptStatus.FAILED, new byte[0]);
            assertThat(again.handle((ok, error) -> error.getCause()).get())
                    .isInstanceOfSatisfying(
                            DeviceApiException.class, e -> assertThat(e.code()).isEqualTo("COMMAND_ALREADY_COMPLETED"));
            return device;
        } catch (Exception | AssertionError e) {
            device.close();
            throw e;
        }
    }
}
