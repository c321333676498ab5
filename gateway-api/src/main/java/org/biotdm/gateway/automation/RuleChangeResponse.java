package org.biotdm.gateway.automation;

import io.micronaut.serde.annotation.Serdeable;

/**
 * A committed rule write.
 *
 * @param rule the rule after the transaction
 * @param transactionId the transaction ID
 * @param blockNumber the block holding it
 */
@Serdeable
public record RuleChangeResponse(LedgerRule rule, String transactionId, long blockNumber) {}
