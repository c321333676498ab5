package org.biotdm.gateway.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.biotdm.gateway.device.DeviceStatus;
import org.biotdm.gateway.error.ErrorResponse;
import org.biotdm.gateway.ingress.DeviceCredentials;
import org.biotdm.gateway.ingress.DeviceIngressCertificates;
import org.biotdm.gateway.ingress.DeviceIngressServer;
import org.biotdm.gateway.ingress.InMemoryDeviceRegistry;
import org.biotdm.gateway.ingress.TestDevicePki;
import org.biotdm.gateway.testing.TestMariaDb;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * One device floods the device port with signed batches while another sends at its normal pace: with a budget of 30
 * readings per device (refilled hourly), the flooder gets 429 {@code RATE_LIMITED} with {@code Retry-After} once its
 * readings exceed the budget, although it stays far below the request limit, and every batch of the normal device is
 * acknowledged. Real mote readings (Suthaharan, single-hop motes 1 and 2).
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DeviceReadingsLimitIT implements TestPropertyProvider {
    private static final TestDevicePki PKI = TestDevicePki.create("Org1 device CA");
    private static final List<SuthaharanMotes.Sample> MOTE_1 =
            SuthaharanMotes.singleHop("singlehop_indoor_moteid1_data.txt");
    private static final List<SuthaharanMotes.Sample> MOTE_2 =
            SuthaharanMotes.singleHop("singlehop_indoor_moteid2_data.txt");
    private static final int FLOOD_BATCHES = 8;

    @Inject
    DeviceIngressServer deviceServer;

    @Inject
    DeviceIngressCertificates certificates;

    @Inject
    InMemoryDeviceRegistry registry;

    @Inject
    JsonMapper json;

    @Override
    public Map<String, String> getProperties() {
        try {
            Path dir = Files.createTempDirectory(
                    Files.createDirectories(Path.of("target", "it-data")).toAbsolutePath(), "flood-");
            Map<String, String> properties = new HashMap<>();
            TestMariaDb.datasourceProperties("flood").forEach((k, v) -> properties.put(k, v.toString()));
            properties.put("biotdm.data-dir", dir.toString());
            properties.put("micronaut.server.port", "-1");
            properties.put("biotdm.ingress.port", "0");
            properties.put("biotdm.ingress.client-ca-certs", PKI.writeCaPem(dir).toString());
            properties.put("biotdm.test.device-registry", "in-memory");
            properties.put("biotdm.anchoring.enabled", "false");
            properties.put("biotdm.ledger.events-enabled", "false");
            properties.put("biotdm.rate-limits.period", "1h");
            properties.put("biotdm.rate-limits.device-readings-per-second", "1");
            properties.put("biotdm.rate-limits.device-readings-burst", "30");
            return properties;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void a_flooding_device_gets_429_while_a_normal_device_is_acknowledged() throws Exception {
        DeviceCredentials flooder = register("mote-flood");
        DeviceCredentials normal = register("mote-normal");
        HttpClient flooderClient = flooder.httpClient(certificates.serverCertificate());
        HttpClient normalClient = normal.httpClient(certificates.serverCertificate());
        long ts = System.currentTimeMillis();
        List<CompletableFuture<HttpResponse<String>>> flood = new ArrayList<>();
        for (int seq = 1; seq <= FLOOD_BATCHES; seq++) {
            List<SignedBatches.Reading> readings = SignedBatches.moteReadings(MOTE_1.subList(seq * 5, seq * 5 + 5), ts);
            flood.add(send(flooderClient, SignedBatches.body(flooder, seq, ts, readings)));
        }
        List<HttpResponse<String>> normalResponses = new ArrayList<>();
        for (int seq = 1; seq <= 3; seq++) {
            List<SignedBatches.Reading> readings = SignedBatches.moteReadings(MOTE_2.subList(seq * 2, seq * 2 + 2), ts);
            normalResponses.add(send(normalClient, SignedBatches.body(normal, seq, ts, readings))
                    .join());
        }

        assertThat(normalResponses)
                .allSatisfy(r -> assertThat(r.statusCode()).as(r.body()).isEqualTo(200));
        List<HttpResponse<String>> flooded =
                flood.stream().map(CompletableFuture::join).toList();
        List<HttpResponse<String>> refused =
                flooded.stream().filter(r -> r.statusCode() != 200).toList();
        assertThat(flooded.size() - refused.size()).isEqualTo(3);
        assertThat(refused).hasSize(FLOOD_BATCHES - 3).allSatisfy(this::assertRateLimited);
    }

    private DeviceCredentials register(String deviceId) {
        DeviceCredentials credentials = PKI.issue(deviceId);
        registry.put(credentials.record(DeviceStatus.ACTIVE));
        return credentials;
    }

    private CompletableFuture<HttpResponse<String>> send(HttpClient client, String body) {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("https://localhost:" + deviceServer.port() + "/device/v1/telemetry"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    private void assertRateLimited(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(429);
        assertThat(response.headers().firstValue("Retry-After").map(Long::parseLong))
                .hasValueSatisfying(seconds -> assertThat(seconds).isPositive());
        try {
            assertThat(json.readValue(response.body(), ErrorResponse.class).code())
                    .isEqualTo("RATE_LIMITED");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
