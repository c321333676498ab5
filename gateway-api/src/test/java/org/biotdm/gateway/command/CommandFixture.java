package org.biotdm.gateway.command;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.serde.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.biotdm.gateway.access.DeviceAccess;
import org.biotdm.gateway.device.DeviceRecord;
import org.biotdm.gateway.device.DeviceRegistry;
import org.biotdm.gateway.device.DeviceStatus;
import org.biotdm.gateway.device.DevnetAdmin;
import org.biotdm.gateway.ingress.DeviceCredentials;
import org.biotdm.gateway.ingress.DevicePort;
import org.biotdm.gateway.ingress.TestDevicePki;
import org.biotdm.gateway.testing.Route;
import org.biotdm.gateway.testing.TestDevnet;
import org.biotdm.gateway.testing.TestMariaDb;
import org.biotdm.gateway.testing.TestUsers;
import org.biotdm.gateway.users.ApiUser;
import org.biotdm.protocol.receipt.CommandReceipt;

/**
 * The parts of a command integration test: the gateway's properties (devnet Org1, MariaDB, device port with a test
 * device CA), devices registered and activated on the ledger with real keys and certificates, operators created
 * through the production user path and granted on the ledger, and the device port's commands API as a device.
 */
public final class CommandFixture implements AutoCloseable {
    /** The device CA the test devices' certificates come from. */
    public static final TestDevicePki PKI = TestDevicePki.create("Org1 command test device CA");

    private final DevnetAdmin admin = DevnetAdmin.connect(0);
    private final LedgerGrants grants = LedgerGrants.connect(0);
    private ApplicationContext context;
    private HttpClient api;

    /** Returns the gateway's properties for a test class. */
    public static Map<String, String> properties(String name) {
        try {
            Path dir = Files.createTempDirectory(
                    Files.createDirectories(Path.of("target", "it-data")).toAbsolutePath(), name + "-");
            Map<String, String> properties = new HashMap<>();
            TestDevnet.ledgerProperties(0).forEach((k, v) -> properties.put(k, String.valueOf(v)));
            TestMariaDb.datasourceProperties(name).forEach((k, v) -> properties.put(k, String.valueOf(v)));
            properties.put("biotdm.data-dir", dir.toString());
            properties.put("biotdm.ingress.port", "0");
            properties.put("biotdm.ingress.client-ca-certs", PKI.writeCaPem(dir).toString());
            properties.put("biotdm.anchoring.enabled", "false");
            properties.put("micronaut.server.port", "-1");
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Binds the fixture to the running application. */
    public void start(ApplicationContext running) {
        this.context = running;
        this.api = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    /** Registers a device with a fresh key and certificate, activates it and waits until the gateway sees it. */
    public DeviceCredentials activeDevice(String prefix) throws Exception {
        String deviceId = prefix + "-" + System.nanoTime();
        DeviceCredentials device = PKI.issue(deviceId);
        admin.registerWithKey(deviceId, device.keys().getPublic(), device.fingerprint());
        admin.lifecycle("ActivateDevice", deviceId);
        DeviceRegistry registry = context.getBean(DeviceRegistry.class);
        await(() -> registry.find(deviceId)
                .map(d -> d.status() == DeviceStatus.ACTIVE)
                .orElse(false));
        return device;
    }

    /** Creates an Org1 operator and grants them the command types on the device; waits until the gateway knows. */
    public TestUsers.Session grantedOperator(DeviceCredentials device, List<String> commandTypes) throws Exception {
        TestUsers.Session operator = TestUsers.create(context, 0, org.biotdm.gateway.users.ApiRole.OPERATOR);
        grant(operator.user(), device, commandTypes);
        return operator;
    }

    /** Grants an operator command types on a device on the ledger and waits until the gateway knows. */
    public void grant(ApiUser operator, DeviceCredentials device, List<String> commandTypes) throws Exception {
        grants.grant("g-" + System.nanoTime(), operator.mspId(), operator.fabricId(), device.deviceId(), commandTypes);
        DeviceAccess access = context.getBean(DeviceAccess.class);
        DeviceRegistry registry = context.getBean(DeviceRegistry.class);
        await(() -> {
            Optional<DeviceRecord> record = registry.find(device.deviceId());
            return record.isPresent() && access.canRead(operator, record.get());
        });
    }

    DevnetAdmin admin() {
        return admin;
    }

    /**
     * Sends a raw JSON request to the API port, for bodies the typed client would refuse before sending; the path
     * comes from the route.
     */
    public HttpResponse<String> raw(Route route, Map<String, ?> values, TestUsers.Session person, String body)
            throws Exception {
        URI server = context.getBean(EmbeddedServer.class).getURI();
        byte[] bytes = body == null ? null : body.getBytes(UTF_8);
        HttpRequest request = route.request(server, values, bytes)
                .header("Authorization", person.bearer())
                .build();
        return api.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Returns the device port's commands API as the device. */
    public DeviceCommandsOperations device(DeviceCredentials device) {
        return DevicePort.as(device, context).client(DeviceCommandsOperations.class);
    }

    /** Signs the canonical receipt with the device's key and returns the receipt body. */
    public static ReceiptRequest receipt(DeviceCredentials signer, CommandReceipt receipt) {
        String signature = Base64.getEncoder()
                .encodeToString(signer.sign(receipt.canonicalText().getBytes(UTF_8)));
        return new ReceiptRequest(receipt.status().name(), receipt.resultSha256(), null, signature);
    }

    static Map<String, Object> json(String text) throws IOException {
        @SuppressWarnings("unchecked")
        Map<String, Object> map = ObjectMapper.getDefault().readValue(text, Map.class);
        return map;
    }

    /** Polls a condition up to 30 s; the caller's assertions decide. */
    public static void await(BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() - end < 0) {
            Thread.sleep(20);
        }
    }

    @Override
    public void close() {
        admin.close();
        grants.close();
    }
}
