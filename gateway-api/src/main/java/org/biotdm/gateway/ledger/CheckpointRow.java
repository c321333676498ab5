package org.biotdm.gateway.ledger;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

/**
 * A row of {@code event_checkpoints} ({@code updated_at} is kept by the database and not mapped).
 *
 * @param listener the listener name
 * @param blockNumber the block of the last processed event
 * @param txId the transaction of the last processed event, or null to resume at the start of the block
 */
@MappedEntity("event_checkpoints")
record CheckpointRow(@Id String listener, long blockNumber, @Nullable String txId) {}
