package org.biotdm.gateway.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.json.JsonMapper;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.biotdm.gateway.anchor.AnchorDatabase;
import org.biotdm.gateway.anchor.AnchorSubmitter;
import org.biotdm.gateway.anchor.AnchoringConfiguration;
import org.biotdm.gateway.anchor.FakeAnchorLedger;
import org.biotdm.gateway.anchor.TelemetryFixture;
import org.biotdm.gateway.anchor.WindowLayout;
import org.biotdm.gateway.anchor.WindowSealer;
import org.biotdm.gateway.anchor.WsnReadings;
import org.biotdm.gateway.error.ApiException;
import org.biotdm.gateway.error.ErrorCode;
import org.biotdm.gateway.testing.TestSettings;
import org.biotdm.protocol.anchor.IndependentMerkle;
import org.biotdm.protocol.anchor.MerkleTree;
import org.biotdm.protocol.anchor.ReadingLeaf;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Tampering with anchored telemetry in MariaDB, each case flagged on exactly the window it touched. Four windows of
 * real WSN readings (two motes, three batches each, so 12 leaves per window) are sealed and anchored on an in-memory
 * ledger with the chaincode's semantics; the case then edits the database as an attacker with SQL access would.
 */
class TamperDetectionIT {
    private static final long T0 = 1_700_000_000_000L;
    private static final WindowLayout LAYOUT = new WindowLayout(10_000, "Org1MSP", "gwtamper");
    private static final long W = LAYOUT.windowOf(T0);
    private static final long NOW = LAYOUT.endOf(W + 10);

    private AnchorDatabase db;
    private FakeAnchorLedger ledger;
    private TelemetryVerifier verifier;
    private ReadingProofs proofs;
    private final List<List<Long>> ids = new ArrayList<>();

