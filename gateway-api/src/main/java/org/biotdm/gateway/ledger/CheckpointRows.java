package org.biotdm.gateway.ledger;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.connection.ConnectionDefinition;
import io.micronaut.data.connection.annotation.Connectable;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.Optional;

/**
 * The {@code event_checkpoints} table. Every call takes its own connection in auto-commit, outside any transaction of
 * the caller: a checkpoint records what a listener finished, whatever happens to the work around it.
 */
@JdbcRepository(dialect = Dialect.MYSQL)
@Connectable(propagation = ConnectionDefinition.Propagation.REQUIRES_NEW)
interface CheckpointRows extends GenericRepository<CheckpointRow, String> {

    /**
     * Reads a listener's row.
     *
     * @param listener the listener name
     * @return the row, or empty
     */
    Optional<CheckpointRow> findById(String listener);

    /**
     * Inserts or replaces a listener's row (MariaDB upsert, one statement, so concurrent savers cannot collide on the
     * primary key).
     *
     * @param listener the listener name
     * @param blockNumber the block of the last processed event
     * @param txId the transaction of the last processed event, or null
     */
    @Query("INSERT INTO event_checkpoints (listener, block_number, tx_id) VALUES (:listener, :blockNumber, :txId)"
            + " ON DUPLICATE KEY UPDATE block_number = VALUES(block_number), tx_id = VALUES(tx_id)")
    void upsert(String listener, long blockNumber, @Nullable String txId);
}
