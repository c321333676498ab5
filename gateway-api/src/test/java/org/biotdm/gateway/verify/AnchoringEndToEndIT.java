package org.biotdm.gateway.verify;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.biotdm.gateway.anchor.TelemetryFixture;
import org.biotdm.gateway.anchor.WindowLayout;
import org.biotdm.gateway.anchor.WsnReadings;
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
import org.biotdm.protocol.anchor.IndependentMerkle;
import org.biotdm.protocol.anchor.ReadingLeaf;
import org.biotdm.protocol.telemetry.ValueKind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The whole anchoring path on the dev network and embedded MariaDB: readings written through the window gate, sealed
 * and anchored by the service's own scheduled workers with the real chaincode, then verified over HTTP and proven
 * against roots read from another organisation's peer.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnchoringEndToEndIT implements TestPropertyProvider {
    private static final long SETTLE_MILLIS = 180_000;

    @Inject
    DataSource dataSource;

    @Inject
    WindowLayout layout;

    @Inject
    VerificationClient verification;

    @Inject
    ApplicationContext context;

    @Inject
    @Client("/")
    HttpClient http;

    private TestUsers.Session auditorSession;
    private LedgerDevices org2Devices;

    @Inject
    TelemetryWriter writer;

    private DataSource db;
    private LedgerReader ledger;
    private final List<Long> windows = new ArrayList<>();
    private final List<List<Long>> ids = new ArrayList<>();

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>();
        TestDevnet.ledgerProperties(0).forEach((k, v) -> properties.put(k, String.valueOf(v)));
        TestMariaDb.datasourceProperties("anchoring_e2e").forEach((k, v) -> properties.put(k, String.valueOf(v)));
        try {
            properties.put(
                    "biotdm.data-dir",
                    Files.createTempDirectory(
                                    Files.createDirectories(Path.of("target", "it-data"))
                                            .toAbsolutePath(),
                                    "anchoring-")
                            .toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        properties.put("biotdm.ledger.events-enabled", "false");
        properties.put("biotdm.anchoring.window-ms", "1000");
        properties.put("biotdm.anchoring.grace", "300ms");
        properties.put("biotdm.anchoring.seal-interval", "100ms");
        properties.put("biotdm.anchoring.submit-interval", "100ms");
        properties.put("biotdm.anchoring.gateway-id", "e2e" + Long.toString(System.nanoTime() % 1_000_000_000L, 36));
        properties.put("biotdm.ingress.port", "0");
        return properties;
    }

    @BeforeAll
    void write_real_readings_and_wait_for_their_anchors() throws Exception {
        auditorSession = TestUsers.create(context, 1, ApiRole.AUDITOR);
        org2Devices = new LedgerDevices(
                context,
                TestUsers.create(context, 1, ApiRole.ADMIN).user(),
                "e2e" + Long.toString(System.nanoTime(), 36) + "-");
        db = DelegatingDataSource.unwrapDataSource(dataSource);
        ledger = LedgerReader.connect(1);
        TelemetryFixture telemetry = new TelemetryFixture(db, layout);
        long receivedAt = System.currentTimeMillis() + 1_000;
        for (int w = 0; w < 3; w++) {
            List<Long> windowIds = new ArrayList<>();
            long window = -1;
            for (WsnReadings.Batch batch : WsnReadings.batches(8834 + w * 2, 2, receivedAt)) {
                TelemetryFixture.Written written = telemetry.write(
                        receivedAt + w * 1_000L, org2Devices.owned(batch).readings());
                windowIds.addAll(written.ids());
                window = written.window();
            }
            for (WsnReadings.Batch batch : WsnReadings.batches(13873 + w * 2, 2, receivedAt)) {
                windowIds.addAll(telemetry
                        .write(receivedAt + w * 1_000L, org2Devices.owned(batch).readings())
                        .ids());
            }
            windows.add(window);
            ids.add(windowIds);
        }
        long deadline = System.currentTimeMillis() + SETTLE_MILLIS;
        while (anchored() < 3 && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertThat(anchored())
                .as("the scheduled workers anchored the three windows")
                .isEqualTo(3);
    }

    @AfterAll
    void close() {
        ledger.close();
    }

    private long anchored() throws SQLException {
        return anchored(windows.get(0), windows.get(2));
    }

    private long anchored(long first, long last) throws SQLException {
        try (var c = db.getConnection();
                var select = c.prepareStatement("SELECT COUNT(*) FROM anchor_windows"
                        + " WHERE status = 'ANCHORED' AND window_id BETWEEN ? AND ?")) {
            select.setLong(1, first);
            select.setLong(2, last);
            try (var rs = select.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private VerifyResponse verifyAll() {
        return verification.verify(
                null,
                Long.toString(layout.startOf(windows.get(0))),
                Instant.ofEpochMilli(layout.endOf(windows.get(2))).toString(),
                auditor());
    }

    private Caller auditor() {
        return auditorSession.caller();
    }

    @Test
    void every_window_matches_the_root_on_another_organisations_peer_and_was_written_once() throws Exception {
        VerifyResponse response = verifyAll();

        assertThat(response.summary()).isEqualTo(new VerifyResponse.Summary(3, 3, 0, 0, 24));
        for (WindowVerification window : response.windows()) {
            assertThat(window.status()).isEqualTo("MATCH");
            assertThat(window.onChainRoot())
                    .isEqualTo(window.recomputedRoot())
                    .isEqualTo(
                            ledger.anchor(window.windowId()).get("merkleRoot").getStringValue());
            assertThat(ledger.anchor(window.windowId()).get("leafCount").getLongValue())
                    .isEqualTo(8);
            assertThat(ledger.writes(window.windowId())).isEqualTo(1);
            assertThat(window.transactionId()).hasSize(64);
            assertThat(window.blockNumber()).isPositive();
        }
    }

    @Test
    void every_reading_has_a_proof_an_auditor_checks_against_the_ledger_alone() throws Exception {
        for (int w = 0; w < 3; w++) {
            for (long id : ids.get(w)) {
                ReadingProofResponse proof = verification.proof(id, auditor());
                byte[] leafHash = IndependentMerkle.sha256(
                        new byte[] {0}, Base64.getDecoder().decode(proof.leafBytes()));
                String rootOnChain =
                        ledger.anchor(proof.windowId()).get("merkleRoot").getStringValue();

                assertThat(IndependentMerkle.fold(
                                leafHash,
                                proof.proof().stream()
                                        .map(ReadingProofResponse.Step::side)
                                        .toList(),
                                proof.proof().stream()
                                        .map(ReadingProofResponse.Step::hash)
                                        .toList()))
                        .isEqualTo(rootOnChain);
                assertThat(HexFormat.of().formatHex(leafHash)).isEqualTo(proof.leafHash());
                assertThat(proof.window()).isEqualTo(windows.get(w));
                assertThat(proof.verified()).isTrue();
            }
        }
    }

    @Test
    void a_value_changed_in_the_database_is_flagged_on_its_window_only() throws Exception {
        long id = ids.get(1).get(3);
        String original = text(id);
        try {
            update(id, "12.34");

            VerifyResponse response = verifyAll();

            assertThat(response.windows())
                    .extracting(WindowVerification::status)
                    .containsExactly("MATCH", "MISMATCH", "MATCH");
            assertThat(response.windows().get(1).changed())
                    .extracting(ReadingRef::readingId)
                    .containsExactly(id);
            assertThat(verification.proof(id, auditor()).verified()).isFalse();
        } finally {
            update(id, original);
        }
        assertThat(verifyAll().summary().ok()).isEqualTo(3);
    }

    @Test
    void another_organisations_admin_and_auditor_get_roots_and_proofs_but_no_reading_contents() throws Exception {
        long id = ids.get(1).get(3);
        String original = text(id);
        try {
            update(id, "12.34");
            for (ApiRole role : new ApiRole[] {ApiRole.ADMIN, ApiRole.AUDITOR}) {
                Caller org1 = TestUsers.create(context, 0, role).caller();

                ReadingProofResponse proof = verification.proof(id, org1);
                VerifyResponse report = verification.verify(
                        null,
                        Long.toString(layout.startOf(windows.get(0))),
                        Long.toString(layout.endOf(windows.get(2))),
                        org1);

                assertThat(proof.reading()).as(role + " of Org1: reading").isNull();
                assertThat(proof.leafBytes()).isNull();
                assertThat(proof.leafText()).isNull();
                assertThat(proof.leafHash())
                        .isEqualTo(verification.proof(id, auditor()).leafHash());
                assertThat(proof.root())
                        .isEqualTo(ledger.anchor(proof.windowId())
                                .get("merkleRoot")
                                .getStringValue());
                assertThat(report.summary()).isEqualTo(verifyAll().summary());
                assertThat(report.windows().get(1).changed()).singleElement().satisfies(ref -> {
                    assertThat(ref.readingId()).isEqualTo(id);
                    assertThat(ref.currentLeafHash()).hasSize(64);
                    assertThat(ref.deviceId()).isNull();
                    assertThat(ref.valueText()).isNull();
                    assertThat(ref.sensor()).isNull();
                });
            }
            assertThat(verifyAll().windows().get(1).changed())
                    .extracting(ReadingRef::valueText)
                    .as("the owner's auditor still sees the changed value")
                    .containsExactly("12.34");
        } finally {
            update(id, original);
        }
    }

    @Test
    void readings_committed_by_the_ingress_writer_are_anchored_and_proven() throws Exception {
        String device = "e2e-writer-" + System.nanoTime();
        org2Devices.register(device);
        List<TelemetryAck> acks = new ArrayList<>();
        long ts = System.currentTimeMillis();
        for (WsnReadings.Batch batch : WsnReadings.batches(200, 3, ts)) {
            List<TelemetryReading> readings = List.of(
                    new TelemetryReading(
                            "humidity",
                            ValueKind.N,
                            batch.humidity(),
                            Double.parseDouble(batch.humidity()),
                            "%RH",
                            TelemetryReading.NO_TS),
                    new TelemetryReading(
                            "temperature",
                            ValueKind.N,
                            batch.temperature(),
                            Double.parseDouble(batch.temperature()),
                            "°C",
                            batch.ts() + 1),
                    new TelemetryReading("door", ValueKind.S, "OPEN", Double.NaN, null, TelemetryReading.NO_TS),
                    new TelemetryReading("relay", ValueKind.B, "true", 1, null, TelemetryReading.NO_TS));
            PendingBatch pending = new PendingBatch(
                    device,
                    new TelemetryBatch(batch.seq(), batch.ts(), readings, new byte[64]),
                    "%064x".formatted(batch.seq()),
                    false,
                    new CompletableFuture<>());
            acks.add(writer.submit(pending).get(60, java.util.concurrent.TimeUnit.SECONDS));
        }
        long first = acks.stream().mapToLong(TelemetryAck::windowId).min().orElseThrow();
        long last = acks.stream().mapToLong(TelemetryAck::windowId).max().orElseThrow();
        long deadline = System.currentTimeMillis() + SETTLE_MILLIS;
        while (anchored(first, last) < last - first + 1 && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }

        VerifyResponse response = verification.verify(
                device, Long.toString(layout.startOf(first)), Long.toString(layout.endOf(last)), auditor());

        assertThat(response.summary().readings()).isEqualTo(12);
        assertThat(response.summary().mismatched()).isZero();
        assertThat(response.windows()).isNotEmpty().allSatisfy(w -> assertThat(w.status())
                .isEqualTo("MATCH"));
        for (long id : ids(device)) {
            ReadingProofResponse proof = verification.proof(id, auditor());
            assertThat(proof.verified()).isTrue();
            assertThat(proof.reading().deviceId()).isEqualTo(device);
            assertThat(proof.root())
                    .isEqualTo(ledger.anchor(proof.windowId()).get("merkleRoot").getStringValue());
        }
    }

    @Test
    void a_windows_readings_read_page_by_page_rebuild_the_root_on_the_ledger_and_its_leaves_are_those_sealed()
            throws Exception {
        String windowId = verification.proof(ids.get(0).get(0), auditor()).windowId();
        List<ReadingLeaf> leaves = new ArrayList<>();
        List<Long> readingIds = new ArrayList<>();
        Long after = null;
        int pages = 0;
        do {
            WindowReadingsPage page = verification.windowReadings(windowId, after, 3, auditor());
            page.readings().forEach(r -> {
                readingIds.add(r.readingId());
                ReadingProofResponse.Reading f = r.reading();
                leaves.add(new ReadingLeaf(
                        f.deviceId(), f.batchSeq(), f.sensor(), f.ts(), f.kind(), f.valueText(), f.unit()));
            });
            after = page.nextAfter();
            pages++;
        } while (after != null);
        List<byte[]> data = leaves.stream()
                .sorted(ReadingLeaf.CANONICAL_ORDER)
                .map(l -> IndependentMerkle.leafBytes(
                        l.deviceId(), l.batchSeq(), l.sensor(), l.ts(), l.kind(), l.valueText(), l.unit()))
                .toList();

        assertThat(pages).isEqualTo(3);
        assertThat(readingIds).isSorted().containsExactlyInAnyOrderElementsOf(ids.get(0));
        assertThat(IndependentMerkle.hex(IndependentMerkle.rootOfData(data)))
                .isEqualTo(ledger.anchor(windowId).get("merkleRoot").getStringValue());

        WindowLeavesPage first = verification.windowLeaves(windowId, null, 5, auditor());
        WindowLeavesPage rest = verification.windowLeaves(windowId, first.nextFrom(), 5, auditor());
        assertThat(first.leafCount()).isEqualTo(8);
        assertThat(first.nextFrom()).isEqualTo(5);
        assertThat(rest.nextFrom()).isNull();
        assertThat(Stream.concat(first.leaves().stream(), rest.leaves().stream()))
                .extracting(WindowLeavesPage.Leaf::leafIndex)
                .containsExactly(0, 1, 2, 3, 4, 5, 6, 7);
        assertThat(Stream.concat(first.leaves().stream(), rest.leaves().stream()))
                .extracting(WindowLeavesPage.Leaf::leafHash)
                .containsExactlyElementsOf(data.stream()
                        .map(d -> IndependentMerkle.hex(IndependentMerkle.sha256(new byte[] {0}, d)))
                        .toList());
    }

    @Test
    void another_organisations_auditor_gets_a_windows_leaf_hashes_without_reading_contents() {
        String windowId = verification.proof(ids.get(0).get(0), auditor()).windowId();
        Caller org1 = TestUsers.create(context, 0, ApiRole.AUDITOR).caller();

        WindowReadingsPage page = verification.windowReadings(windowId, null, null, org1);

        assertThat(page.readings()).hasSize(8).allSatisfy(r -> {
            assertThat(r.reading()).isNull();
            assertThat(r.leafHash()).hasSize(64);
        });
        assertThat(page.nextAfter()).isNull();
    }

    @Test
    void unknown_windows_and_bad_pages_get_stable_codes() {
        String windowId = verification.proof(ids.get(0).get(0), auditor()).windowId();

        assertThat(errorCode(() -> verification.windowReadings("Org2MSP-nope-1", null, null, auditor())))
                .isEqualTo("404 WINDOW_NOT_FOUND");
        assertThat(errorCode(() -> verification.windowLeaves("Org2MSP-nope-1", null, null, auditor())))
                .isEqualTo("404 WINDOW_NOT_FOUND");
        assertThat(rawWindowPage("windowReadings", Map.of("windowId", windowId, "limit", "0")))
                .isEqualTo("400 INVALID_ARGUMENT limit");
        assertThat(rawWindowPage("windowReadings", Map.of("windowId", windowId, "limit", "10001")))
                .isEqualTo("400 INVALID_ARGUMENT limit");
        assertThat(rawWindowPage("windowLeaves", Map.of("windowId", windowId, "from", "-1")))
                .isEqualTo("400 INVALID_ARGUMENT from");
        assertThat(rawWindowPage("windowReadings", Map.of("windowId", "no spaces allowed")))
                .isEqualTo("400 INVALID_ARGUMENT windowId");
        assertThat(errorCode(() -> verification.windowReadings(windowId, null, null, Caller.ANONYMOUS)))
                .isEqualTo("401 AUTH_REQUIRED");
    }

    @Test
    void requests_without_an_auditor_or_admin_token_are_refused() {
        Caller operator = TestUsers.create(context, 1, ApiRole.OPERATOR).caller();
        long reading = ids.get(0).get(0);

        assertThat(refusal(() -> verification.verify(null, "0", "1000", Caller.ANONYMOUS)))
                .isEqualTo("401 AUTH_REQUIRED Bearer");
        assertThat(refusal(() -> verification.proof(reading, Caller.bearer("not-a-token"))))
                .isEqualTo("401 AUTH_INVALID Bearer error=\"invalid_token\"");
        assertThat(refusal(() -> verification.verify(null, "0", "1000", operator)))
                .isEqualTo("403 ACCESS_DENIED null");
    }

    private static String refusal(ThrowingCallable call) {
        ApiError error = ApiError.of(call);
        return error.status() + " " + error.code() + " "
                + error.header("WWW-Authenticate").orElse(null);
    }

    @Test
    void bad_ranges_and_unknown_readings_get_stable_codes() {
        assertThat(errorCode(() -> verification.verify(null, "yesterday", null, auditor())))
                .isEqualTo("400 INVALID_ARGUMENT");
        assertThat(errorCode(() -> verification.verify("mote-1", null, null, auditor())))
                .isEqualTo("400 INVALID_ARGUMENT");
        assertThat(errorCode(() -> verification.verify(null, "2000", "1000", auditor())))
                .isEqualTo("400 INVALID_ARGUMENT");
        assertThat(errorCode(() -> verification.verify(null, "0", "100000000", auditor())))
                .isEqualTo("400 VERIFY_RANGE_TOO_LARGE");
        assertThat(errorCode(() -> verification.proof(987654321L, auditor()))).isEqualTo("404 READING_NOT_FOUND");
    }

    private String rawWindowPage(String operation, Map<String, String> parameters) {
        ApiError error = ApiError.ofRaw(
                http,
                HttpRequest.GET(Route.of(VerificationClient.class, operation).path(parameters))
                        .bearerAuth(auditorSession.accessToken()));
        return error.statusAndCode() + " " + String.join(",", error.fields());
    }

    private static String errorCode(ThrowingCallable call) {
        ApiError error = ApiError.of(call);
        return error.status() + " " + error.code();
    }

    private List<Long> ids(String device) throws SQLException {
        try (var c = db.getConnection();
                var select = c.prepareStatement("SELECT id FROM telemetry WHERE device_id = ?")) {
            select.setString(1, device);
            List<Long> found = new ArrayList<>();
            try (var rs = select.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getLong(1));
                }
            }
            assertThat(found).hasSize(12);
            return found;
        }
    }

    private String text(long id) throws SQLException {
        try (var c = db.getConnection();
                var select = c.prepareStatement("SELECT value_text FROM telemetry WHERE id = ?")) {
            select.setLong(1, id);
            try (var rs = select.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private void update(long id, String valueText) throws SQLException {
        try (var c = db.getConnection();
                var update = c.prepareStatement("UPDATE telemetry SET value_text = ?, value_num = ? WHERE id = ?")) {
            update.setString(1, valueText);
            update.setDouble(2, Double.parseDouble(valueText));
            update.setLong(3, id);
            update.executeUpdate();
        }
    }
}
