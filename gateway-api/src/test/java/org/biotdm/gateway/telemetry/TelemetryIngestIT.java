package org.biotdm.gateway.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import io.micronaut.jdbc.DataSourceResolver;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import javax.sql.DataSource;
import org.biotdm.gateway.device.DeviceStatus;
import org.biotdm.gateway.error.ErrorResponse;
import org.biotdm.gateway.ingress.DeviceCredentials;
import org.biotdm.gateway.ingress.DeviceIngressCertificates;
import org.biotdm.gateway.ingress.DeviceIngressServer;
import org.biotdm.gateway.ingress.DevicePort;
import org.biotdm.gateway.ingress.InMemoryDeviceRegistry;
import org.biotdm.gateway.ingress.TestDevicePki;
import org.biotdm.gateway.provisioning.ProvisioningOperations;
import org.biotdm.gateway.testing.ApiError;
import org.biotdm.gateway.testing.Route;
import org.biotdm.gateway.testing.TestMariaDb;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Signed telemetry through real mutual TLS on the device port, into the shared embedded MariaDB, with real mote
 * readings (Suthaharan, single-hop motes 1–4).
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TelemetryIngestIT implements TestPropertyProvider {
    private static final TestDevicePki PKI = TestDevicePki.create("Org1 device CA");
    private static final TestDevicePki FOREIGN_PKI = TestDevicePki.create("Foreign device CA");
    private static final List<SuthaharanMotes.Sample> MOTE_1 =
            SuthaharanMotes.singleHop("singlehop_indoor_moteid1_data.txt");
    private static final List<SuthaharanMotes.Sample> MOTE_2 =
            SuthaharanMotes.singleHop("singlehop_indoor_moteid2_data.txt");

    @Inject
    EmbeddedServer apiServer;

    @Inject
    DeviceIngressServer deviceServer;

    @Inject
    DeviceIngressCertificates certificates;

    @Inject
    InMemoryDeviceRegistry registry;

    @Inject
    TelemetryWriter writer;

    @Inject
    DataSource dataSource;

    @Inject
    DataSourceResolver dataSourceResolver;

    @Inject
    JsonMapper json;

    private static final Route TELEMETRY = Route.of(TelemetryOperations.class, "ingest");

    private final Map<String, DeviceCredentials> devices = new HashMap<>();
    private final Map<String, TelemetryOperations> clients = new HashMap<>();

    @Inject
    ApplicationContext context;

    @Override
    public Map<String, String> getProperties() {
        try {
            Path dir = Files.createTempDirectory(
                    Files.createDirectories(Path.of("target", "it-data")).toAbsolutePath(), "ingest-");
            Map<String, String> properties = new HashMap<>();
            TestMariaDb.datasourceProperties("ingest").forEach((k, v) -> properties.put(k, v.toString()));
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

    @BeforeAll
    void register_devices() {
        for (String id : List.of("mote-1", "mote-2", "mote-3", "mote-4", "mote-suspended", "mote-replay", "mote-dup")) {
            DeviceCredentials credentials = PKI.issue(id);
            devices.put(id, credentials);
            registry.put(credentials.record(DeviceStatus.ACTIVE));
            clients.put(id, DevicePort.as(credentials, context).client(TelemetryOperations.class));
        }
        registry.put(devices.get("mote-suspended").record(DeviceStatus.SUSPENDED));
    }

    @Nested
    class Ingest {
        @Test
        void signed_batch_is_committed_with_the_exact_values_and_acknowledged() throws Exception {
            long ts = System.currentTimeMillis();
            List<SignedBatches.Reading> readings = SignedBatches.moteReadings(MOTE_1.subList(0, 3), ts);

            TelemetryAck ack = post("mote-1", SignedBatches.body(devices.get("mote-1"), 1, ts, readings));

            assertThat(ack.seq()).isEqualTo(1);
            assertThat(ack.accepted()).isEqualTo(6);
            assertThat(ack.receivedAt()).isBetween(ts - 1000, System.currentTimeMillis());
            assertThat(ack.windowId()).isGreaterThanOrEqualTo(Math.floorDiv(ack.receivedAt(), 10_000L));
            assertThat(storedValues("mote-1", 1))
                    .containsExactly(
                            "humidity|N|" + MOTE_1.get(0).humidity() + "|%RH|" + ack.windowId(),
                            "temperature|N|" + MOTE_1.get(0).temperature() + "|C|" + ack.windowId(),
                            "humidity|N|" + MOTE_1.get(1).humidity() + "|%RH|" + ack.windowId(),
                            "temperature|N|" + MOTE_1.get(1).temperature() + "|C|" + ack.windowId(),
                            "humidity|N|" + MOTE_1.get(2).humidity() + "|%RH|" + ack.windowId(),
                            "temperature|N|" + MOTE_1.get(2).temperature() + "|C|" + ack.windowId());
            assertThat(count("SELECT COUNT(*) FROM anchor_windows WHERE window_id = " + ack.windowId()
                            + " AND status = 'OPEN'"))
                    .isEqualTo(1);
        }

        @Test
        void state_and_boolean_values_are_stored_as_signed() throws Exception {
            long ts = System.currentTimeMillis();
            List<SignedBatches.Reading> readings = List.of(
                    new SignedBatches.Reading("relay", "\"ON\"", null, null),
                    new SignedBatches.Reading("door.open", "true", null, ts - 2_000));

            long windowId = post("mote-2", SignedBatches.body(devices.get("mote-2"), 1, ts, readings))
                    .windowId();
            assertThat(storedValues("mote-2", 1))
                    .containsExactly("relay|S|ON||" + windowId, "door.open|B|true||" + windowId);
        }

        @Test
        void replayed_sequence_number_is_refused_and_numbers_inside_the_window_are_accepted_once() throws Exception {
            DeviceCredentials device = devices.get("mote-replay");
            long ts = System.currentTimeMillis();
            List<SignedBatches.Reading> readings = SignedBatches.moteReadings(MOTE_2.subList(0, 1), ts);

            assertThat(post("mote-replay", SignedBatches.body(device, 100, ts, readings))
                            .seq())
                    .isEqualTo(100);
            ApiError replay = refused("mote-replay", SignedBatches.body(device, 36, ts, readings));
            TelemetryAck inside = post("mote-replay", SignedBatches.body(device, 37, ts, readings));

            assertError(replay, 409, "TELEMETRY_REPLAYED");
            assertThat(inside.seq()).isEqualTo(37);
            assertThat(count("SELECT COUNT(*) FROM telemetry_batches WHERE device_id = 'mote-replay'"))
                    .isEqualTo(2);
        }

        @Test
        void duplicate_batch_gets_the_original_ack_and_adds_nothing_but_a_changed_one_conflicts() throws Exception {
            DeviceCredentials device = devices.get("mote-dup");
            long ts = System.currentTimeMillis();
            List<SignedBatches.Reading> readings = SignedBatches.moteReadings(MOTE_2.subList(10, 12), ts);
            String body = SignedBatches.body(device, 5, ts, readings);

            TelemetryAck first = post("mote-dup", body);
            Thread.sleep(20);
            TelemetryAck again = post("mote-dup", body);
            TelemetryAck resigned = post("mote-dup", SignedBatches.body(device, 5, ts, readings));
            ApiError changed = refused(
                    "mote-dup",
                    SignedBatches.body(device, 5, ts, SignedBatches.moteReadings(MOTE_2.subList(12, 14), ts)));

            assertThat(again).isEqualTo(first);
            assertThat(resigned)
                    .as("a fresh signature over the same content is the same batch")
                    .isEqualTo(first);
            assertError(changed, 409, "TELEMETRY_SEQ_CONFLICT");
            assertThat(count("SELECT COUNT(*) FROM telemetry WHERE device_id = 'mote-dup'"))
                    .isEqualTo(4);
        }

        @Test
        void many_concurrent_batches_share_fewer_transactions_than_requests() throws Exception {
            long transactionsBefore = writer.transactions();
            long ts = System.currentTimeMillis();
            List<CompletableFuture<TelemetryAck>> responses = new ArrayList<>();
            List<String> motes = List.of("mote-1", "mote-2", "mote-3", "mote-4");
            for (int seq = 1000; seq < 1050; seq++) {
                for (int m = 0; m < motes.size(); m++) {
                    List<SuthaharanMotes.Sample> samples = m % 2 == 0 ? MOTE_1 : MOTE_2;
                    List<SignedBatches.Reading> readings =
                            SignedBatches.moteReadings(samples.subList(seq - 1000, seq - 1000 + 2), ts);
                    String body = SignedBatches.body(devices.get(motes.get(m)), seq, ts, readings);
                    responses.add(clients.get(motes.get(m)).ingest(body.getBytes(StandardCharsets.UTF_8)));
                }
            }
            CompletableFuture.allOf(responses.toArray(CompletableFuture[]::new)).join();

            for (int i = 0; i < responses.size(); i++) {
                assertThat(responses.get(i).join().seq()).isEqualTo(1000 + i / motes.size());
            }
            long transactions = writer.transactions() - transactionsBefore;
            assertThat(transactions).isLessThan(responses.size()).isPositive();
            assertThat(count("SELECT COUNT(*) FROM telemetry_batches WHERE batch_seq BETWEEN 1000 AND 1049"))
                    .isEqualTo(responses.size());
            assertThat(count("SELECT COUNT(*) FROM telemetry WHERE batch_seq BETWEEN 1000 AND 1049"))
                    .isEqualTo(responses.size() * 4L);
        }
    }

    @Nested
    class BadInput {
        @Test
        void bad_signature_is_refused_and_nothing_is_stored() throws Exception {
            DeviceCredentials device = devices.get("mote-3");
            long ts = System.currentTimeMillis();
            List<SignedBatches.Reading> readings = SignedBatches.moteReadings(MOTE_1.subList(20, 21), ts);
            String signedOtherContent =
                    SignedBatches.body(device, 7, ts, SignedBatches.moteReadings(MOTE_1.subList(21, 22), ts));
            String sig = signedOtherContent.substring(
                    signedOtherContent.indexOf("\"sig\":\"") + 7, signedOtherContent.length() - 2);

            ApiError response = refused("mote-3", SignedBatches.json(7, ts, readings, sig));
            ApiError otherKey = refused("mote-3", SignedBatches.body(PKI.issue("mote-3"), 7, ts, readings));

            assertError(response, 400, "TELEMETRY_BAD_SIGNATURE");
            assertError(otherKey, 400, "TELEMETRY_BAD_SIGNATURE");
            assertThat(count("SELECT COUNT(*) FROM telemetry_batches WHERE device_id = 'mote-3' AND batch_seq = 7"))
                    .isZero();
        }

        @Test
        void malformed_json_and_unknown_fields_are_refused() throws Exception {
            assertError(refused("mote-3", "{\"seq\":1,"), 400, "TELEMETRY_MALFORMED");
            assertError(
                    refused("mote-3", "{\"deviceId\":\"mote-1\",\"seq\":1,\"ts\":1,\"readings\":[],\"sig\":\"\"}"),
                    400,
                    "TELEMETRY_MALFORMED");
        }

        @Test
        void oversized_body_is_refused_with_413() throws Exception {
            String huge = "{\"seq\":1,\"ts\":1,\"pad\":\"" + "x".repeat(300 * 1024) + "\"}";

            assertError(refused("mote-3", huge), 413, "TELEMETRY_TOO_LARGE");
        }

        @Test
        void batch_time_far_from_the_gateway_clock_is_refused() throws Exception {
            long ts = System.currentTimeMillis() - 6 * 60_000;
            List<SignedBatches.Reading> readings = SignedBatches.moteReadings(MOTE_1.subList(30, 31), ts);

            assertError(
                    refused("mote-3", SignedBatches.body(devices.get("mote-3"), 8, ts, readings)),
                    400,
                    "TELEMETRY_CLOCK_SKEW");
        }
    }

    @Nested
    class Certificates {
        @Test
        void a_certificate_that_is_not_the_registered_one_is_forbidden() throws Exception {
            DeviceCredentials impostor = PKI.issue("mote-4");
            long ts = System.currentTimeMillis();
            String body = SignedBatches.body(impostor, 9, ts, SignedBatches.moteReadings(MOTE_1.subList(0, 1), ts));

            assertError(refused(as(impostor), body), 403, "DEVICE_CERT_MISMATCH");
        }

        @Test
        void an_unregistered_device_is_forbidden() throws Exception {
            DeviceCredentials stranger = PKI.issue("mote-unknown");

            assertError(refused(as(stranger), "{}"), 403, "DEVICE_UNKNOWN");
        }

        @Test
        void a_certificate_from_an_untrusted_ca_fails_the_handshake() {
            TelemetryOperations foreign = as(FOREIGN_PKI.issue("mote-1"));

            assertThatThrownBy(() -> foreign.ingest(new byte[] {'{', '}'}).join())
                    .isInstanceOf(CompletionException.class)
                    .hasCauseInstanceOf(IOException.class);
        }

        @Test
        void telemetry_without_a_client_certificate_is_refused_but_provisioning_is_reachable() throws Exception {
            DevicePort anonymous = DevicePort.anonymous(context);

            ApiError telemetry = refused(anonymous.client(TelemetryOperations.class), "{}");
            HttpResponse<String> provision = anonymous.raw(ProvisioningOperations.class, "provision", Map.of(), "{}");

            assertError(telemetry, 401, "DEVICE_CERT_REQUIRED");
            assertThat(provision.body()).doesNotContain("DEVICE_CERT_REQUIRED");
        }

        @Test
        void a_suspended_device_is_forbidden() throws Exception {
            DeviceCredentials device = devices.get("mote-suspended");
            long ts = System.currentTimeMillis();

            ApiError response = refused(
                    "mote-suspended",
                    SignedBatches.body(device, 1, ts, SignedBatches.moteReadings(MOTE_1.subList(0, 1), ts)));

            assertError(response, 403, "DEVICE_NOT_ACTIVE");
            assertThat(count("SELECT COUNT(*) FROM telemetry WHERE device_id = 'mote-suspended'"))
                    .isZero();
        }
    }

    @Nested
    class Ports {
        @Test
        void device_routes_are_not_served_on_the_api_port() throws Exception {
            HttpResponse<String> response = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(apiServer.getURI().resolve(TELEMETRY.path()))
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString("{}"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());

            assertError(response, 404, "NOT_FOUND");
        }

        @Test
        void api_routes_are_not_served_on_the_device_port() throws Exception {
            HttpResponse<String> onApiPort = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(apiServer.getURI().resolve("/health"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> onDevicePort = mote1Http()
                    .send(HttpRequest.newBuilder(deviceUri("/health")).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(onApiPort.statusCode()).isEqualTo(200);
            assertError(onDevicePort, 404, "NOT_FOUND");
        }

        @Test
        void unknown_routes_and_wrong_methods_answer_in_the_error_shape() throws Exception {
            HttpResponse<String> unknown = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(apiServer.getURI().resolve("/api/v1/nothing-here"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> wrongMethod = mote1Http()
                    .send(
                            HttpRequest.newBuilder(deviceUri(TELEMETRY.path()))
                                    .GET()
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());

            assertError(unknown, 404, "NOT_FOUND");
            assertError(wrongMethod, 405, "METHOD_NOT_ALLOWED");
        }
    }

    private TelemetryAck post(String deviceId, String body) {
        return clients.get(deviceId)
                .ingest(body.getBytes(StandardCharsets.UTF_8))
                .join();
    }

    private ApiError refused(String deviceId, String body) {
        return refused(clients.get(deviceId), body);
    }

    private static ApiError refused(TelemetryOperations client, String body) {
        return ApiError.of(
                () -> client.ingest(body.getBytes(StandardCharsets.UTF_8)).join());
    }

    private TelemetryOperations as(DeviceCredentials device) {
        return DevicePort.as(device, context).client(TelemetryOperations.class);
    }

    private HttpClient mote1Http() {
        return devices.get("mote-1").httpClient(certificates.serverCertificate());
    }

    private URI deviceUri(String path) {
        return URI.create("https://localhost:" + deviceServer.port() + path);
    }

    private void assertError(HttpResponse<String> response, int status, String code) throws IOException {
        assertError(ApiError.from(response), status, code);
    }

    private void assertError(ApiError error, int status, String code) throws IOException {
        assertThat(error.status()).as(error.text()).isEqualTo(status);
        ErrorResponse body = json.readValue(error.text(), ErrorResponse.class);
        assertThat(body.code()).isEqualTo(code);
        assertThat(body.message()).isNotBlank().doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(body.timestamp()).isPositive();
    }

    private List<String> storedValues(String deviceId, long seq) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection connection = dataSourceResolver.resolve(dataSource).getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT sensor, value_kind, value_text,"
                                + " COALESCE(unit, ''), window_id FROM telemetry WHERE device_id = ? AND batch_seq = ? ORDER BY id")) {
            statement.setString(1, deviceId);
            statement.setLong(2, seq);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    values.add(rows.getString(1) + "|" + rows.getString(2) + "|" + rows.getString(3) + "|"
                            + rows.getString(4) + "|" + rows.getLong(5));
                }
            }
        }
        return values;
    }

    private long count(String sql) throws SQLException {
        try (Connection connection = dataSourceResolver.resolve(dataSource).getConnection();
                PreparedStatement statement = connection.prepareStatement(sql);
                ResultSet rows = statement.executeQuery()) {
            return rows.next() ? rows.getLong(1) : 0;
        }
    }
}
