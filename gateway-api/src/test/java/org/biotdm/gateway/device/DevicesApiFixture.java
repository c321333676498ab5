package org.biotdm.gateway.device;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.biotdm.gateway.ingress.DeviceCredentials;
import org.biotdm.gateway.ingress.TestDevicePki;
import org.biotdm.gateway.testing.Route;
import org.biotdm.gateway.testing.TestDevnet;
import org.biotdm.gateway.testing.TestMariaDb;
import org.biotdm.gateway.testing.TestUsers;

/**
 * The parts of the devices/grants/audit integration test: gateway properties (devnet Org1, MariaDB, device port trusting
 * a test device CA), devices registered on the ledger by Org1's or Org2's admin with real keys and certificates, and
 * raw calls on the API port for what the typed clients refuse.
 */
final class DevicesApiFixture implements AutoCloseable {
    static final TestDevicePki PKI = TestDevicePki.create("Org1 devices-api test device CA");

    private final DevnetAdmin org1 = DevnetAdmin.connect(0);
    private final DevnetAdmin org2 = DevnetAdmin.connect(1);
    private final HttpClient api =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private ApplicationContext context;

    static Map<String, String> properties(String name) {
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
            properties.put("biotdm.connectivity.flush-interval", "200ms");
            properties.put("micronaut.server.port", "-1");
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void start(ApplicationContext running) {
        this.context = running;
    }

    /** Registers a device with a fresh key by organisation {@code orgIndex}'s admin, activates it, waits for it. */
    DeviceCredentials activeDevice(int orgIndex, String prefix) throws Exception {
        String deviceId = prefix + "-" + System.nanoTime();
        DeviceCredentials device = PKI.issue(deviceId);
        DevnetAdmin admin = orgIndex == 0 ? org1 : org2;
        admin.registerWithKey(deviceId, device.keys().getPublic(), device.fingerprint());
        admin.lifecycle("ActivateDevice", deviceId);
        DeviceRegistry registry = context.getBean(DeviceRegistry.class);
        await(() -> registry.find(deviceId)
                .map(d -> d.status() == DeviceStatus.ACTIVE)
                .orElse(false));
        return device;
    }

    /**
     * Sends a raw JSON request to the API port, for what the typed client would refuse before sending; the path comes
     * from the route.
     */
    HttpResponse<String> raw(Route route, Map<String, ?> values, TestUsers.Session person, String body)
            throws Exception {
        URI server = context.getBean(EmbeddedServer.class).getURI();
        byte[] bytes = body == null ? null : body.getBytes(StandardCharsets.UTF_8);
        HttpRequest request = route.request(server, values, bytes)
                .header("Authorization", person.bearer())
                .build();
        return api.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Polls a condition up to 30 s; the caller's assertions decide. */
    static void await(BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() - end < 0) {
            Thread.sleep(20);
        }
    }

    @Override
    public void close() {
        org1.close();
        org2.close();
    }
}
