package org.biotdm.gateway.group;

import io.micronaut.serde.annotation.Serdeable;

/**
 * A committed group write.
 *
 * @param group the group after the transaction
 * @param transactionId the transaction ID
 * @param blockNumber the block holding it
 */
@Serdeable
public record GroupChangeResponse(LedgerGroup group, String transactionId, long blockNumber) {}
