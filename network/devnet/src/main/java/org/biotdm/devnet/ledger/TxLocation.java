package org.biotdm.devnet.ledger;

import java.util.Objects;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * Where a transaction ID was first recorded in the chain and how it was validated, as Fabric's block index answers
 * {@code GetTransactionByID} and the gateway's CommitStatus.
 *
 * @param blockNum the block number
 * @param txNum the transaction index inside the block
 * @param code the block's TRANSACTIONS_FILTER entry for it; {@code NOT_VALIDATED} in blocks without a filter
 */
public record TxLocation(long blockNum, int txNum, TxValidationCode code) {

    /**
     * Creates the location.
     *
     * @param blockNum the block number, not negative
     * @param txNum the transaction index, not negative
     * @param code the validation code, not null
     */
    public TxLocation {
        if (blockNum < 0 || txNum < 0) {
            throw new IllegalArgumentException("negative block or transaction number");
        }
        Objects.requireNonNull(code, "code");
    }
}
