package org.biotdm.gateway.anchor;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.annotation.Property;
import io.micronaut.jdbc.DataSourceResolver;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.biotdm.gateway.error.ErrorCode;
import org.biotdm.gateway.ledger.LedgerException;
import org.biotdm.gateway.ledger.LedgerReceipt;
import org.biotdm.gateway.ledger.TransactionLog;
import org.biotdm.gateway.testing.TestDevnet;
import org.biotdm.gateway.testing.TestMariaDb;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** {@link FabricAnchorLedger} against the dev network with Org1's gateway identity. */
@MicronautTest(startApplication = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Property(name = "biotdm.anchoring.enabled", value = "false")
@Property(name = "biotdm.ledger.events-enabled", value = "false")
class FabricAnchorLedgerIT implements TestPropertyProvider {
    @Inject
    AnchorLedger anchors;

    @Inject
    TransactionLog transactionLog;

    @Inject
    DataSource dataSource;

    @Inject
    DataSourceResolver resolver;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>();
        TestDevnet.ledgerProperties(0).forEach((k, v) -> properties.put(k, String.valueOf(v)));
        TestMariaDb.datasourceProperties("anchor_ledger").forEach((k, v) -> properties.put(k, String.valueOf(v)));
        try {
            properties.put(
                    "biotdm.data-dir",
                    Files.createTempDirectory(
                                    Files.createDirectories(Path.of("target", "it-data"))
                                            .toAbsolutePath(),
                                    "anchor-")
                            .toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    private List<String> statuses(String entityKey) throws Exception {
        assertThat(transactionLog.flush(10_000)).isTrue();
        List<String> rows = new ArrayList<>();
        try (Connection connection = resolver.resolve(dataSource).getConnection();
                PreparedStatement statement =
                        connection.prepareStatement("SELECT status FROM blockchain_tx WHERE entity_key = ?")) {
            statement.setString(1, entityKey);
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    rows.add(result.getString(1));
                }
            }
        }
        return rows;
    }

    private static TelemetryAnchor anchor(String windowId, char rootDigit) {
        return new TelemetryAnchor(
                windowId,
                1_700_000_000_000L,
                1_700_000_010_000L,
                String.valueOf(rootDigit).repeat(64),
                42,
                "rfc6962");
    }

    @Test
    void the_injected_anchor_ledger_is_the_fabric_one() {
        assertThat(anchors).isInstanceOf(FabricAnchorLedger.class);
    }

    @Test
    void anchors_a_window_reads_it_back_and_absorbs_an_identical_retry() throws Exception {
        String windowId = "Org1MSP-w-" + System.nanoTime();
        TelemetryAnchor anchor = anchor(windowId, 'a');

        LedgerReceipt first = anchors.anchorTelemetry(anchor);
        LedgerReceipt retry = anchors.anchorTelemetry(anchor);

        assertThat(first.transactionId()).hasSize(64);
        assertThat(first.blockNumber()).isPositive();
        assertThat(retry.transactionId()).isNotEqualTo(first.transactionId());
        assertThat(anchors.getAnchor(windowId)).contains(anchor);
    }

    @Test
    void a_different_root_for_an_anchored_window_is_anchor_conflict() throws Exception {
        String windowId = "Org1MSP-w-" + System.nanoTime();
        anchors.anchorTelemetry(anchor(windowId, 'a'));

        LedgerException e = null;
        try {
            anchors.anchorTelemetry(anchor(windowId, 'b'));
        } catch (LedgerException thrown) {
            e = thrown;
        }

        assertThat(e).isNotNull();
        assertThat(e.kind()).isEqualTo(LedgerException.Kind.CONTRACT);
        assertThat(e.code()).isEqualTo(ErrorCode.ANCHOR_CONFLICT);
        assertThat(e.transactionId()).hasSize(64);
        assertThat(anchors.getAnchor(windowId)).contains(anchor(windowId, 'a'));
    }

    @Test
    void a_window_never_anchored_reads_as_empty() throws Exception {
        assertThat(anchors.getAnchor("Org1MSP-w-never-" + System.nanoTime())).isEmpty();
    }

    @Test
    void concurrent_identical_anchors_all_succeed_through_read_conflict_retries() throws Exception {
        String windowId = "Org1MSP-w-race-" + System.nanoTime();
        TelemetryAnchor anchor = anchor(windowId, 'c');
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Callable<LedgerReceipt>> calls = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                calls.add(() -> anchors.anchorTelemetry(anchor));
            }
            List<LedgerReceipt> receipts = new ArrayList<>();
            for (Future<LedgerReceipt> result : pool.invokeAll(calls)) {
                receipts.add(result.get());
            }

            assertThat(receipts).hasSize(6).allSatisfy(r -> assertThat(r.transactionId())
                    .hasSize(64));
            assertThat(anchors.getAnchor(windowId)).contains(anchor);
        } finally {
            pool.shutdownNow();
        }
    }
}
