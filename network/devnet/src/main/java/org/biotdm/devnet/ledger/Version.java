package org.biotdm.devnet.ledger;

import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.Version.Builder;

/**
 * The height at which a key was last written: block number and the transaction's index inside that block, as Fabric's
 * {@code kvrwset.Version}.
 *
 * @param blockNum the block number, from 0
 * @param txNum the transaction index inside the block, from 0
 */
public record Version(long blockNum, long txNum) {

    /**
     * Returns the protobuf form used in read sets.
     *
     * @return the {@code kvrwset.Version} message
     */
    public org.hyperledger.fabric.protos.ledger.rwset.kvrwset.Version toProto() {
        Builder builder = org.hyperledger.fabric.protos.ledger.rwset.kvrwset.Version.newBuilder();
        return builder.setBlockNum(blockNum).setTxNum(txNum).build();
    }
}
