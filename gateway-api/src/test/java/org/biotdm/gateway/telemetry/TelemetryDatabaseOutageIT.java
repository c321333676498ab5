package org.biotdm.gateway.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.jdbc.DataSourceResolver;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.biotdm.gateway.db.EmbeddedDatabase;
import org.biotdm.gateway.db.EmbeddedMariaDb;
import org.biotdm.gateway.device.DeviceStatus;
import org.biotdm.gateway.error.ErrorResponse;
import org.biotdm.gateway.ingress.DeviceCredentials;
import org.biotdm.gateway.ingress.DevicePort;
import org.biotdm.gateway.ingress.InMemoryDeviceRegistry;
import org.biotdm.gateway.ingress.TestDevicePki;
import org.biotdm.gateway.testing.ApiError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * MariaDB stopped and restarted while devices stream telemetry: every request during the outage gets 503 {@code
 * DATABASE_UNAVAILABLE} with {@code Retry-After}, the devices retry the same batch, the service recovers by itself,
 * and afterwards every acknowledged batch is in the database with all its readings and nothing is there twice or in
 * part. The context starts its own embedded MariaDB (no datasource URL), so the test can stop that one.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TelemetryDatabaseOutageIT implements TestPropertyProvider {
    private static final TestDevicePki PKI = TestDevicePki.create("Outage device CA");
    private static final List<String> MOTE_FILES = List.of(
            "singlehop_outdoor_moteid3_data.txt",
            "singlehop_outdoor_moteid4_data.txt",
            "singlehop_indoor_moteid1_data.txt");
    private static final int BATCHES_PER_DEVICE = 40;
    private static final int SAMPLES_PER_BATCH = 3;

    @Inject
    EmbeddedDatabase embeddedDatabase;

    @Inject
    ApplicationContext context;

    @Inject
    InMemoryDeviceRegistry registry;

    @Inject
    DataSource dataSource;

    @Inject
    DataSourceResolver dataSourceResolver;

    @Inject
    JsonMapper json;

    private final Map<String, List<TelemetryAck>> acks = new ConcurrentHashMap<>();
    private final List<ErrorResponse> outageErrors = new CopyOnWriteArrayList<>();
    private final List<String> retryAfterHeaders = new CopyOnWriteArrayList<>();

    @Override
    public Map<String, String> getProperties() {
        try {
            Path dir = Files.createTempDirectory(
                    Files.createDirectories(Path.of("target", "it-data")).toAbsolutePath(), "outage-");
            Map<String, String> properties = new HashMap<>();
            properties.put("datasources.default.url", "");
            properties.put("biotdm.data-dir", dir.toString());
            properties.put("biotdm.ingress.port", "0");
            properties.put("biotdm.ingress.client-ca-certs", PKI.writeCaPem(dir).toString());
            properties.put("biotdm.test.device-registry", "in-memory");
            properties.put("biotdm.anchoring.enabled", "false");
            properties.put("biotdm.ledger.events-enabled", "false");
            return properties;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void nothing_acknowledged_is_lost_when_mariadb_stops_and_restarts_mid_stream() throws Exception {
        EmbeddedMariaDb mariaDb = embeddedDatabase.server().orElseThrow();
        ExecutorService devices = Executors.newFixedThreadPool(MOTE_FILES.size());
        AtomicInteger progress = new AtomicInteger();
        List<Future<?>> streams = new ArrayList<>();
        for (int m = 0; m < MOTE_FILES.size(); m++) {
            DeviceCredentials device = PKI.issue("outage-mote-" + (m + 1));
            registry.put(device.record(DeviceStatus.ACTIVE));
            List<SuthaharanMotes.Sample> samples = SuthaharanMotes.singleHop(MOTE_FILES.get(m));
            streams.add(devices.submit(() -> {
                stream(device, samples, progress);
                return null;
            }));
        }

        awaitProgress(progress, MOTE_FILES.size() * 8);
        mariaDb.stop();
        awaitOutageSeen();
        mariaDb.start();
        for (Future<?> stream : streams) {
            stream.get(5, TimeUnit.MINUTES);
        }
        devices.shutdown();

        assertThat(outageErrors).isNotEmpty().allSatisfy(e -> assertThat(e.code())
                .isEqualTo("DATABASE_UNAVAILABLE"));
        assertThat(retryAfterHeaders).isNotEmpty().containsOnly("5");
        for (Map.Entry<String, List<TelemetryAck>> device : acks.entrySet()) {
            assertThat(device.getValue()).hasSize(BATCHES_PER_DEVICE);
            assertThat(storedBatches(device.getKey())).containsExactlyElementsOf(device.getValue());
            assertThat(count("SELECT COUNT(*) FROM telemetry WHERE device_id = ?", device.getKey()))
                    .isEqualTo(BATCHES_PER_DEVICE * SAMPLES_PER_BATCH * 2L);
        }
        assertThat(acks).hasSize(MOTE_FILES.size());
        assertThat(count(
                        "SELECT COUNT(*) FROM telemetry_batches b WHERE b.device_id LIKE ? AND b.reading_count <>"
                                + " (SELECT COUNT(*) FROM telemetry t WHERE t.device_id = b.device_id"
                                + " AND t.batch_seq = b.batch_seq)",
                        "outage-mote-%"))
                .as("no batch is stored in part")
                .isZero();
    }

    /** Sends the device's batches in order; a 503 is retried with the very same body, as a device would. */
    private void stream(DeviceCredentials device, List<SuthaharanMotes.Sample> samples, AtomicInteger progress)
            throws IOException, InterruptedException {
        TelemetryOperations client = DevicePort.as(device, context).client(TelemetryOperations.class);
        List<TelemetryAck> received = new ArrayList<>();
        acks.put(device.deviceId(), received);
        for (int seq = 1; seq <= BATCHES_PER_DEVICE; seq++) {
            long ts = System.currentTimeMillis();
            int from = (seq - 1) * SAMPLES_PER_BATCH;
            byte[] body = SignedBatches.body(
                            device,
                            seq,
                            ts,
                            SignedBatches.moteReadings(samples.subList(from, from + SAMPLES_PER_BATCH), ts))
                    .getBytes(StandardCharsets.UTF_8);
            while (true) {
                try {
                    received.add(client.ingest(body).join());
                    progress.incrementAndGet();
                    break;
                } catch (CompletionException e) {
                    assertThat(e.getCause()).isInstanceOf(ApiError.class);
                    ApiError error = (ApiError) e.getCause();
                    assertThat(error.status()).as(error.text()).isEqualTo(503);
                    outageErrors.add(json.readValue(error.text(), ErrorResponse.class));
                    error.header("Retry-After").ifPresent(retryAfterHeaders::add);
                    Thread.sleep(200);
                }
            }
        }
    }

    private static void awaitProgress(AtomicInteger progress, int atLeast) throws InterruptedException {
        while (progress.get() < atLeast) {
            Thread.sleep(20);
        }
    }

    private void awaitOutageSeen() throws InterruptedException {
        while (outageErrors.size() < MOTE_FILES.size()) {
            Thread.sleep(50);
        }
    }

    private List<TelemetryAck> storedBatches(String deviceId) throws SQLException {
        List<TelemetryAck> stored = new ArrayList<>();
        try (Connection connection = dataSourceResolver.resolve(dataSource).getConnection();
                PreparedStatement statement = connection.prepareStatement("SELECT batch_seq, reading_count, window_id,"
                        + " received_at FROM telemetry_batches WHERE device_id = ? ORDER BY batch_seq")) {
            statement.setString(1, deviceId);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    long receivedAt = rows.getObject(4, LocalDateTime.class)
                            .toInstant(ZoneOffset.UTC)
                            .toEpochMilli();
                    stored.add(new TelemetryAck(rows.getLong(1), rows.getInt(2), rows.getLong(3), receivedAt));
                }
            }
        }
        return stored;
    }

    private long count(String sql, String parameter) throws SQLException {
        try (Connection connection = dataSourceResolver.resolve(dataSource).getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getLong(1) : 0;
            }
        }
    }
}
