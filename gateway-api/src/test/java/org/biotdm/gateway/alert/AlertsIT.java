package org.biotdm.gateway.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import org.biotdm.gateway.device.DeviceRegistry;
import org.biotdm.gateway.device.DeviceStatus;
import org.biotdm.gateway.device.DevnetAdmin;
import org.biotdm.gateway.ingress.DeviceCredentials;
import org.biotdm.gateway.ingress.TestDevicePki;
import org.biotdm.gateway.telemetry.PendingBatch;
import org.biotdm.gateway.telemetry.TelemetryAck;
import org.biotdm.gateway.telemetry.TelemetryBatch;
import org.biotdm.gateway.telemetry.TelemetryReading;
import org.biotdm.gateway.telemetry.TelemetryWriter;
import org.biotdm.gateway.testing.TestDevnet;
import org.biotdm.gateway.testing.TestMariaDb;
import org.biotdm.gateway.testing.TestUsers;
import org.biotdm.gateway.users.ApiRole;
import org.biotdm.protocol.telemetry.ValueKind;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Alerts end to end on the running gateway: a device registered on the dev network, real people (admin, operator
 * with a grant, auditor of Org1; admin of Org2), a rule created over HTTP, real mote readings (Suthaharan single-hop
 * mote 4 around its labelled event) committed by the telemetry writer, evaluated by the alert engine through the
 * commit hook, then listed, filtered, acknowledged and resolved over HTTP; plus the chart reads of the same readings.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AlertsIT implements TestPropertyProvider {
    private static final TestDevicePki PKI = TestDevicePki.create("Org1 alerts test device CA");
    /** Rows 2280–2419 of mote 4: 81 normal rows (the detector warms up), the labelled event from row 2361. */
    private static final int FIRST_ROW = 2280;

    private static final int ROWS = 140;

    @Inject
    ApplicationContext context;

    @Inject
    EmbeddedServer server;

    @Inject
    TelemetryWriter writer;

    @Inject
    AlertEngine engine;

    @Inject
    AlertEventCollector events;

    @Inject
    JsonMapper json;

    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final List<LabelledMotes.Row> rows =
            LabelledMotes.read("single_hop").get("4").subList(FIRST_ROW, FIRST_ROW + ROWS);
    private String deviceId;
    private String foreignId;
    private TestUsers.Session admin;
    private TestUsers.Session operator;
    private TestUsers.Session auditor;
    private TestUsers.Session otherAdmin;
    private long firstTs;

    @Override
    public Map<String, String> getProperties() {
        try {
            Path dir = Files.createTempDirectory(
                    Files.createDirectories(Path.of("target", "it-data")).toAbsolutePath(), "alerts-");
            Map<String, String> properties = new HashMap<>();
            TestDevnet.ledgerProperties(0).forEach((k, v) -> properties.put(k, String.valueOf(v)));
            TestMariaDb.datasourceProperties("alerts").forEach((k, v) -> properties.put(k, String.valueOf(v)));
            properties.put("biotdm.data-dir", dir.toString());
            properties.put("biotdm.ingress.port", "0");
            properties.put("biotdm.ingress.client-ca-certs", PKI.writeCaPem(dir).toString());
            properties.put("biotdm.anchoring.enabled", "false");
            properties.put("biotdm.test.alert-events", "true");
            properties.put("biotdm.rate-limits.enabled", "false");
            properties.put("micronaut.server.port", "-1");
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @BeforeAll
    void devices_people_and_a_grant() throws Exception {
        deviceId = register(0, "alert-mote");
        foreignId = register(1, "alert-foreign");
        admin = TestUsers.create(context, 0, ApiRole.ADMIN);
        operator = TestUsers.create(context, 0, ApiRole.OPERATOR);
        auditor = TestUsers.create(context, 0, ApiRole.AUDITOR);
        otherAdmin = TestUsers.create(context, 1, ApiRole.ADMIN);
        HttpResponse<String> grant = call(
                "POST",
                "/api/v1/grants",
                admin,
                "{\"username\":\"" + operator.user().username() + "\",\"deviceId\":\"" + deviceId
                        + "\",\"commandTypes\":[\"reboot\"],\"expiresAt\":4102444800000}");
        assertThat(grant.statusCode()).as(grant.body()).isBetween(200, 201);
        await(() -> status("GET", "/api/v1/devices/" + deviceId + "/telemetry", operator) == 200);
    }

    @Test
    @Order(1)
    void bad_rules_are_refused_with_stable_codes_and_nothing_is_stored() throws Exception {
        String valid = rule("humidity", ">", "60", 3);
        assertThat(error("POST", "/api/v1/alert-rules", admin, valid.replace("}", ",\"extra\":1}")))
                .isEqualTo("400 INVALID_ARGUMENT");
        assertThat(error("POST", "/api/v1/alert-rules", admin, valid.replace("\">\"", "\"=>\"")))
                .isEqualTo("400 INVALID_ARGUMENT");
        assertThat(error("POST", "/api/v1/alert-rules", admin, valid.replace("\"consecutive\":3", "\"consecutive\":0")))
                .isEqualTo("400 INVALID_ARGUMENT");
        assertThat(error("POST", "/api/v1/alert-rules", admin, valid.replace("critical", "panic")))
                .isEqualTo("400 INVALID_ARGUMENT");
        assertThat(error("POST", "/api/v1/alert-rules", admin, valid.replace("humidity", "hum'; DROP TABLE alerts;--")))
                .isEqualTo("400 INVALID_ARGUMENT");
        assertThat(error("POST", "/api/v1/alert-rules", admin, "{\"scope\":\"fleet\",\"deviceId\":\"x\"}"))
                .isEqualTo("400 INVALID_ARGUMENT");
        assertThat(error("POST", "/api/v1/alert-rules", otherAdmin, valid)).startsWith("403 ");
        assertThat(error("POST", "/api/v1/alert-rules", auditor, valid)).startsWith("403 ");
        assertThat(error("POST", "/api/v1/alert-rules", operator, valid)).startsWith("403 ");
        assertThat(json(call("GET", "/api/v1/alert-rules", admin, null).body())).isEmpty();
    }

    @Test
    @Order(2)
    void a_rule_fires_exactly_where_n_consecutive_real_readings_match_and_the_detector_flags_the_event()
            throws Exception {
        HttpResponse<String> created = call("POST", "/api/v1/alert-rules", admin, rule("humidity", ">", "60", 3));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String ruleId = (String) map(created.body()).get("ruleId");
        assertThat(status("GET", "/api/v1/alert-rules/" + ruleId, operator)).isEqualTo(200);
        assertThat(status("GET", "/api/v1/alert-rules/" + ruleId, otherAdmin)).isEqualTo(403);

        long before = engine.processedBatches();
        firstTs = System.currentTimeMillis() - ROWS * 5_000L;
        for (int i = 0; i < ROWS; i += 10) {
            commit(i, Math.min(i + 10, ROWS));
        }
        await(() -> engine.processedBatches() >= before + ROWS / 10);

        List<Map<String, Object>> threshold =
                items(call("GET", "/api/v1/alerts?device=" + deviceId + "&severity=critical", operator, null));
        AlertEvaluatorTest.Oracle oracle =
                AlertEvaluatorTest.Oracle.of(rows, row -> Double.parseDouble(row.humidity()) > 60, 3);
        assertThat(threshold).hasSameSizeAs(oracle.raises()).isNotEmpty();
        List<Long> readingTimes = new ArrayList<>();
        oracle.raises().forEach(i -> readingTimes.add(firstTs + i * 5_000L));
        assertThat(threshold)
                .extracting(a -> ((Number) a.get("readingTs")).longValue())
                .containsExactlyInAnyOrderElementsOf(readingTimes);
        assertThat(threshold).allSatisfy(a -> assertThat(a).containsEntry("ruleId", ruleId));

        List<Map<String, Object>> anomalies = items(call("GET", "/api/v1/alerts?severity=warning", admin, null));
        assertThat(anomalies).isNotEmpty().allSatisfy(a -> assertThat(a).containsEntry("kind", "anomaly"));
        assertThat(anomalies)
                .extracting(a -> ((Number) a.get("readingTs")).longValue())
                .allSatisfy(ts -> assertThat(ts).isGreaterThanOrEqualTo(firstTs + (2361 - FIRST_ROW) * 5_000L));
        assertThat(events.events()).anySatisfy(e -> {
            assertThat(e.deviceId()).isEqualTo(deviceId);
            assertThat(e.ownerMsp()).isEqualTo("Org1MSP");
            assertThat(e.data()).containsEntry("change", "raised").containsEntry("ruleId", ruleId);
        });
    }

    @Test
    @Order(3)
    void lists_are_filtered_paged_and_limited_to_visible_devices() throws Exception {
        List<Map<String, Object>> all = items(call("GET", "/api/v1/alerts?device=" + deviceId, auditor, null));
        assertThat(all).isNotEmpty();
        assertThat(items(call("GET", "/api/v1/alerts", otherAdmin, null))).isEmpty();
        assertThat(items(call("GET", "/api/v1/alerts?state=resolved", admin, null)))
                .isEmpty();

        List<Object> paged = new ArrayList<>();
        String cursor = null;
        do {
            Map<String, Object> page = map(
                    call("GET", "/api/v1/alerts?limit=1" + (cursor == null ? "" : "&cursor=" + cursor), operator, null)
                            .body());
            ((List<?>) page.get("items")).forEach(a -> paged.add(((Map<?, ?>) a).get("id")));
            cursor = (String) page.get("nextCursor");
        } while (cursor != null);
        assertThat(paged)
                .containsExactlyElementsOf(all.stream().map(a -> a.get("id")).toList());

        assertThat(error("GET", "/api/v1/alerts?device=" + foreignId, admin, null))
                .startsWith("403 ");
        assertThat(error("GET", "/api/v1/alerts?state=closed", admin, null)).isEqualTo("400 INVALID_ARGUMENT");
        assertThat(error("GET", "/api/v1/alerts?limit=100000", admin, null)).isEqualTo("400 INVALID_ARGUMENT");
        assertThat(error("GET", "/api/v1/alerts?from=yesterday", admin, null)).isEqualTo("400 INVALID_ARGUMENT");
        assertThat(error("GET", "/api/v1/alerts?device=x%27%20OR%201=1--", admin, null))
                .isEqualTo("400 INVALID_ARGUMENT");
        assertThat(error("GET", "/api/v1/alerts?cursor=-1", admin, null)).isEqualTo("400 INVALID_ARGUMENT");
    }

    @Test
    @Order(4)
    void operators_acknowledge_admins_resolve_and_auditors_never_write() throws Exception {
        Object id = items(call("GET", "/api/v1/alerts?device=" + deviceId, admin, null))
                .get(0)
                .get("id");
        String path = "/api/v1/alerts/" + id;

        assertThat(status("POST", path + "/acknowledge", auditor)).isEqualTo(403);
        assertThat(error("POST", path + "/acknowledge", otherAdmin, null)).isEqualTo("403 ALERT_ACCESS_DENIED");
        HttpResponse<String> acknowledged = call("POST", path + "/acknowledge", operator, null);
        assertThat(acknowledged.statusCode()).as(acknowledged.body()).isEqualTo(200);
        assertThat(map(acknowledged.body()))
                .containsEntry("state", "acknowledged")
                .containsEntry("acknowledgedBy", operator.user().username());
        assertThat(error("POST", path + "/acknowledge", operator, null)).isEqualTo("409 ALERT_INVALID_TRANSITION");
        assertThat(map(call("POST", path + "/resolve", admin, null).body())).containsEntry("state", "resolved");
        assertThat(error("POST", path + "/resolve", admin, null)).isEqualTo("409 ALERT_INVALID_TRANSITION");
        assertThat(error("POST", "/api/v1/alerts/999999999/resolve", admin, null))
                .isEqualTo("404 ALERT_NOT_FOUND");
        assertThat(items(call("GET", "/api/v1/alerts?state=resolved", auditor, null)))
                .extracting(a -> a.get("id"))
                .containsExactly(id);
        assertThat(events.events()).anySatisfy(e -> assertThat(e.data()).containsEntry("change", "resolved"));
    }

    @Nested
    class ChartReads {
        @Test
        void raw_pages_follow_the_cursor_and_buckets_match_the_readings() throws Exception {
            await(() -> firstTs != 0);
            String base = "/api/v1/devices/" + deviceId + "/telemetry?sensor=humidity&from=" + firstTs + "&to="
                    + (firstTs + ROWS * 5_000L);
            List<Object> values = new ArrayList<>();
            String cursor = null;
            do {
                Map<String, Object> page =
                        map(call("GET", base + "&limit=50" + (cursor == null ? "" : "&cursor=" + cursor), auditor, null)
                                .body());
                ((List<?>) page.get("points")).forEach(p -> values.add(((Map<?, ?>) p).get("valueText")));
                cursor = (String) page.get("nextCursor");
            } while (cursor != null);
            assertThat(values)
                    .containsExactlyElementsOf(
                            rows.stream().map(LabelledMotes.Row::humidity).toList());

            Map<String, Object> buckets =
                    map(call("GET", base + "&bucket=1m", operator, null).body());
            List<?> list = (List<?>) buckets.get("buckets");
            long count = list.stream()
                    .mapToLong(b -> ((Number) ((Map<?, ?>) b).get("count")).longValue())
                    .sum();
            double max = list.stream()
                    .mapToDouble(b -> ((Number) ((Map<?, ?>) b).get("max")).doubleValue())
                    .max()
                    .orElseThrow();
            assertThat(count).isEqualTo(ROWS);
            assertThat(max)
                    .isEqualTo(rows.stream()
                            .mapToDouble(r -> Double.parseDouble(r.humidity()))
                            .max()
                            .orElseThrow());

            assertThat(status("GET", base, otherAdmin)).isEqualTo(403);
            assertThat(error("GET", base + "&bucket=7w", admin, null)).isEqualTo("400 INVALID_ARGUMENT");
            assertThat(error(
                            "GET",
                            "/api/v1/devices/" + deviceId + "/telemetry?bucket=1s&from=0&to=" + firstTs,
                            admin,
                            null))
                    .isEqualTo("400 TELEMETRY_QUERY_TOO_MANY_BUCKETS");
            assertThat(error("GET", base + "&limit=0", admin, null)).isEqualTo("400 INVALID_ARGUMENT");
            assertThat(error("GET", base + "&cursor=abc", admin, null)).isEqualTo("400 INVALID_ARGUMENT");
        }
    }

    private void commit(int from, int to) throws Exception {
        List<TelemetryReading> readings = new ArrayList<>();
        for (int i = from; i < to; i++) {
            long ts = firstTs + i * 5_000L;
            LabelledMotes.Row row = rows.get(i);
            readings.add(new TelemetryReading(
                    "humidity", ValueKind.N, row.humidity(), Double.parseDouble(row.humidity()), "%RH", ts));
            readings.add(new TelemetryReading(
                    "temperature", ValueKind.N, row.temperature(), Double.parseDouble(row.temperature()), "C", ts));
        }
        CompletableFuture<TelemetryAck> ack = writer.submit(new PendingBatch(
                deviceId,
                new TelemetryBatch(from, firstTs + to * 5_000L, readings, new byte[0]),
                "sha-" + from,
                false,
                new CompletableFuture<>()));
        assertThat(ack.get().accepted()).isEqualTo(readings.size());
    }

    private String register(int org, String prefix) throws Exception {
        String id = prefix + "-" + System.nanoTime();
        DeviceCredentials credentials = PKI.issue(id);
        try (DevnetAdmin ledger = DevnetAdmin.connect(org)) {
            ledger.registerWithKey(id, credentials.keys().getPublic(), credentials.fingerprint());
            ledger.lifecycle("ActivateDevice", id);
        }
        DeviceRegistry registry = context.getBean(DeviceRegistry.class);
        await(() ->
                registry.find(id).map(d -> d.status() == DeviceStatus.ACTIVE).orElse(false));
        return id;
    }

    private String rule(String sensor, String comparison, String value, int consecutive) {
        return "{\"name\":\"wet\",\"scope\":\"device\",\"deviceId\":\"" + deviceId + "\",\"sensor\":\"" + sensor
                + "\",\"comparison\":\"" + comparison + "\",\"value\":" + value + ",\"consecutive\":" + consecutive
                + ",\"severity\":\"critical\"}";
    }

    private HttpResponse<String> call(String method, String path, TestUsers.Session person, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + server.getPort() + path))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", person.bearer())
                .header("Content-Type", "application/json")
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private int status(String method, String path, TestUsers.Session person) {
        try {
            return call(method, path, person, null).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    private String error(String method, String path, TestUsers.Session person, String body) throws Exception {
        HttpResponse<String> response = call(method, path, person, body);
        return response.statusCode() + " " + map(response.body()).get("code");
    }

    private Map<String, Object> map(String body) throws IOException {
        @SuppressWarnings("unchecked")
        Map<String, Object> map = json.readValue(body, Map.class);
        return map;
    }

    private List<Map<String, Object>> json(String body) throws IOException {
        return json.readValue(body, Argument.listOf(Argument.mapOf(String.class, Object.class)));
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> items(HttpResponse<String> response) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return (List<Map<String, Object>>) map(response.body()).get("items");
    }

    /** Polls a condition for up to 60 s; the assertions that follow decide. */
    private static void await(BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() - end < 0) {
            Thread.sleep(50);
        }
    }
}
