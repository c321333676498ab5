package org.biotdm.gateway.anchor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.json.JsonMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.biotdm.gateway.error.ErrorCode;
import org.biotdm.gateway.ledger.LedgerException;
import org.biotdm.gateway.ledger.LedgerReceipt;
import org.biotdm.protocol.anchor.MerkleTree;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AnchorSubmitterIT {
    private static final WindowLayout LAYOUT = WindowSealerIT.LAYOUT;
    private static final long W = WindowSealerIT.W;

    private AnchorDatabase db;
    private FakeAnchorLedger ledger;

    @BeforeEach
    void database() throws Exception {
        db = AnchorDatabase.create("submitter");
        ledger = new FakeAnchorLedger();
        TelemetryFixture telemetry = new TelemetryFixture(db.dataSource(), LAYOUT);
        telemetry.write(
                WindowSealerIT.T0 + 1,
                WsnReadings.batches(0, 1, WindowSealerIT.T0).get(0).readings());
        WindowSealer sealer = new WindowSealer(
                db.dataSource(), LAYOUT, WindowSealerIT.configuration(), W, JsonMapper.createDefault());
        sealer.sealDue(LAYOUT.endOf(W + 2) + 2_000);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private AnchorSubmitter submitter(FakeAnchorLedger ledger, Duration lease) {
        AnchoringConfiguration configuration = WindowSealerIT.configuration(Map.of(
                "biotdm.anchoring.submit-lease",
                lease.toMillis() + "ms",
                "biotdm.anchoring.retry-initial",
                "1m",
                "biotdm.anchoring.submit-concurrency",
                1));
        return new AnchorSubmitter(db.dataSource(), ledger, LAYOUT, configuration, JsonMapper.createDefault());
    }

    private AnchorSubmitter submitter() {
        return submitter(ledger, Duration.ofMinutes(2));
    }

    private String outbox(long window) throws Exception {
        return db.string(
                "SELECT CONCAT_WS(',', status, attempts, IFNULL(tx_id, '-'), IFNULL(block_number, '-'))"
                        + " FROM anchor_outbox WHERE window_id = ?",
                window);
    }

    @Test
    void submits_sealed_windows_oldest_first_and_records_transaction_and_block() throws Exception {
        assertThat(submitter().submitDue()).isEqualTo(3);

        assertThat(ledger.calls()).containsExactly(LAYOUT.ledgerId(W), LAYOUT.ledgerId(W + 1), LAYOUT.ledgerId(W + 2));
        TelemetryAnchor anchored = ledger.getAnchor(LAYOUT.ledgerId(W)).orElseThrow();
        assertThat(anchored.merkleRoot())
                .isEqualTo(db.string("SELECT merkle_root FROM anchor_windows WHERE window_id = ?", W));
        assertThat(anchored.leafCount()).isEqualTo(2);
        assertThat(anchored.startTime()).isEqualTo(LAYOUT.startOf(W));
        assertThat(anchored.endTime()).isEqualTo(LAYOUT.endOf(W));
        assertThat(outbox(W)).isEqualTo("CONFIRMED,1," + String.format("%064x", 11) + ",11");
        assertThat(db.string(
                        "SELECT GROUP_CONCAT(status ORDER BY window_id) FROM anchor_windows"
                                + " WHERE window_id BETWEEN ? AND ?",
                        W,
                        W + 2))
                .isEqualTo("ANCHORED,ANCHORED,ANCHORED");
        assertThat(submitter().submitDue()).isZero();
        assertThat(ledger.calls()).hasSize(3);
    }

    @Test
    void a_ledger_outage_is_retried_later_with_backoff_and_the_error_kept() throws Exception {
        ledger.failNext(new LedgerException(
                LedgerException.Kind.UNAVAILABLE, ErrorCode.LEDGER_UNAVAILABLE, "peer unreachable", null, null));

        assertThat(submitter().submitDue()).isEqualTo(2);

        assertThat(outbox(W)).isEqualTo("PENDING,1,-,-");
        assertThat(db.string("SELECT last_error FROM anchor_outbox WHERE window_id = ?", W))
                .isEqualTo("[LEDGER_UNAVAILABLE] peer unreachable");
        assertThat(db.count(
                        "SELECT TIMESTAMPDIFF(SECOND, UTC_TIMESTAMP(3), next_attempt_at) FROM anchor_outbox"
                                + " WHERE window_id = ?",
                        W))
                .as("due again after retry-initial (1 min)")
                .isBetween(50L, 60L);
        assertThat(submitter().submitDue()).as("not due yet").isZero();
        db.update("UPDATE anchor_outbox SET next_attempt_at = UTC_TIMESTAMP(3) WHERE window_id = ?", W);
        assertThat(submitter().submitDue()).isEqualTo(1);
        assertThat(outbox(W)).startsWith("CONFIRMED,2,");
    }

    @Test
    void submits_a_claimed_batch_concurrently_and_confirms_each_window() throws Exception {
        WindowSealer sealer = new WindowSealer(
                db.dataSource(), LAYOUT, WindowSealerIT.configuration(), W, JsonMapper.createDefault());
        sealer.sealDue(LAYOUT.endOf(W + 7) + 2_000);
        AnchoringConfiguration configuration =
                WindowSealerIT.configuration(Map.of("biotdm.anchoring.submit-concurrency", 8));

        try (AnchorSubmitter submitter =
                new AnchorSubmitter(db.dataSource(), ledger, LAYOUT, configuration, JsonMapper.createDefault())) {
            assertThat(submitter.submitDue()).isEqualTo(8);
        }

        assertThat(ledger.events()).hasSize(8).doesNotHaveDuplicates();
        assertThat(db.count("SELECT COUNT(*) FROM anchor_windows WHERE status = 'ANCHORED'"))
                .isEqualTo(8);
    }

    @Test
    void backoff_doubles_per_attempt_up_to_the_maximum() {
        AnchoringConfiguration configuration = WindowSealerIT.configuration(
                Map.of("biotdm.anchoring.retry-initial", "1s", "biotdm.anchoring.retry-max", "30s"));
        AnchorSubmitter submitter =
                new AnchorSubmitter(db.dataSource(), ledger, LAYOUT, configuration, JsonMapper.createDefault());

        assertThat(List.of(1, 2, 3, 5, 6, 100).stream().map(submitter::backoff))
                .containsExactly(
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(2),
                        Duration.ofSeconds(4),
                        Duration.ofSeconds(16),
                        Duration.ofSeconds(30),
                        Duration.ofSeconds(30));
    }

    @Test
    void a_conflicting_anchor_on_the_ledger_is_an_alarm_and_never_retried() throws Exception {
        ledger.put(new TelemetryAnchor(
                LAYOUT.ledgerId(W), LAYOUT.startOf(W), LAYOUT.endOf(W), "00".repeat(32), 2, MerkleTree.SCHEME));

        submitter().submitDue();
        db.update("UPDATE anchor_outbox SET next_attempt_at = UTC_TIMESTAMP(3)");
        submitter().submitDue();

        assertThat(outbox(W)).isEqualTo("CONFLICT,1,-,-");
        assertThat(db.string("SELECT last_error FROM anchor_outbox WHERE window_id = ?", W))
                .startsWith("[ANCHOR_CONFLICT]");
        assertThat(db.string("SELECT status FROM anchor_windows WHERE window_id = ?", W))
                .isEqualTo("SEALED");
        assertThat(ledger.calls()).filteredOn(LAYOUT.ledgerId(W)::equals).hasSize(1);
    }

    @Test
    void a_crash_after_the_ledger_commit_is_absorbed_by_a_fresh_submitter_exactly_once() throws Exception {
        FakeAnchorLedger crashing = new FakeAnchorLedger() {
            @Override
            public synchronized LedgerReceipt anchorTelemetry(TelemetryAnchor anchor) throws LedgerException {
                ledger.anchorTelemetry(anchor);
                throw new SimulatedCrash();
            }
        };

        assertThatThrownBy(() -> submitter(crashing, Duration.ofMillis(1)).submitDue())
                .isInstanceOf(SimulatedCrash.class);
        assertThat(outbox(W)).as("claimed, never confirmed").isEqualTo("SUBMITTED,1,-,-");

        assertThat(submitter().submitDue())
                .as("a fresh instance after the lease")
                .isEqualTo(3);

        assertThat(ledger.calls()).filteredOn(LAYOUT.ledgerId(W)::equals).hasSize(2);
        assertThat(ledger.events())
                .as("anchored once")
                .containsExactlyInAnyOrder(LAYOUT.ledgerId(W), LAYOUT.ledgerId(W + 1), LAYOUT.ledgerId(W + 2));
        assertThat(outbox(W)).startsWith("CONFIRMED,2,");
        assertThat(db.string("SELECT status FROM anchor_windows WHERE window_id = ?", W))
                .isEqualTo("ANCHORED");
    }

    @Test
    void a_crash_between_sealing_and_any_submission_leaves_the_anchor_pending_for_the_next_instance() throws Exception {
        assertThat(outbox(W)).isEqualTo("PENDING,0,-,-");

        assertThat(submitter().submitDue()).isEqualTo(3);

        assertThat(ledger.events()).hasSize(3).doesNotHaveDuplicates();
    }

    @Test
    void racing_submitters_claim_each_window_once() throws Exception {
        WindowSealer sealer = new WindowSealer(
                db.dataSource(), LAYOUT, WindowSealerIT.configuration(), W, JsonMapper.createDefault());
        sealer.sealDue(LAYOUT.endOf(W + 30) + 2_000);
        int workers = 4;
        CyclicBarrier start = new CyclicBarrier(workers);
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            AnchorSubmitter submitter = submitter();
            results.add(pool.submit(() -> {
                start.await();
                int confirmed = 0;
                for (int round = 0; round < 10; round++) {
                    confirmed += submitter.submitDue();
                }
                return confirmed;
            }));
        }
        int confirmed = 0;
        for (Future<Integer> result : results) {
            confirmed += result.get();
        }
        pool.shutdown();

        assertThat(confirmed).isEqualTo(31);
        assertThat(ledger.calls()).hasSize(31).doesNotHaveDuplicates();
        assertThat(db.count("SELECT COUNT(*) FROM anchor_outbox WHERE status = 'CONFIRMED'"))
                .isEqualTo(31);
    }

    /** Stands for the process dying: not an exception the submitter handles. */
    static final class SimulatedCrash extends Error {
        private static final long serialVersionUID = 1L;
    }
}
