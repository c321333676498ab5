package org.biotdm.gateway.ledger;

import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import org.biotdm.gateway.db.RepositoryCalls;
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
    private final CheckpointRows rows;

    /**
     * Creates the store.
     *
     * @param rows the table (each call on its own connection, in auto-commit)
     */
    EventCheckpoints(CheckpointRows rows) {
        this.rows = rows;
    }

    /**
     * Returns checkpoints kept in this process's memory only, for a listener that needs no resumption across restarts
     * (one that only wakes what waits on this instance) but must not lose events when its stream reconnects.
     *
     * @return a store of its own, empty
     */
    public static EventCheckpoints inMemory() {
        return new InMemory();
    }

    /**
     * Reads a listener's checkpoint.
     *
     * @param listener the listener name, for example {@code device-registry}
     * @return the checkpoint, or empty when the listener never processed an event
     * @throws SQLException when the database cannot be read
     */
    public Optional<StoredCheckpoint> load(String listener) throws SQLException {
        return RepositoryCalls.call(() -> rows.findById(listener))
                .map(row -> new StoredCheckpoint(row.blockNumber(), row.txId()));
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
        RepositoryCalls.run(() -> rows.upsert(listener, blockNumber, transactionId));
    }

    /** Checkpoints in a map, keyed by the few listener names of this process (never client input). */
    private static final class InMemory extends EventCheckpoints {
        private final Map<String, StoredCheckpoint> stored = new ConcurrentHashMap<>();

        InMemory() {
            super(null);
        }

        @Override
        public Optional<StoredCheckpoint> load(String listener) {
            return Optional.ofNullable(stored.get(listener));
        }

        @Override
        public void save(String listener, long blockNumber, String transactionId) {
            stored.put(listener, new StoredCheckpoint(blockNumber, transactionId));
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
