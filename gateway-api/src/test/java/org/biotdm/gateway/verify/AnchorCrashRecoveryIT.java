package org.biotdm.gateway.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.biotdm.gateway.anchor.AnchorLedger;
import org.biotdm.gateway.anchor.AnchorSubmitter;
import org.biotdm.gateway.anchor.AnchoringConfiguration;
import org.biotdm.gateway.anchor.FabricAnchorLedger;
import org.biotdm.gateway.anchor.TelemetryAnchor;
import org.biotdm.gateway.anchor.TelemetryFixture;
import org.biotdm.gateway.anchor.WindowLayout;
import org.biotdm.gateway.anchor.WindowSealer;
import org.biotdm.gateway.anchor.WsnReadings;
import org.biotdm.gateway.ledger.LedgerException;
import org.biotdm.gateway.ledger.LedgerReceipt;
import org.biotdm.gateway.testing.TestDevnet;
import org.biotdm.gateway.testing.TestMariaDb;
import org.biotdm.gateway.testing.TestSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Exactly-once anchoring across crashes, on the real chaincode: the service dies after the ledger committed an anchor
 * but before it recorded the confirmation, or after sealing but before submitting; a fresh instance finishes the job
 * and the ledger's audit trail shows one write per window.
 */
@MicronautTest(startApplication = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnchorCrashRecoveryIT implements TestPropertyProvider {
    private final Map<String, String> properties = new HashMap<>();

    @Inject
    DataSource dataSource;

    @Inject
    AnchorLedger anchorLedger;

    @Inject
    WindowLayout layout;

    @Inject
    AnchoringConfiguration configuration;

    private DataSource db;
    private LedgerReader ledger;

    @Override
    public Map<String, String> getProperties() {
        TestDevnet.ledgerProperties(0).forEach((k, v) -> properties.put(k, String.valueOf(v)));
        TestMariaDb.datasourceProperties("anchoring_crash").forEach((k, v) -> properties.put(k, String.valueOf(v)));
        try {
            properties.put(
                    "biotdm.data-dir",
                    Files.createTempDirectory(
                                    Files.createDirectories(Path.of("target", "it-data"))
                                            .toAbsolutePath(),
                                    "crash-")
                            .toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        properties.put("biotdm.ledger.events-enabled", "false");
        properties.put("biotdm.anchoring.enabled", "false");
        properties.put("biotdm.anchoring.gateway-id", "crash" + Long.toString(System.nanoTime() % 1_000_000_000L, 36));
        return properties;
    }

    @BeforeAll
    void connect() throws IOException {
        db = DelegatingDataSource.unwrapDataSource(dataSource);
        ledger = LedgerReader.connect(2);
    }

    @AfterAll
    void close() {
        ledger.close();
    }

    private WindowSealer sealer(long startWindow) {
        return new WindowSealer(db, layout, configuration, startWindow, JsonMapper.createDefault());
    }

    private AnchorSubmitter submitter(AnchorLedger through, Duration lease) {
        AnchoringConfiguration leased = TestSettings.bind(
                AnchoringConfiguration.class, Map.of("biotdm.anchoring.submit-lease", lease.toMillis() + "ms"));
        return new AnchorSubmitter(db, through, layout, leased, JsonMapper.createDefault());
    }

    private long sealOneWindowWithReadings() throws SQLException {
        long now = System.currentTimeMillis();
        long window = sealer(layout.windowOf(now)).nextToSeal();
        TelemetryFixture.Written written = new TelemetryFixture(db, layout)
                .write(
                        layout.startOf(window) + 1,
                        WsnReadings.batches(100, 3, now).get(0).readings());
        assertThat(written.window()).isEqualTo(window);
        assertThat(sealer(window).seal(window)).isEqualTo(WindowSealer.Outcome.SEALED);
        return window;
    }

    @Test
    void a_crash_after_the_ledger_commit_is_resubmitted_and_absorbed_by_the_chaincode() throws Exception {
        assertThat(anchorLedger).isInstanceOf(FabricAnchorLedger.class);
        long window = sealOneWindowWithReadings();
        AnchorLedger dyingAfterCommit = new AnchorLedger() {
            @Override
            public LedgerReceipt anchorTelemetry(TelemetryAnchor anchor) throws LedgerException {
                anchorLedger.anchorTelemetry(anchor);
                throw new ProcessKilled();
            }

            @Override
            public Optional<TelemetryAnchor> getAnchor(String windowId) throws LedgerException {
                return anchorLedger.getAnchor(windowId);
            }
        };

        assertThatThrownBy(
                        () -> submitter(dyingAfterCommit, Duration.ofMillis(1)).submitDue())
                .isInstanceOf(ProcessKilled.class);
        assertThat(ledger.writes(layout.ledgerId(window)))
                .as("the ledger has it already")
                .isEqualTo(1);
        assertThat(outbox(window)).isEqualTo("SUBMITTED,1");

        assertThat(submitter(anchorLedger, Duration.ofMinutes(2)).submitDue()).isPositive();

        assertThat(outbox(window)).isEqualTo("CONFIRMED,2");
        assertThat(ledger.writes(layout.ledgerId(window)))
                .as("anchored exactly once")
                .isEqualTo(1);
        assertThat(ledger.anchor(layout.ledgerId(window)).get("merkleRoot").getStringValue())
                .isEqualTo(string("SELECT merkle_root FROM anchor_windows WHERE window_id = ?", window));
    }

    @Test
    void a_sealed_window_left_by_a_stopped_service_is_anchored_by_the_restarted_one() throws Exception {
        long window = sealOneWindowWithReadings();
        assertThat(outbox(window)).isEqualTo("PENDING,0");
        Map<String, Object> restarted = new HashMap<>(properties);
        restarted.put("biotdm.anchoring.enabled", "true");
        restarted.put("biotdm.anchoring.submit-interval", "100ms");

        try (ApplicationContext service = ApplicationContext.run(restarted)) {
            long deadline = System.currentTimeMillis() + 60_000;
            while (!outbox(window).startsWith("CONFIRMED") && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            assertThat(service.isRunning()).isTrue();
        }

        assertThat(outbox(window)).isEqualTo("CONFIRMED,1");
        assertThat(string("SELECT status FROM anchor_windows WHERE window_id = ?", window))
                .isEqualTo("ANCHORED");
        assertThat(ledger.writes(layout.ledgerId(window))).isEqualTo(1);
    }

    private String outbox(long window) throws SQLException {
        return string("SELECT CONCAT_WS(',', status, attempts) FROM anchor_outbox WHERE window_id = ?", window);
    }

    private String string(String sql, long window) throws SQLException {
        try (var c = db.getConnection();
                var select = c.prepareStatement(sql)) {
            select.setLong(1, window);
            try (var rs = select.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** Stands for the process dying: nothing the submitter catches. */
    static final class ProcessKilled extends Error {
        private static final long serialVersionUID = 1L;
    }
}
