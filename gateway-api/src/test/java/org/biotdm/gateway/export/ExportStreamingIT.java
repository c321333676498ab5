package org.biotdm.gateway.export;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.jdbc.DataSourceResolver;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.biotdm.gateway.device.DeviceRegistry;
import org.biotdm.gateway.device.DeviceStatus;
import org.biotdm.gateway.device.DevnetAdmin;
import org.biotdm.gateway.ingress.DeviceCredentials;
import org.biotdm.gateway.ingress.TestDevicePki;
import org.biotdm.gateway.testing.ApiError;
import org.biotdm.gateway.testing.Route;
import org.biotdm.gateway.testing.TestDevnet;
import org.biotdm.gateway.testing.TestMariaDb;
import org.biotdm.gateway.testing.TestUsers;
import org.biotdm.gateway.users.ApiRole;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Exports on the running gateway: 300 000 readings generated from the real Suthaharan mote readings (the single-hop
 * file's humidity and temperature, repeated) are streamed as JSON while the test reads slowly, showing the server had
 * read only part of the rows from MariaDB when the first bytes arrived; CSV shape, the audit trail from the dev
 * network, and refusals. The requests are raw on purpose: the test reads the streamed body byte by byte as it
 * arrives, which a declarative client (it buffers the whole {@code StreamedFile}) cannot show.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExportStreamingIT implements TestPropertyProvider {
    private static final TestDevicePki PKI = TestDevicePki.create("Org1 export test device CA");
    private static final Path WSN = Path.of("..", "..", "shared", "data", "suthaharan_wsn", "single_hop", "data.csv");
    private static final int ROWS = 300_000;
    private static final Route TELEMETRY = Route.of(ExportController.class, "telemetry");
    private static final Route AUDIT = Route.of(ExportController.class, "audit");
    private static final Route ALERTS = Route.of(ExportController.class, "alerts");

    @Inject
    ApplicationContext context;

    @Inject
    EmbeddedServer server;

    @Inject
    ExportMetrics metrics;

    @Inject
    DataSource dataSource;

    @Inject
    DataSourceResolver resolver;

    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private String deviceId;
    private TestUsers.Session auditor;
    private TestUsers.Session otherAdmin;
    private long firstTs;

    @Override
    public Map<String, String> getProperties() {
        try {
            Path dir = Files.createTempDirectory(
                    Files.createDirectories(Path.of("target", "it-data")).toAbsolutePath(), "export-");
            Map<String, String> properties = new HashMap<>();
            TestDevnet.ledgerProperties(0).forEach((k, v) -> properties.put(k, String.valueOf(v)));
            TestMariaDb.datasourceProperties("export").forEach((k, v) -> properties.put(k, String.valueOf(v)));
            properties.put("biotdm.data-dir", dir.toString());
            properties.put("biotdm.ingress.port", "0");
            properties.put("biotdm.ingress.client-ca-certs", PKI.writeCaPem(dir).toString());
            properties.put("biotdm.anchoring.enabled", "false");
            properties.put("biotdm.rate-limits.enabled", "false");
            properties.put("micronaut.server.port", "-1");
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @BeforeAll
    void a_device_with_300k_readings() throws Exception {
        deviceId = "export-mote-" + System.nanoTime();
        DeviceCredentials credentials = PKI.issue(deviceId);
        try (DevnetAdmin ledger = DevnetAdmin.connect(0)) {
            ledger.registerWithKey(deviceId, credentials.keys().getPublic(), credentials.fingerprint());
            ledger.lifecycle("ActivateDevice", deviceId);
        }
        DeviceRegistry registry = context.getBean(DeviceRegistry.class);
        await(() -> registry.find(deviceId)
                .map(d -> d.status() == DeviceStatus.ACTIVE)
                .orElse(false));
        auditor = TestUsers.create(context, 0, ApiRole.AUDITOR);
        otherAdmin = TestUsers.create(context, 1, ApiRole.ADMIN);
        insertReadings();
    }

    @Test
    void a_large_json_export_streams_while_the_server_has_read_only_part_of_the_rows() throws Exception {
        long before = metrics.rowsRead();
        HttpResponse<InputStream> response = http.send(
                request(telemetry(Map.of("format", "json", "from", firstTs)), auditor),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));

        long rows;
        try (BufferedReader body =
                new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8), 8192)) {
            String first = body.readLine();
            assertThat(first).startsWith("[{\"id\":");
            // The client has the first row; the server must not have read (let alone buffered) every row yet.
            Thread.sleep(500);
            long readWhenFirstArrived = metrics.rowsRead() - before;
            assertThat(readWhenFirstArrived).isPositive().isLessThan(ROWS / 2);
            rows = 1;
            for (String line = body.readLine(); line != null; line = body.readLine()) {
                if (line.startsWith(",{") || line.startsWith("{")) {
                    rows++;
                }
            }
        }
        assertThat(rows).isEqualTo(ROWS);
        assertThat(metrics.rowsRead() - before).isEqualTo(ROWS);
        await(() -> metrics.active() == 0);
        assertThat(metrics.active()).isZero();
    }

    @Test
    void a_csv_export_of_one_sensor_has_a_header_and_the_exact_values() throws Exception {
        List<String> wsn = Files.readAllLines(WSN, StandardCharsets.UTF_8);
        long to = firstTs + 10 * 5_000L;
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(uri(telemetry(Map.of("sensor", "temperature", "from", firstTs, "to", to))))
                        .header("Authorization", auditor.bearer())
                        .header("Accept", "text/csv")
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Disposition"))
                .hasValue("attachment; filename=\"telemetry-" + deviceId + ".csv\"");
        List<String> lines = response.body().lines().toList();
        assertThat(lines.get(0)).isEqualTo("deviceId,id,sensor,ts,valueText,kind,unit,receivedAt");
        assertThat(lines.subList(1, lines.size()))
                .extracting(l -> l.split(",")[4])
                .containsExactlyElementsOf(
                        wsn.subList(1, 11).stream().map(l -> l.split(",")[4]).toList());
    }

    @Test
    void the_audit_trail_export_holds_the_ledger_history_and_alerts_export_shape() throws Exception {
        HttpResponse<String> csv = http.send(
                request(AUDIT.path(Map.of("deviceId", deviceId, "format", "csv")), auditor),
                HttpResponse.BodyHandlers.ofString());
        assertThat(csv.statusCode()).as(csv.body()).isEqualTo(200);
        List<String> lines = csv.body().lines().toList();
        assertThat(lines.get(0)).isEqualTo("txId,timestamp,deleted,actorId,actorMsp,record");
        assertThat(lines).hasSizeGreaterThanOrEqualTo(3);
        assertThat(lines.get(1)).contains("ACTIVE");

        HttpResponse<String> alerts = http.send(
                request(ALERTS.path(Map.of("format", "json")), auditor), HttpResponse.BodyHandlers.ofString());
        assertThat(alerts.statusCode()).isEqualTo(200);
        assertThat(alerts.body().trim()).isEqualTo("[]");
    }

    @Test
    void refusals_come_before_anything_is_streamed() throws Exception {
        assertThat(send(telemetry(Map.of()), otherAdmin)).startsWith("403 ");
        assertThat(send(telemetry(Map.of("format", "xml")), auditor)).isEqualTo("400 INVALID_ARGUMENT");
        assertThat(send(telemetry(Map.of("from", "2024-13-01T00:00:00Z")), auditor))
                .isEqualTo("400 INVALID_ARGUMENT");
        assertThat(send(telemetry(Map.of("sensor", "a|b")), auditor)).isEqualTo("400 INVALID_ARGUMENT");
        assertThat(send(AUDIT.path(Map.of("deviceId", deviceId)), otherAdmin)).startsWith("403 ");
        ApiError loud = ApiError.from(http.send(
                request(ALERTS.path(Map.of("severity", "loud")), auditor), HttpResponse.BodyHandlers.ofString()));
        assertThat(loud.status() + " " + loud.code()).isEqualTo("400 INVALID_ARGUMENT");
        assertThat(loud.fields()).containsExactly("severity");
        assertThat(metrics.active()).isZero();
    }

    private void insertReadings() throws Exception {
        List<String> wsn = Files.readAllLines(WSN, StandardCharsets.UTF_8).subList(1, 18_915);
        long now = System.currentTimeMillis();
        firstTs = now - (ROWS / 2 + 10) * 5_000L;
        StringBuilder sql = new StringBuilder("INSERT INTO telemetry (received_at, device_id, batch_seq, sensor, ts,"
                + " value_num, value_text, value_kind, unit, window_id) VALUES ");
        int perStatement = 1000;
        for (int i = 0; i < perStatement; i++) {
            sql.append(i == 0 ? "" : ",").append("(?,?,?,?,?,?,?,'N',?,0)");
        }
        try (Connection c = resolver.resolve(dataSource).getConnection();
                PreparedStatement s = c.prepareStatement(sql.toString())) {
            for (int start = 0; start < ROWS; start += perStatement) {
                int p = 1;
                for (int r = start; r < start + perStatement; r++) {
                    int sample = r / 2;
                    String[] f = wsn.get(sample % wsn.size()).split(",");
                    boolean humidity = r % 2 == 0;
                    String value = humidity ? f[3] : f[4];
                    // Committed a second after the reading, as ingest would (the range queries rely on it).
                    s.setObject(
                            p++,
                            LocalDateTime.ofInstant(
                                    Instant.ofEpochMilli(firstTs + sample * 5_000L + 1_000L), ZoneOffset.UTC));
                    s.setString(p++, deviceId);
                    s.setLong(p++, sample);
                    s.setString(p++, humidity ? "humidity" : "temperature");
                    s.setLong(p++, firstTs + sample * 5_000L);
                    s.setDouble(p++, Double.parseDouble(value));
                    s.setString(p++, value);
                    s.setString(p++, humidity ? "%RH" : "C");
                }
                s.executeUpdate();
            }
        }
    }

    private String send(String path, TestUsers.Session person) throws Exception {
        HttpResponse<String> response = http.send(request(path, person), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() + " "
                + (response.statusCode() < 400 ? "" : ApiError.from(response).code());
    }

    private String telemetry(Map<String, Object> query) {
        Map<String, Object> values = new LinkedHashMap<>(query);
        values.put("deviceId", deviceId);
        return TELEMETRY.path(values);
    }

    private HttpRequest request(String path, TestUsers.Session person) {
        return HttpRequest.newBuilder(uri(path))
                .timeout(Duration.ofMinutes(5))
                .header("Authorization", person.bearer())
                .build();
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + server.getPort() + path);
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() - end < 0) {
            Thread.sleep(50);
        }
    }
}