    @BeforeEach
    void anchor_four_windows() throws Exception {
        db = AnchorDatabase.create("tamper");
        ledger = new FakeAnchorLedger();
        TelemetryFixture telemetry = new TelemetryFixture(db.dataSource(), LAYOUT);
        for (int w = 0; w < 4; w++) {
            List<Long> windowIds = new ArrayList<>();
            for (WsnReadings.Batch batch : WsnReadings.batches(w * 3, 3, T0)) {
                windowIds.addAll(telemetry
                        .write(LAYOUT.startOf(W + w) + 500, batch.readings())
                        .ids());
            }
            for (WsnReadings.Batch batch : WsnReadings.batches(4417 + w * 3, 3, T0)) {
                windowIds.addAll(telemetry
                        .write(LAYOUT.startOf(W + w) + 700, batch.readings())
                        .ids());
            }
            ids.add(windowIds);
        }
        AnchoringConfiguration configuration = TestSettings.defaults(AnchoringConfiguration.class);
        new WindowSealer(db.dataSource(), LAYOUT, configuration, W, JsonMapper.createDefault())
                .sealDue(LAYOUT.endOf(W + 3) + 2_000);
        new AnchorSubmitter(db.dataSource(), ledger, LAYOUT, configuration, JsonMapper.createDefault()).submitDue();
        verifier = new TelemetryVerifier(db.dataSource(), ledger, LAYOUT, 2_000);
        proofs = new ReadingProofs(db.dataSource(), ledger, LAYOUT);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private VerifyResponse verifyAll() throws Exception {
        return verifier.verify(null, LAYOUT.startOf(W), LAYOUT.endOf(W + 3), NOW);
    }

    private static List<String> statuses(VerifyResponse response) {
        return response.windows().stream().map(WindowVerification::status).toList();
    }

    @Test
    void untouched_telemetry_matches_every_window() throws Exception {
        VerifyResponse response = verifyAll();

        assertThat(statuses(response)).containsExactly("MATCH", "MATCH", "MATCH", "MATCH");
        assertThat(response.summary()).isEqualTo(new VerifyResponse.Summary(4, 4, 0, 0, 48));
        WindowVerification first = response.windows().get(0);
        assertThat(first.windowId()).isEqualTo("Org1MSP-gwtamper-170000000");
        assertThat(first.onChainRoot()).isEqualTo(first.recomputedRoot());
        assertThat(first.match()).isTrue();
        assertThat(first.leafCount()).isEqualTo(12);
        assertThat(first.onChainLeafCount()).isEqualTo(12);
        assertThat(first.transactionId()).hasSize(64);
        assertThat(first.blockNumber()).isNotNull();
        assertThat(first.leafRecordIntact()).isTrue();
    }

    @Test
    void an_updated_value_is_pinpointed_in_its_window_only() throws Exception {
        long id = ids.get(1).get(4);
        db.update("UPDATE telemetry SET value_text = '99.99', value_num = 99.99 WHERE id = ?", id);

        VerifyResponse response = verifyAll();

        assertThat(statuses(response)).containsExactly("MATCH", "MISMATCH", "MATCH", "MATCH");
        WindowVerification tampered = response.windows().get(1);
        assertThat(tampered.match()).isFalse();
        assertThat(tampered.recomputedRoot()).isNotEqualTo(tampered.onChainRoot());
        assertThat(tampered.changed()).extracting(ReadingRef::readingId).containsExactly(id);
        assertThat(tampered.changed().get(0).valueText()).isEqualTo("99.99");
        assertThat(tampered.missing()).isEmpty();
        assertThat(tampered.extra()).isEmpty();
        assertThat(tampered.leafRecordIntact()).isTrue();
        assertThat(response.summary().mismatched()).isEqualTo(1);
    }

    @Test
    void a_deleted_row_is_reported_missing_with_its_leaf_index() throws Exception {
        long id = ids.get(2).get(0);
        String leafIndex = db.string("SELECT leaf_index FROM telemetry WHERE id = ?", id);
        db.update("DELETE FROM telemetry WHERE id = ?", id);

        VerifyResponse response = verifyAll();

        assertThat(statuses(response)).containsExactly("MATCH", "MATCH", "MISMATCH", "MATCH");
        WindowVerification tampered = response.windows().get(2);
        assertThat(tampered.leafCount()).isEqualTo(11);
        assertThat(tampered.onChainLeafCount()).isEqualTo(12);
        assertThat(tampered.missing()).extracting(ReadingRef::readingId).containsExactly(id);
        assertThat(tampered.missing().get(0).leafIndex()).isEqualTo(Integer.valueOf(leafIndex));
        assertThat(tampered.changed()).isEmpty();
        assertThat(tampered.extra()).isEmpty();
    }

    @Test
    void an_inserted_row_is_reported_extra() throws Exception {
        ReadingLeaf forged = new ReadingLeaf("mote-1", 2, "humidity", T0 + 10_000, "N", "45.90", "%RH");
        long id;
        try (Connection c = db.dataSource().getConnection()) {
            id = TelemetryFixture.insert(c, W, LAYOUT.startOf(W) + 900, List.of(forged))
                    .get(0);
        }

        VerifyResponse response = verifyAll();

        assertThat(statuses(response)).containsExactly("MISMATCH", "MATCH", "MATCH", "MATCH");
        assertThat(response.windows().get(0).extra())
                .extracting(ReadingRef::readingId)
                .containsExactly(id);
        assertThat(response.windows().get(0).leafCount()).isEqualTo(13);
    }

    @Test
    void swapping_the_sequence_numbers_of_two_rows_changes_both() throws Exception {
        long a = ids.get(3).get(0);
        long b = ids.get(3).get(2);
        String seqA = db.string("SELECT batch_seq FROM telemetry WHERE id = ?", a);
        String seqB = db.string("SELECT batch_seq FROM telemetry WHERE id = ?", b);
        db.update("UPDATE telemetry SET batch_seq = ? WHERE id = ?", seqB, a);
        db.update("UPDATE telemetry SET batch_seq = ? WHERE id = ?", seqA, b);

        VerifyResponse response = verifyAll();

        assertThat(statuses(response)).containsExactly("MATCH", "MATCH", "MATCH", "MISMATCH");
        assertThat(response.windows().get(3).changed())
                .extracting(ReadingRef::readingId)
                .containsExactlyInAnyOrder(a, b);
    }

    @Test
    void duplicating_the_last_leaf_of_an_odd_window_is_caught() throws Exception {
        db.update(
                "DELETE FROM telemetry WHERE window_id = ? AND id <> ? AND id <> ? AND id <> ?",
                W + 1,
                ids.get(1).get(0),
                ids.get(1).get(1),
                ids.get(1).get(2));
        try (Connection c = db.dataSource().getConnection()) {
            c.createStatement().execute("DELETE FROM anchor_leaves WHERE window_id = " + (W + 1));
            c.createStatement().execute("DELETE FROM anchor_outbox WHERE window_id = " + (W + 1));
            c.createStatement().execute("UPDATE anchor_windows SET status = 'OPEN' WHERE window_id = " + (W + 1));
        }
        FakeAnchorLedger fresh = new FakeAnchorLedger();
        WindowSealer sealer = new WindowSealer(
                db.dataSource(),
                LAYOUT,
                TestSettings.defaults(AnchoringConfiguration.class),
                W,
                JsonMapper.createDefault());
        sealer.seal(W + 1);
        new AnchorSubmitter(
                        db.dataSource(),
                        fresh,
                        LAYOUT,
                        TestSettings.defaults(AnchoringConfiguration.class),
                        JsonMapper.createDefault())
                .submitDue();
        TelemetryVerifier onFresh = new TelemetryVerifier(db.dataSource(), fresh, LAYOUT, 2_000);
        assertThat(onFresh.verify(null, LAYOUT.startOf(W + 1), LAYOUT.endOf(W + 1), NOW)
                        .windows())
                .extracting(WindowVerification::status, WindowVerification::leafCount)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("MATCH", 3L));
        String lastId = db.string("SELECT id FROM telemetry WHERE window_id = ? AND leaf_index = 2", W + 1);
        db.update(
                "INSERT INTO telemetry (received_at, device_id, batch_seq, sensor, ts, value_num, value_text,"
                        + " value_kind, unit, window_id) SELECT received_at, device_id, batch_seq, sensor, ts, value_num,"
                        + " value_text, value_kind, unit, window_id FROM telemetry WHERE id = ?",
                lastId);

        WindowVerification duplicated = onFresh.verify(null, LAYOUT.startOf(W + 1), LAYOUT.endOf(W + 1), NOW)
                .windows()
                .get(0);

        assertThat(duplicated.status()).isEqualTo("MISMATCH");
        assertThat(duplicated.recomputedRoot()).isNotEqualTo(duplicated.onChainRoot());
        assertThat(duplicated.leafCount()).isEqualTo(4);
        assertThat(duplicated.extra()).hasSize(1);
        assertThat(duplicated.extra().get(0).currentLeafHash())
                .isEqualTo(db.string(
                        "SELECT LOWER(HEX(leaf_hash)) FROM anchor_leaves WHERE window_id = ?" + " AND leaf_index = 2",
                        W + 1));
    }

