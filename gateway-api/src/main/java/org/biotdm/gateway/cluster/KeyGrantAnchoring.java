package org.biotdm.gateway.cluster;

import io.micronaut.context.annotation.Requires;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.biotdm.gateway.anchor.AnchorLedger;
import org.biotdm.gateway.anchor.Jdbc;
import org.biotdm.gateway.anchor.TelemetryAnchor;
import org.biotdm.gateway.anchor.WindowLayout;
import org.biotdm.gateway.ledger.LedgerException;
import org.biotdm.gateway.ledger.LedgerReceipt;
import org.biotdm.protocol.anchor.MerkleTree;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Anchors recorded key-grant hashes on the ledger in batches, like telemetry windows: every {@code
 * biotdm.cluster.anchor-interval} the grants not yet in a batch (at most {@code anchor-batch-max}, oldest first) are
 * sealed into one batch whose RFC 6962 Merkle root, over leaf hashes {@code SHA-256(00 ‖ grant SHA-256)}, is submitted
 * with one {@code AnchorTelemetry} transaction under the window ID {@code <mspId>-<gatewayId>-kg-<ms>} and hash scheme
 * {@value #SCHEME}. The ledger thus sees one transaction per interval whatever the key issue rate, and a grant's
 * inclusion is provable from its batch. A failed submission is retried on the next run; the chaincode accepts the
 * identical anchor again without writing, so a batch is anchored once.
 */
@Singleton
@Requires(beans = {AnchorLedger.class, WindowLayout.class})
@Requires(property = "biotdm.anchoring.gateway-id")
public class KeyGrantAnchoring {
    /** The hash scheme recorded with every key-grant anchor. */
    public static final String SCHEME = "biotdm-keygrant-merkle-sha256-v1";

    private static final Logger LOG = LoggerFactory.getLogger(KeyGrantAnchoring.class);
    private static final HexFormat HEX = HexFormat.of();

    private final DataSource dataSource;
    private final AnchorLedger ledger;
    private final String idPrefix;
    private final int batchMax;
    private final KeyGrantRepository grants = new KeyGrantRepository();

    /**
     * Creates the worker.
     *
     * @param dataSource the database
     * @param ledger the ledger
     * @param layout the window layout, whose MSP and gateway IDs start every batch ID
     * @param configuration the batch bound
     */
    public KeyGrantAnchoring(
            DataSource dataSource, AnchorLedger ledger, WindowLayout layout, ClusterConfiguration configuration) {
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
        this.ledger = ledger;
        this.idPrefix = layout.mspId() + "-" + layout.gatewayId() + "-kg-";
        this.batchMax = configuration.anchorBatchMax();
    }

    /** Seals and submits what is due; a failure is logged and repeated on the next run. */
    @Scheduled(fixedDelay = "${biotdm.cluster.anchor-interval}", initialDelay = "1s")
    void run() {
        try {
            sealDue(System.currentTimeMillis());
            submitDue();
        } catch (SQLException | RuntimeException e) {
            LOG.warn("Anchoring key grants failed, retrying on the next run: {}", e.toString());
        }
    }

    /**
     * Seals the grants not yet in a batch.
     *
     * @param now the batch's name, epoch milliseconds
     * @return the sealed batch's ID, or empty when no grant was waiting
     * @throws SQLException on database failure (nothing is sealed)
     */
    public Optional<String> sealDue(long now) throws SQLException {
        return Jdbc.inTransaction(dataSource, c -> {
            List<KeyGrantRepository.Row> rows = grants.claimUnbatched(c, batchMax);
            if (rows.isEmpty()) {
                return Optional.empty();
            }
            MerkleTree tree = MerkleTree.ofLeafHashes(rows.stream()
                    .map(row -> MerkleTree.leafHash(HEX.parseHex(row.grantSha256())))
                    .toList());
            KeyGrantRepository.Batch batch = new KeyGrantRepository.Batch(
                    idPrefix + now,
                    rows.get(0).recordedAt(),
                    rows.get(rows.size() - 1).recordedAt() + 1,
                    tree.rootHex(),
                    rows.size());
            grants.seal(c, batch, rows);
            return Optional.of(batch.batchId());
        });
    }

    /**
     * Submits the sealed batches, oldest first, until none is left or one fails.
     *
     * @return how many batches the ledger confirmed
     * @throws SQLException on database failure
     */
    public int submitDue() throws SQLException {
        int confirmed = 0;
        for (Optional<KeyGrantRepository.Batch> batch = Jdbc.autoCommit(dataSource, grants::oldestSealed);
                batch.isPresent();
                batch = Jdbc.autoCommit(dataSource, grants::oldestSealed)) {
            if (!submit(batch.get())) {
                break;
            }
            confirmed++;
        }
        return confirmed;
    }

    private boolean submit(KeyGrantRepository.Batch batch) throws SQLException {
        try {
            LedgerReceipt receipt = ledger.anchorTelemetry(new TelemetryAnchor(
                    batch.batchId(),
                    batch.startTime(),
                    batch.endTime(),
                    batch.merkleRoot(),
                    batch.leafCount(),
                    SCHEME));
            Jdbc.autoCommit(dataSource, c -> {
                grants.anchored(c, batch.batchId(), receipt.transactionId(), receipt.blockNumber());
                return null;
            });
            return true;
        } catch (LedgerException e) {
            LOG.warn("Anchoring key-grant batch {} failed, retrying: {}", batch.batchId(), e.getMessage());
            return false;
        }
    }
}
