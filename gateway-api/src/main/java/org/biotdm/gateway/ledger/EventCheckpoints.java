package org.biotdm.gateway.ledger;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.jdbc.DataSourceResolver;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.OptionalLong;
import javax.sql.DataSource;
import org.hyperledger.fabric.client.Checkpoint;

/**
 * Persists the resume points of chaincode event listeners in the {@code event_checkpoints} table, one row per
 * listener name: the block number and transaction ID of the last event the listener finished with.
 *
 * <p>A stored checkpoint is a fabric-gateway {@link Checkpoint}: passed to {@code
 * ChaincodeEventsRequest.Builder.checkpoint}, the stream restarts at that block and skips events up to and including
 * that transaction, as the peer's {@code chaincodeevents.go} does with {@code after_transaction_id}.
 */
@Singleton
public class EventCheckpoints {
    private static final String SELECT = "SELECT block_number, tx_id FROM event_checkpoints WHERE listener = ?";
    private static final String UPSERT = "INSERT INTO event_checkpoints (listener, block_number, tx_id)"
            + " VALUES (?, ?, ?) ON DUPLICATE KEY UPDATE block_number = VALUES(block_number), tx_id = VALUES(tx_id)";

    private final DataSource dataSource;

    /**
     * Creates the store.
     *
     * @param dataSource the database
     * @param resolver unwraps the transaction-aware proxy (these statements run on their own, in auto-commit), or null
     */
    public EventCheckpoints(DataSource dataSource, @Nullable DataSourceResolver resolver) {
        this.dataSource = resolver == null ? dataSource : resolver.resolve(dataSource);
    }

    /**
     * Reads a listener's checkpoint.
     *
     * @param listener the listener name, for example {@code device-registry}
     * @return the checkpoint, or empty when the listener never processed an event
     * @throws SQLException when the database cannot be read
     */
    public Optional<StoredCheckpoint> load(String listener) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(SELECT)) {
            statement.setString(1, listener);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next()
                        ? Optional.of(new StoredCheckpoint(rows.getLong(1), rows.getString(2)))
                        : Optional.empty();
            }
        }
    }

    /**
     * Stores a listener's checkpoint, replacing the previous one.
     *
     * @param listener the listener name
     * @param blockNumber the block of the last processed event
     * @param transactionId the transaction of the last processed event
     * @throws SQLException when the database cannot be written
     */
    public void save(String listener, long blockNumber, String transactionId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(UPSERT)) {
            statement.setString(1, listener);
            statement.setLong(2, blockNumber);
            statement.setString(3, transactionId);
            statement.executeUpdate();
        }
    }

    /**
     * A persisted resume point.
     *
     * @param blockNumber the block of the last processed event
     * @param transactionId the transaction of the last processed event, or null to resume at the start of the block
     */
    public record StoredCheckpoint(long blockNumber, String transactionId) implements Checkpoint {
        @Override
        public OptionalLong getBlockNumber() {
            return OptionalLong.of(blockNumber);
        }

        @Override
        public Optional<String> getTransactionId() {
            return Optional.ofNullable(transactionId);
        }
    }
}