    @Test
    void a_changed_numeric_copy_is_inconsistent_although_the_root_still_matches() throws Exception {
        long id = ids.get(0).get(3);
        db.update("UPDATE telemetry SET value_num = value_num + 10 WHERE id = ?", id);

        WindowVerification tampered = verifyAll().windows().get(0);

        assertThat(tampered.status()).isEqualTo("MISMATCH");
        assertThat(tampered.recomputedRoot()).isEqualTo(tampered.onChainRoot());
        assertThat(tampered.inconsistent()).extracting(ReadingRef::readingId).containsExactly(id);
    }

    @Test
    void rewriting_the_leaf_record_too_is_visible_as_a_broken_record() throws Exception {
        long id = ids.get(1).get(1);
        db.update("UPDATE telemetry SET value_text = '10.00', value_num = 10 WHERE id = ?", id);
        ReadingLeaf now = new ReadingLeaf(
                db.string("SELECT device_id FROM telemetry WHERE id = ?", id),
                Long.parseLong(db.string("SELECT batch_seq FROM telemetry WHERE id = ?", id)),
                db.string("SELECT sensor FROM telemetry WHERE id = ?", id),
                Long.parseLong(db.string("SELECT ts FROM telemetry WHERE id = ?", id)),
                "N",
                "10.00",
                db.string("SELECT unit FROM telemetry WHERE id = ?", id));
        db.update("UPDATE anchor_leaves SET leaf_hash = ? WHERE telemetry_id = ?", now.hash(), id);

        WindowVerification tampered = verifyAll().windows().get(1);

        assertThat(tampered.status()).isEqualTo("MISMATCH");
        assertThat(tampered.leafRecordIntact()).isFalse();
        assertThat(tampered.changed()).isEmpty();
    }

    @Test
    void deleting_a_whole_window_from_the_database_does_not_hide_it() throws Exception {
        db.update("DELETE FROM telemetry WHERE window_id = ?", W + 2);
        db.update("DELETE FROM anchor_leaves WHERE window_id = ?", W + 2);
        db.update("DELETE FROM anchor_outbox WHERE window_id = ?", W + 2);
        db.update("DELETE FROM anchor_windows WHERE window_id = ?", W + 2);

        VerifyResponse response = verifyAll();

        assertThat(statuses(response)).containsExactly("MATCH", "MATCH", "MISMATCH", "MATCH");
        WindowVerification gone = response.windows().get(2);
        assertThat(gone.windowId()).isEqualTo(LAYOUT.ledgerId(W + 2));
        assertThat(gone.leafCount()).isZero();
        assertThat(gone.onChainLeafCount()).isEqualTo(12);
        assertThat(gone.recomputedRoot()).isEqualTo(MerkleTree.emptyRootHex());
    }

