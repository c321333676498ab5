package org.biotdm.gateway.ledger;

/**
 * What a committed transaction returned.
 *
 * @param transactionId the Fabric transaction ID
 * @param blockNumber the block the transaction is in
 * @param payload the chaincode's response payload (the transaction's return value, JSON for BIoT-DM)
 */
public record LedgerResult(String transactionId, long blockNumber, byte[] payload) {

    /**
     * Returns where the transaction was committed.
     *
     * @return the transaction ID and block number
     */
    public LedgerReceipt receipt() {
        return new LedgerReceipt(transactionId, blockNumber);
    }
}
