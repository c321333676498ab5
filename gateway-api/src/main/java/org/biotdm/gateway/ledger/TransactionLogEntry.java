package org.biotdm.gateway.ledger;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;

/**
 * One row of {@code blockchain_tx} (migration V1): a transaction the gateway submitted and its outcome.
 *
 * @param txId the Fabric transaction ID
 * @param functionName the transaction as {@code <contract>:<Transaction>}, at most 64 characters
 * @param entityKey the ledger entity it concerns ({@code <entity>:<id>}), at most 160 characters, or null
 * @param submitter the submitting identity's display name, at most 255 characters, or null
 * @param status the outcome ({@link TransactionLog}), at most 32 characters
 * @param blockNumber the block, or null when not committed
 * @param createdAt when the gateway recorded it (bound as a {@code java.sql.Timestamp})
 */
@MappedEntity("blockchain_tx")
record TransactionLogEntry(
        @Id String txId,
        String functionName,
        @Nullable String entityKey,
        @Nullable String submitter,
        String status,
        @Nullable Long blockNumber,
        Instant createdAt) {}