    @Test
    void a_device_filter_reports_its_windows_and_counts_its_readings() throws Exception {
        VerifyResponse response = verifier.verify("mote-2", LAYOUT.startOf(W), LAYOUT.endOf(W + 3), NOW);

        assertThat(response.summary()).isEqualTo(new VerifyResponse.Summary(4, 4, 0, 0, 24));
        assertThat(verifier.verify("mote-9", LAYOUT.startOf(W), LAYOUT.endOf(W + 3), NOW)
                        .windows())
                .isEmpty();
    }

    @Test
    void windows_not_sealed_or_not_anchored_yet_are_pending() throws Exception {
        new WindowSealer(
                        db.dataSource(),
                        LAYOUT,
                        TestSettings.defaults(AnchoringConfiguration.class),
                        W,
                        JsonMapper.createDefault())
                .sealDue(LAYOUT.endOf(W + 4) + 2_000);

        VerifyResponse response =
                verifier.verify(null, LAYOUT.startOf(W + 3), LAYOUT.endOf(W + 5), LAYOUT.endOf(W + 4) + 2_000);

        assertThat(statuses(response)).containsExactly("MATCH", "NOT_ANCHORED", "OPEN");
        assertThat(response.summary().pending()).isEqualTo(2);
    }

    @Nested
    class Proofs {
        @Test
        void every_reading_of_a_window_proves_against_the_ledger_root_with_an_independent_checker() throws Exception {
            String root = ledger.getAnchor(LAYOUT.ledgerId(W)).orElseThrow().merkleRoot();
            for (long id : ids.get(0)) {
                ReadingProofResponse proof = proofs.proof(id);
                byte[] leafBytes = Base64.getDecoder().decode(proof.leafBytes());
                byte[] leafHash = IndependentMerkle.sha256(new byte[] {0}, leafBytes);

                assertThat(IndependentMerkle.hex(leafHash)).isEqualTo(proof.leafHash());
                assertThat(IndependentMerkle.fold(
                                leafHash,
                                proof.proof().stream()
                                        .map(ReadingProofResponse.Step::side)
                                        .toList(),
                                proof.proof().stream()
                                        .map(ReadingProofResponse.Step::hash)
                                        .toList()))
                        .isEqualTo(root)
                        .isEqualTo(proof.root());
                assertThat(proof.verified()).isTrue();
                assertThat(proof.leafCount()).isEqualTo(12);
                assertThat(proof.windowId()).isEqualTo(LAYOUT.ledgerId(W));
                assertThat(new String(leafBytes, java.nio.charset.StandardCharsets.UTF_8))
                        .isEqualTo(proof.leafText());
                assertThat(leafBytes)
                        .isEqualTo(IndependentMerkle.leafBytes(
                                proof.reading().deviceId(),
                                proof.reading().batchSeq(),
                                proof.reading().sensor(),
                                proof.reading().ts(),
                                proof.reading().kind(),
                                proof.reading().valueText(),
                                proof.reading().unit()));
            }
        }

        @Test
        void a_changed_reading_gets_a_proof_that_fails() throws Exception {
            long id = ids.get(0).get(5);
            db.update("UPDATE telemetry SET value_text = '12.34' WHERE id = ?", id);

            ReadingProofResponse proof = proofs.proof(id);

            assertThat(proof.verified()).isFalse();
            assertThat(proof.reading().valueText()).isEqualTo("12.34");
            assertThat(IndependentMerkle.fold(
                            java.util.HexFormat.of().parseHex(proof.leafHash()),
                            proof.proof().stream()
                                    .map(ReadingProofResponse.Step::side)
                                    .toList(),
                            proof.proof().stream()
                                    .map(ReadingProofResponse.Step::hash)
                                    .toList()))
                    .isNotEqualTo(proof.root());
        }

        @Test
        void unknown_unsealed_and_late_readings_are_refused_with_their_codes() throws Exception {
            TelemetryFixture telemetry = new TelemetryFixture(db.dataSource(), LAYOUT);
            long open = telemetry
                    .write(
                            LAYOUT.startOf(W + 6),
                            WsnReadings.batches(50, 1, T0).get(0).readings())
                    .ids()
                    .get(0);
            long late;
            try (Connection c = db.dataSource().getConnection()) {
                late = TelemetryFixture.insert(
                                c,
                                W,
                                LAYOUT.startOf(W) + 1,
                                WsnReadings.batches(51, 1, T0).get(0).readings())
                        .get(0);
            }

            assertThatThrownBy(() -> proofs.proof(987_654_321L))
                    .isInstanceOfSatisfying(
                            ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.READING_NOT_FOUND));
            assertThatThrownBy(() -> proofs.proof(open))
                    .isInstanceOfSatisfying(
                            ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.READING_NOT_ANCHORED));
            assertThatThrownBy(() -> proofs.proof(late))
                    .isInstanceOfSatisfying(
                            ApiException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.READING_NOT_IN_ANCHOR));
        }
    }
}
