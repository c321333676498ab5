package org.biotdm.gateway.ledger;

/**
 * Where a submitted transaction was committed.
 *
 * @param transactionId the Fabric transaction ID
 * @param blockNumber the block the transaction is in
 */
public record LedgerReceipt(String transactionId, long blockNumber) {}
