package org.biotdm.device.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.runtime.server.EmbeddedServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import org.biotdm.device.sdk.RetryPolicy;
import org.biotdm.gateway.device.DevnetAdmin;
import org.biotdm.gateway.ingress.DeviceIngressServer;
import org.biotdm.gateway.testing.TestDevnet;
import org.biotdm.gateway.testing.TestMariaDb;
import org.biotdm.gateway.testing.TestUsers;
import org.biotdm.gateway.users.ApiRole;
import org.biotdm.protocol.receipt.CommandReceipt;
import org.biotdm.protocol.receipt.ReceiptStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SDK's command side against the real gateway: an Org1 admin grants an operator {@code reboot} on an SDK device
 * (provisioned with a claim token), the operator issues the command through the API, the device receives it by
 * long-poll and completes it with a receipt signed by its key, which the gateway and the chaincode verify.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeviceCommandsIT {
    private static final String TOKEN_PREFIX = "claim-token-0123456789-";

    private final DevnetAdmin ledgerAdmin = DevnetAdmin.connect(0);
    private final HttpClient api =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private EmbeddedServer gateway;
    private DeviceTransportFactory devicePort;

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
        gateway = io.micronaut.context.ApplicationContext.run(EmbeddedServer.class, properties);
        int port = gateway.getApplicationContext()
                .getBean(DeviceIngressServer.class)
                .port();
        List<X509Certificate> trust = DeviceTls.certificates(
                Files.readString(dataDir.resolve("ingress").resolve("server-cert.pem"), StandardCharsets.US_ASCII));
        devicePort = JdkDeviceTransport.factory(URI.create("https://localhost:" + port), trust, null);
    }

    @AfterAll
    void stopGateway() {
        if (gateway != null) {
            gateway.close();
        }
        ledgerAdmin.close();
    }

    private HttpResponse<String> call(String method, String path, TestUsers.Session person, String body)
            throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + gateway.getPort() + path))
                .header("Authorization", person.bearer())
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build();
        return api.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void device_receives_an_issued_command_by_long_poll_and_completes_it_with_a_signed_receipt() throws Exception {
        String deviceId = "sdk-cmd-" + System.nanoTime();
        ledgerAdmin.registerWithClaimToken(deviceId, TOKEN_PREFIX + deviceId, Map.of());
        DeviceState state = DeviceState.open(devices.resolve(deviceId), deviceId);
        DeviceClient.provision(state, TOKEN_PREFIX + deviceId, devicePort, RetryPolicy.defaults())
                .get();
        TestUsers.Session admin = TestUsers.create(gateway.getApplicationContext(), 0, ApiRole.ADMIN);
        TestUsers.Session operator = TestUsers.create(gateway.getApplicationContext(), 0, ApiRole.OPERATOR);
        HttpResponse<String> grant = call(
                "POST",
                "/api/v1/grants",
                admin,
                "{\"username\":\"" + operator.user().username() + "\",\"deviceId\":\"" + deviceId
                        + "\",\"commandTypes\":[\"reboot\"],\"expiresAt\":"
                        + (System.currentTimeMillis() + 3_600_000L) + "}");
        assertThat(grant.statusCode()).as(grant.body()).isBetween(200, 201);

        try (DeviceClient device = DeviceClient.builder(state, devicePort).build()) {
            CompletableFuture<List<DeviceCommand>> poll = device.pollCommands(Duration.ofSeconds(30));
            String commandId = "reboot-" + System.nanoTime();
            String issue = "{\"commandId\":\"" + commandId + "\",\"deviceId\":\"" + deviceId
                    + "\",\"commandType\":\"reboot\",\"parameters\":{\"mode\":\"soft\"},\"expiresIn\":900}";
            HttpResponse<String> issued = call("POST", "/api/v1/commands", operator, issue);
            long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (issued.statusCode() == 403 && System.nanoTime() - until < 0) {
                // The grant reaches the gateway's access cache through the ledger's events.
                Thread.sleep(100);
                issued = call("POST", "/api/v1/commands", operator, issue);
            }
            assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);

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

            HttpResponse<String> status = call("GET", "/api/v1/commands/" + commandId, operator, null);
            assertThat(status.body())
                    .contains("SUCCEEDED")
                    .contains(CommandReceipt.sha256Hex("rebooted".getBytes(StandardCharsets.UTF_8)));
            var again = device.completeCommand(command, ReceiptStatus.FAILED, new byte[0]);
            assertThat(again.handle((ok, error) -> error.getCause()).get())
                    .isInstanceOfSatisfying(
                            DeviceApiException.class, e -> assertThat(e.code()).isEqualTo("COMMAND_ALREADY_COMPLETED"));
        }
    }
}
