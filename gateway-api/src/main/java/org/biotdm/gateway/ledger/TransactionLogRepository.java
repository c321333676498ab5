package org.biotdm.gateway.ledger;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;

/** Writes {@code blockchain_tx} through Micronaut Data, one auto-commit statement per entry. */
@JdbcRepository(dialect = Dialect.MYSQL)
interface TransactionLogRepository extends GenericRepository<TransactionLogEntry, String> {

    /**
     * Inserts an entry, or updates the outcome of one recorded before under the same transaction ID (MariaDB's
     * {@code ON DUPLICATE KEY UPDATE}: a derived query cannot upsert in one statement).
     *
     * @param entry the entry; on a repeat only its status and block number are written
     */
    @Query("INSERT INTO blockchain_tx (tx_id, function_name, entity_key, submitter, status, block_number, created_at)"
            + " VALUES (:txId, :functionName, :entityKey, :submitter, :status, :blockNumber, :createdAt)"
            + " ON DUPLICATE KEY UPDATE status = VALUES(status), block_number = VALUES(block_number)")
    void upsert(TransactionLogEntry entry);
}
