package org.biotdm.gateway.anchor;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.json.JsonMapper;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.biotdm.gateway.testing.TestSettings;
import org.biotdm.protocol.anchor.IndependentMerkle;
import org.biotdm.protocol.anchor.ReadingLeaf;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WindowSealerIT {
    static final long T0 = 1_700_000_000_000L;
    static final WindowLayout LAYOUT = new WindowLayout(10_000, "Org1MSP", "gwtest");
    static final long W = LAYOUT.windowOf(T0);

    private AnchorDatabase db;
    private TelemetryFixture telemetry;

    @BeforeEach
    void database() {
        db = AnchorDatabase.create("sealer");
        telemetry = new TelemetryFixture(db.dataSource(), LAYOUT);
    }

    @AfterEach
    void close() {
        db.close();
    }

    static AnchoringConfiguration configuration() {
        return configuration(Map.of());
    }

    static AnchoringConfiguration configuration(Map<String, Object> overrides) {
        Map<String, Object> settings = new HashMap<>(overrides);
        settings.put("biotdm.anchoring.window-ms", LAYOUT.windowMs());
        settings.put("biotdm.anchoring.gateway-id", LAYOUT.gatewayId());
        return TestSettings.bind(AnchoringConfiguration.class, settings);
    }

    private WindowSealer sealer() {
        return new WindowSealer(db.dataSource(), LAYOUT, configuration(), W, JsonMapper.createDefault());
    }

    private static long dueTime(long window) {
        return LAYOUT.endOf(window) + 2_000;
    }

    @Test
    void seals_an_empty_window_with_zero_leaves_and_the_empty_root() throws Exception {
        assertThat(sealer().seal(W)).isEqualTo(WindowSealer.Outcome.SEALED);

        assertThat(db.string(
                        "SELECT CONCAT_WS(',', status, leaf_count, merkle_root, hash_scheme, ledger_window_id)"
                                + " FROM anchor_windows WHERE window_id = ?",
                        W))
                .isEqualTo("SEALED,0,e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855,"
                        + "biotdm-merkle-sha256-v1,Org1MSP-gwtest-170000000");
        assertThat(db.string("SELECT payload_json FROM anchor_outbox WHERE window_id = ? AND status = 'PENDING'", W))
                .isEqualTo("{\"windowId\":\"Org1MSP-gwtest-170000000\",\"startTime\":1700000000000,"
                        + "\"endTime\":1700000010000,"
                        + "\"merkleRoot\":\"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\","
                        + "\"leafCount\":0,\"hashScheme\":\"biotdm-merkle-sha256-v1\"}");
    }

    @Test
    void root_and_leaf_indexes_match_an_independent_computation_over_real_readings() throws Exception {
        List<ReadingLeaf> readings = new ArrayList<>();
        WsnReadings.batches(0, 6, T0).forEach(b -> readings.addAll(b.readings()));
        WsnReadings.batches(4417, 6, T0).forEach(b -> readings.addAll(b.readings()));
        List<ReadingLeaf> shuffled = new ArrayList<>(readings);
        Collections.shuffle(shuffled, new java.util.Random(7));
        Map<ReadingLeaf, Long> ids = new HashMap<>();
        TelemetryFixture.Written first = telemetry.write(T0 + 100, shuffled.subList(0, 10));
        TelemetryFixture.Written second = telemetry.write(T0 + 9_999, shuffled.subList(10, shuffled.size()));
        for (int i = 0; i < shuffled.size(); i++) {
            ids.put(shuffled.get(i), i < 10 ? first.ids().get(i) : second.ids().get(i - 10));
        }

        sealer().seal(W);

        List<ReadingLeaf> expectedOrder = new ArrayList<>(readings);
        expectedOrder.sort(Comparator.comparing(
                        (ReadingLeaf r) -> r.deviceId().getBytes(StandardCharsets.UTF_8),
                        java.util.Arrays::compareUnsigned)
                .thenComparingLong(ReadingLeaf::batchSeq)
                .thenComparing(r -> r.sensor().getBytes(StandardCharsets.UTF_8), java.util.Arrays::compareUnsigned));
        List<byte[]> leafBytes = new ArrayList<>();
        expectedOrder.forEach(r -> leafBytes.add(IndependentMerkle.leafBytes(
                r.deviceId(), r.batchSeq(), r.sensor(), r.ts(), r.kind(), r.valueText(), r.unit())));
        assertThat(db.string("SELECT merkle_root FROM anchor_windows WHERE window_id = ?", W))
                .isEqualTo(IndependentMerkle.hex(IndependentMerkle.rootOfData(leafBytes)));
        assertThat(db.count("SELECT leaf_count FROM anchor_windows WHERE window_id = ?", W))
                .isEqualTo(24);
        for (int i = 0; i < expectedOrder.size(); i++) {
            long id = ids.get(expectedOrder.get(i));
            assertThat(db.count("SELECT leaf_index FROM telemetry WHERE id = ?", id))
                    .isEqualTo(i);
            assertThat(db.string(
                            "SELECT HEX(leaf_hash) FROM anchor_leaves WHERE window_id = ? AND leaf_index = ?"
                                    + " AND telemetry_id = ?",
                            W,
                            i,
                            id))
                    .isEqualToIgnoringCase(
                            IndependentMerkle.hex(IndependentMerkle.sha256(new byte[] {0}, leafBytes.get(i))));
        }
    }

    @Test
    void seals_due_windows_in_order_without_gaps_and_anchors_empty_ones() throws Exception {
        telemetry.write(T0 + 5, WsnReadings.batches(0, 1, T0).get(0).readings());
        telemetry.write(
                LAYOUT.startOf(W + 3), WsnReadings.batches(1, 2, T0).get(1).readings());
        WindowSealer sealer = sealer();

        assertThat(sealer.sealDue(dueTime(W + 4) - 1)).containsExactly(W, W + 1, W + 2, W + 3);
        assertThat(sealer.sealDue(dueTime(W + 4))).containsExactly(W + 4);
        assertThat(sealer.sealDue(dueTime(W + 4))).isEmpty();

        assertThat(db.string("SELECT GROUP_CONCAT(leaf_count ORDER BY window_id) FROM anchor_windows"
                        + " WHERE status = 'SEALED'"))
                .isEqualTo("2,0,0,2,0");
        assertThat(db.count("SELECT COUNT(*) FROM anchor_outbox")).isEqualTo(5);
        assertThat(db.string(
                        "SELECT GROUP_CONCAT(status ORDER BY window_id) FROM anchor_windows WHERE window_id > ?",
                        W + 4))
                .as("the current and next window are opened ahead of writers")
                .isEqualTo("OPEN,OPEN");
    }

    @Test
    void starts_at_the_oldest_window_with_readings_before_the_service_start() throws Exception {
        telemetry.write(
                LAYOUT.startOf(W - 2), WsnReadings.batches(0, 1, T0).get(0).readings());

        assertThat(sealer().nextToSeal()).isEqualTo(W - 2);
        assertThat(sealer().sealDue(dueTime(W))).containsExactly(W - 2, W - 1, W);
    }

    @Test
    void a_writer_arriving_after_sealing_joins_the_next_open_window() throws Exception {
        sealer().seal(W);

        TelemetryFixture.Written late =
                telemetry.write(T0 + 9_000, WsnReadings.batches(0, 1, T0).get(0).readings());

        assertThat(late.window()).isEqualTo(W + 1);
        assertThat(db.count("SELECT COUNT(*) FROM telemetry WHERE window_id = ?", W))
                .isZero();
        assertThat(db.count("SELECT leaf_count FROM anchor_windows WHERE window_id = ?", W))
                .isZero();
    }

    @Test
    void sealing_waits_for_a_writer_holding_the_window_and_includes_its_readings() throws Exception {
        ReadingLeaf reading = WsnReadings.batches(0, 1, T0).get(0).readings().get(0);
        try (Connection writer = db.dataSource().getConnection()) {
            writer.setAutoCommit(false);
            telemetry.writeInTransaction(writer, T0 + 9_999, List.of(reading));
            CompletableFuture<WindowSealer.Outcome> sealing = CompletableFuture.supplyAsync(() -> {
                try {
                    return sealer().seal(W);
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            // The sealer's statement on the window row stays in the process list while the writer holds the row.
            // Client- and server-side prepared statements show as 'Query' and 'Execute' respectively.
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(40);
            while (db.count("SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE ID <> CONNECTION_ID()"
                            + " AND COMMAND IN ('Query', 'Execute') AND (INFO LIKE 'INSERT IGNORE INTO anchor_windows%'"
                            + " OR INFO LIKE 'SELECT status FROM anchor_windows%FOR UPDATE')")
                    == 0) {
                assertThat(sealing).as("sealing must wait for the writer").isNotDone();
                assertThat(System.nanoTime())
                        .as("the sealer never reached the window row")
                        .isLessThan(deadline);
                Thread.sleep(20);
            }
            assertThat(sealing).isNotDone();
            writer.commit();

            assertThat(sealing.get()).isEqualTo(WindowSealer.Outcome.SEALED);
        }
        assertThat(db.string("SELECT merkle_root FROM anchor_windows WHERE window_id = ?", W))
                .isEqualTo(IndependentMerkle.hex(IndependentMerkle.sha256(new byte[] {0}, reading.bytes())));
    }

    @Test
    void racing_sealers_seal_every_window_exactly_once() throws Exception {
        int windows = 40;
        List<WsnReadings.Batch> batches = WsnReadings.batches(0, windows * 2, T0);
        for (int i = 0; i < windows * 2; i++) {
            telemetry.write(LAYOUT.startOf(W + i / 2) + 1_000, batches.get(i).readings());
        }
        int workers = 4;
        CyclicBarrier start = new CyclicBarrier(workers);
        ExecutorService pool = Executors.newFixedThreadPool(workers);
        List<Future<List<Long>>> results = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            WindowSealer sealer = sealer();
            Callable<List<Long>> run = () -> {
                start.await();
                List<Long> sealed = new ArrayList<>();
                for (int round = 0; round < 5; round++) {
                    sealed.addAll(sealer.sealDue(dueTime(W + windows - 1)));
                }
                return sealed;
            };
            results.add(pool.submit(run));
        }
        List<Long> all = new ArrayList<>();
        for (Future<List<Long>> result : results) {
            all.addAll(result.get());
        }
        pool.shutdown();

        assertThat(all).hasSize(windows).doesNotHaveDuplicates();
        assertThat(all)
                .containsExactlyInAnyOrderElementsOf(java.util.stream.LongStream.range(W, W + windows)
                        .boxed()
                        .toList());
        assertThat(db.count("SELECT COUNT(*) FROM anchor_outbox")).isEqualTo(windows);
        assertThat(db.count("SELECT COUNT(*) FROM anchor_leaves")).isEqualTo(windows * 4L);
        assertThat(db.count("SELECT COUNT(DISTINCT leaf_count) FROM anchor_windows WHERE status = 'SEALED'"))
                .isEqualTo(1);
    }
}
