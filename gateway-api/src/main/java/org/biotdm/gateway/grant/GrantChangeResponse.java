package org.biotdm.gateway.grant;

import io.micronaut.serde.annotation.Serdeable;

/**
 * A committed grant or revocation.
 *
 * @param grant the grant after the transaction
 * @param transactionId the transaction ID
 * @param blockNumber the block holding it
 */
@Serdeable
public record GrantChangeResponse(LedgerGrant grant, String transactionId, long blockNumber) {}
