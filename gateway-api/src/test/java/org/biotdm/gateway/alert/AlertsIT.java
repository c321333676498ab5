package org.biotdm.gateway.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.biotdm.gateway.device.DeviceRegistry;
import org.biotdm.gateway.device.DeviceStatus;
import org.biotdm.gateway.device.DevnetAdmin;
import org.biotdm.gateway.grant.GrantChangeResponse;
import org.biotdm.gateway.grant.GrantClient;
import org.biotdm.gateway.grant.GrantRequest;
import org.biotdm.gateway.ingress.DeviceCredentials;
import org.biotdm.gateway.ingress.TestDevicePki;
import org.biotdm.gateway.query.TelemetryBucket;
import org.biotdm.gateway.query.TelemetryQueryClient;
import org.biotdm.gateway.query.TelemetrySeries;
import org.biotdm.gateway.telemetry.PendingBatch;
import org.biotdm.gateway.telemetry.TelemetryAck;
import org.biotdm.gateway.telemetry.TelemetryBatch;
import org.biotdm.gateway.telemetry.TelemetryReading;
import org.biotdm.gateway.telemetry.TelemetryWriter;
import org.biotdm.gateway.testing.ApiError;
import org.biotdm.gateway.testing.Caller;
import org.biotdm.gateway.testing.Route;
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
    AlertClient alerts;

    @Inject
    AlertRuleClient rules;

    @Inject
    GrantClient grants;

    @Inject
    TelemetryQueryClient telemetry;

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    TelemetryWriter writer;

    @Inject
    AlertEngine engine;

    @Inject
    AlertEventCollector events;

    private final List<LabelledMotes.Row> rows =
            LabelledMotes.read("single_hop").get("4").subList(FIRST_ROW, FIRST_ROW + ROWS);
    private String deviceId;
    private String foreignId;
    private Caller admin;
    private TestUsers.Session operatorSession;
    private Caller operator;
    private Caller auditor;
    private Caller otherAdmin;
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
        admin = TestUsers.create(context, 0, ApiRole.ADMIN).caller();
        operatorSession = TestUsers.create(context, 0, ApiRole.OPERATOR);
        operator = operatorSession.caller();
        auditor = TestUsers.create(context, 0, ApiRole.AUDITOR).caller();
        otherAdmin = TestUsers.create(context, 1, ApiRole.ADMIN).caller();
        HttpResponse<GrantChangeResponse> grant = grants.grant(
                admin,
                new GrantRequest(
                        null,
                        operatorSession.user().username(),
                        null,
                        deviceId,
                        null,
                        List.of("reboot"),
                        4102444800000L));
        assertThat(grant.code()).isBetween(200, 201);
        await(() -> succeeds(() -> telemetry.telemetry(deviceId, null, null, null, null, null, null, operator)));
    }

    @Test
    @Order(1)
    void bad_rules_are_refused_with_stable_codes_and_nothing_is_stored() throws Exception {
        // Raw on purpose: the typed client checks a request against the record's constraints before sending it, and a
        // field the record lacks cannot go through it at all; these show what the server answers.
        String valid = "{\"name\":\"wet\",\"scope\":\"device\",\"deviceId\":\"" + deviceId
                + "\",\"sensor\":\"humidity\",\"comparison\":\">\",\"value\":60,\"consecutive\":3,"
                + "\"severity\":\"critical\"}";
        assertThat(rawCreate(valid.replace("}", ",\"extra\":1}"))).isEqualTo("400 INVALID_ARGUMENT");
        assertThat(rawCreate(valid.replace("\">\"", "\"=>\""))).isEqualTo("400 INVALID_ARGUMENT");
        assertThat(rawCreate(valid.replace("\"consecutive\":3", "\"consecutive\":0")))
                .isEqualTo("400 INVALID_ARGUMENT");
        assertThat(rawCreate(valid.replace("critical", "panic"))).isEqualTo("400 INVALID_ARGUMENT");
        assertThat(rawCreate(valid.replace("humidity", "hum|idity"))).isEqualTo("400 INVALID_ARGUMENT");
        assertThat(rawCreate("{\"scope\":\"fleet\",\"deviceId\":\"x\"}")).isEqualTo("400 INVALID_ARGUMENT");
        AlertRuleRequest rule = rule("humidity", ">", 60, 3, "critical");
        assertThat(error(() -> rules.create(rule("humidity", "=>", 60, 3, "critical"), admin)))
                .isEqualTo("400 INVALID_ARGUMENT");
        assertThat(error(() -> rules.create(rule, otherAdmin))).startsWith("403 ");
        assertThat(error(() -> rules.create(rule, auditor))).startsWith("403 ");
        assertThat(error(() -> rules.create(rule, operator))).startsWith("403 ");
        assertThat(rules.list(admin)).isEmpty();
    }

    @Test
    @Order(2)
    void a_rule_fires_exactly_where_n_consecutive_real_readings_match_and_the_detector_flags_the_event()
            throws Exception {
        HttpResponse<AlertRuleResponse> created = rules.create(rule("humidity", ">", 60, 3, "critical"), admin);
        assertThat(created.code()).isEqualTo(201);
        String ruleId = created.body().ruleId();
        assertThat(rules.get(ruleId, operator).ruleId()).isEqualTo(ruleId);
        assertThat(error(() -> rules.get(ruleId, otherAdmin))).startsWith("403 ");

        long before = engine.processedBatches();
        firstTs = System.currentTimeMillis() - ROWS * 5_000L;
        for (int i = 0; i < ROWS; i += 10) {
            commit(i, Math.min(i + 10, ROWS));
        }
        await(() -> engine.processedBatches() >= before + ROWS / 10);

        List<Alert> threshold = alerts.list(deviceId, null, "critical", null, null, null, null, null, operator)
                .items();
        AlertEvaluatorTest.Oracle oracle =
                AlertEvaluatorTest.Oracle.of(rows, row -> Double.parseDouble(row.humidity()) > 60, 3);
        assertThat(threshold).hasSameSizeAs(oracle.raises()).isNotEmpty();
        List<Long> readingTimes = new ArrayList<>();
        oracle.raises().forEach(i -> readingTimes.add(firstTs + i * 5_000L));
        assertThat(threshold).extracting(Alert::readingTs).containsExactlyInAnyOrderElementsOf(readingTimes);
        assertThat(threshold).allSatisfy(a -> assertThat(a.ruleId()).isEqualTo(ruleId));

        List<Alert> anomalies = alerts.list(null, null, "warning", null, null, null, null, null, admin)
                .items();
        assertThat(anomalies).isNotEmpty().allSatisfy(a -> assertThat(a.kind()).isEqualTo("anomaly"));
        assertThat(anomalies).extracting(Alert::readingTs).allSatisfy(ts -> assertThat(ts)
                .isGreaterThanOrEqualTo(firstTs + (2361 - FIRST_ROW) * 5_000L));
        assertThat(events.events()).anySatisfy(e -> {
            assertThat(e.deviceId()).isEqualTo(deviceId);
            assertThat(e.ownerMsp()).isEqualTo("Org1MSP");
            assertThat(e.data()).containsEntry("change", "raised").containsEntry("ruleId", ruleId);
        });
    }

    @Test
    @Order(3)
    void lists_are_filtered_paged_and_limited_to_visible_devices() {
        List<Alert> all = alerts.list(deviceId, null, null, null, null, null, null, null, auditor)
                .items();
        assertThat(all).isNotEmpty();
        assertThat(alerts.list(null, null, null, null, null, null, null, null, otherAdmin)
                        .items())
                .isEmpty();
        assertThat(alerts.list(null, "resolved", null, null, null, null, null, null, admin)
                        .items())
                .isEmpty();

        List<Long> paged = new ArrayList<>();
        String cursor = null;
        do {
            AlertPage page = alerts.list(null, null, null, null, null, null, cursor, 1, operator);
            page.items().forEach(a -> paged.add(a.id()));
            cursor = page.nextCursor();
        } while (cursor != null);
        assertThat(paged).containsExactlyElementsOf(all.stream().map(Alert::id).toList());

        assertThat(error(() -> alerts.list(foreignId, null, null, null, null, null, null, null, admin)))
                .startsWith("403 ");
        assertThat(rawList(Map.of("state", "closed"))).isEqualTo("400 INVALID_ARGUMENT state");
        assertThat(rawList(Map.of("limit", "100000"))).isEqualTo("400 INVALID_ARGUMENT limit");
        assertThat(rawList(Map.of("limit", "201"))).isEqualTo("400 INVALID_ARGUMENT limit");
        assertThat(ApiError.ofRaw(
                                http,
                                HttpRequest.GET(Route.of(AlertClient.class, "list")
                                                .path(Map.of("limit", "201")))
                                        .bearerAuth(admin.accessToken()))
                        .text())
                .as("the bound comes from the setting and is named")
                .contains("must be at most 200 (biotdm.alerts.max-page-size)");
        assertThat(rawList(Map.of("limit", "0"))).isEqualTo("400 INVALID_ARGUMENT limit");
        assertThat(rawList(Map.of("limit", "ten"))).isEqualTo("400 INVALID_ARGUMENT limit");
        assertThat(error(() -> alerts.list(null, null, null, "yesterday", null, null, null, null, admin)))
                .isEqualTo("400 INVALID_ARGUMENT");
        assertThat(rawList(Map.of("device", "x' OR 1=1--"))).isEqualTo("400 INVALID_ARGUMENT device");
        assertThat(rawList(Map.of("severity", "loud"))).isEqualTo("400 INVALID_ARGUMENT severity");
        assertThat(error(() -> alerts.list(null, null, null, null, null, null, "-1", null, admin)))
                .isEqualTo("400 INVALID_ARGUMENT");
    }

    @Test
    @Order(4)
    void operators_acknowledge_admins_resolve_and_auditors_never_write() {
        String id = Long.toString(alerts.list(deviceId, null, null, null, null, null, null, null, admin)
                .items()
                .get(0)
                .id());

        assertThat(error(() -> alerts.acknowledge(id, auditor))).startsWith("403 ");
        assertThat(error(() -> alerts.acknowledge(id, otherAdmin))).isEqualTo("403 ALERT_ACCESS_DENIED");
        Alert acknowledged = alerts.acknowledge(id, operator);
        assertThat(acknowledged.state()).isEqualTo("acknowledged");
        assertThat(acknowledged.acknowledgedBy())
                .isEqualTo(operatorSession.user().username());
        assertThat(error(() -> alerts.acknowledge(id, operator))).isEqualTo("409 ALERT_INVALID_TRANSITION");
        assertThat(alerts.resolve(id, admin).state()).isEqualTo("resolved");
        assertThat(error(() -> alerts.resolve(id, admin))).isEqualTo("409 ALERT_INVALID_TRANSITION");
        assertThat(error(() -> alerts.resolve("999999999", admin))).isEqualTo("404 ALERT_NOT_FOUND");
        assertThat(alerts.list(null, "resolved", null, null, null, null, null, null, auditor)
                        .items())
                .extracting(a -> Long.toString(a.id()))
                .containsExactly(id);
        Alert resolved = alerts.get(id, auditor);
        String changed = Long.toString(resolved.updatedAt());
        assertThat(alerts.list(null, null, null, changed, null, "updated", null, null, auditor)
                        .items())
                .as("filtered by when it last changed, not when it was raised")
                .extracting(a -> Long.toString(a.id()))
                .contains(id);
        assertThat(alerts.list(null, null, null, changed, null, null, null, null, auditor)
                        .items())
                .extracting(a -> Long.toString(a.id()))
                .doesNotContain(id);
        assertThat(alerts.list(null, null, null, "0", null, "cleared", null, null, auditor)
                        .items())
                .as("a resolved alert whose condition never cleared has no clearing time")
                .allSatisfy(a -> assertThat(a.clearedAt()).isNotNull());
        assertThat(rawList(Map.of("by", "raised"))).isEqualTo("400 INVALID_ARGUMENT by");
        assertThat(events.events()).anySatisfy(e -> assertThat(e.data()).containsEntry("change", "resolved"));
    }

    @Nested
    class ChartReads {
        @Test
        void raw_pages_follow_the_cursor_and_buckets_match_the_readings() throws Exception {
            await(() -> firstTs != 0);
            String from = Long.toString(firstTs);
            String to = Long.toString(firstTs + ROWS * 5_000L);
            List<String> values = new ArrayList<>();
            String cursor = null;
            do {
                TelemetrySeries page = telemetry.telemetry(deviceId, "humidity", from, to, null, 50, cursor, auditor);
                page.points().forEach(p -> values.add(p.valueText()));
                cursor = page.nextCursor();
            } while (cursor != null);
            assertThat(values)
                    .containsExactlyElementsOf(
                            rows.stream().map(LabelledMotes.Row::humidity).toList());

            List<TelemetryBucket> buckets = telemetry
                    .telemetry(deviceId, "humidity", from, to, "1m", null, null, operator)
                    .buckets();
            long count = buckets.stream().mapToLong(TelemetryBucket::count).sum();
            double max =
                    buckets.stream().mapToDouble(TelemetryBucket::max).max().orElseThrow();
            assertThat(count).isEqualTo(ROWS);
            assertThat(max)
                    .isEqualTo(rows.stream()
                            .mapToDouble(r -> Double.parseDouble(r.humidity()))
                            .max()
                            .orElseThrow());

            assertThat(error(() -> telemetry.telemetry(deviceId, "humidity", from, to, null, null, null, otherAdmin)))
                    .startsWith("403 ");
            assertThat(rawTelemetry(deviceId, Map.of("bucket", "7w")).statusAndCode())
                    .isEqualTo("400 INVALID_ARGUMENT");
            assertThat(error(() -> telemetry.telemetry(deviceId, null, "0", from, "1s", null, null, admin)))
                    .isEqualTo("400 TELEMETRY_QUERY_TOO_MANY_BUCKETS");
            assertThat(rawTelemetry(deviceId, Map.of("limit", "0")).statusAndCode())
                    .isEqualTo("400 INVALID_ARGUMENT");
            assertThat(rawTelemetry(deviceId, Map.of("limit", "5001")).text())
                    .contains("must be at most 5000 (biotdm.query.max-page-size)");
            assertThat(rawTelemetry(deviceId, Map.of("bucket", "7x")).fields()).containsExactly("bucket");
            assertThat(error(() -> telemetry.telemetry(deviceId, "humidity", from, to, null, null, "abc", admin)))
                    .isEqualTo("400 INVALID_ARGUMENT");
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

    private AlertRuleRequest rule(String sensor, String comparison, double value, int consecutive, String severity) {
        return new AlertRuleRequest(
                "wet", "device", deviceId, null, sensor, comparison, value, consecutive, severity, null);
    }

    private String rawCreate(String body) {
        HttpRequest<?> request = HttpRequest.POST(
                        Route.of(AlertRuleClient.class, "create").path(), body)
                .bearerAuth(admin.accessToken());
        try {
            return http.toBlocking().exchange(request, String.class).code() + " ";
        } catch (HttpClientResponseException e) {
            Matcher code = Pattern.compile("\"code\"\\s*:\\s*\"([A-Z_]+)\"")
                    .matcher(e.getResponse().getBody(String.class).orElse(""));
            return e.getStatus().getCode() + " " + (code.find() ? code.group(1) : "");
        }
    }

    /** Lists alerts with query values the typed client would refuse before sending; status, code and fields. */
    private String rawList(Map<String, String> query) {
        HttpRequest<?> request =
                HttpRequest.GET(Route.of(AlertClient.class, "list").path(query)).bearerAuth(admin.accessToken());
        try {
            return http.toBlocking().exchange(request, String.class).code() + " ";
        } catch (HttpClientResponseException e) {
            ApiError error = ApiError.from(e);
            return error.status() + " " + error.code() + " " + String.join(",", error.fields());
        }
    }

    private ApiError rawTelemetry(String deviceId, Map<String, String> query) {
        Map<String, String> parameters = new java.util.HashMap<>(query);
        parameters.put("deviceId", deviceId);
        return ApiError.ofRaw(
                http,
                HttpRequest.GET(Route.of(TelemetryQueryClient.class, "telemetry")
                                .path(parameters))
                        .bearerAuth(admin.accessToken()));
    }

    private static String error(ThrowingCallable call) {
        ApiError error = ApiError.of(call);
        return error.status() + " " + error.code();
    }

    private static boolean succeeds(Runnable call) {
        try {
            call.run();
            return true;
        } catch (ApiError e) {
            return false;
        }
    }

    /** Polls a condition for up to 60 s; the assertions that follow decide. */
    private static void await(BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() - end < 0) {
            Thread.sleep(50);
        }
    }
}
