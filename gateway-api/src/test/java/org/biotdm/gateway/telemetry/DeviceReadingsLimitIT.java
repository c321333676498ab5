package org.biotdm.gateway.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.biotdm.gateway.device.DeviceStatus;
import org.biotdm.gateway.error.ErrorResponse;
import org.biotdm.gateway.ingress.DeviceCredentials;
import org.biotdm.gateway.ingress.DevicePort;
import org.biotdm.gateway.ingress.InMemoryDeviceRegistry;
import org.biotdm.gateway.ingress.TestDevicePki;
import org.biotdm.gateway.testing.ApiError;
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
    ApplicationContext context;

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
        TelemetryOperations flooderClient = DevicePort.as(flooder, context).client(TelemetryOperations.class);
        TelemetryOperations normalClient = DevicePort.as(normal, context).client(TelemetryOperations.class);
        long ts = System.currentTimeMillis();
        List<CompletableFuture<ApiError>> flood = new ArrayList<>();
        for (int seq = 1; seq <= FLOOD_BATCHES; seq++) {
            List<SignedBatches.Reading> readings = SignedBatches.moteReadings(MOTE_1.subList(seq * 5, seq * 5 + 5), ts);
            flood.add(refusal(flooderClient, SignedBatches.body(flooder, seq, ts, readings)));
        }
        List<TelemetryAck> normalAcks = new ArrayList<>();
        for (int seq = 1; seq <= 3; seq++) {
            List<SignedBatches.Reading> readings = SignedBatches.moteReadings(MOTE_2.subList(seq * 2, seq * 2 + 2), ts);
            normalAcks.add(normalClient
                    .ingest(SignedBatches.body(normal, seq, ts, readings).getBytes(StandardCharsets.UTF_8))
                    .join());
        }

        assertThat(normalAcks).extracting(TelemetryAck::seq).containsExactly(1L, 2L, 3L);
        List<ApiError> flooded = flood.stream().map(CompletableFuture::join).toList();
        List<ApiError> refused = flooded.stream().filter(Objects::nonNull).toList();
        assertThat(flooded.size() - refused.size()).isEqualTo(3);
        assertThat(refused).hasSize(FLOOD_BATCHES - 3).allSatisfy(this::assertRateLimited);
    }

    private DeviceCredentials register(String deviceId) {
        DeviceCredentials credentials = PKI.issue(deviceId);
        registry.put(credentials.record(DeviceStatus.ACTIVE));
        return credentials;
    }

    /** Sends a batch; completes with null once acknowledged, or with the error answer. */
    private static CompletableFuture<ApiError> refusal(TelemetryOperations client, String body) {
        return client.ingest(body.getBytes(StandardCharsets.UTF_8)).handle((ack, failure) -> {
            if (failure == null) {
                return null;
            }
            Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
            assertThat(cause).isInstanceOf(ApiError.class);
            return (ApiError) cause;
        });
    }

    private void assertRateLimited(ApiError response) {
        assertThat(response.status()).as(response.text()).isEqualTo(429);
        assertThat(response.header("Retry-After").map(Long::parseLong))
                .hasValueSatisfying(seconds -> assertThat(seconds).isPositive());
        try {
            assertThat(json.readValue(response.text(), ErrorResponse.class).code())
                    .isEqualTo("RATE_LIMITED");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
