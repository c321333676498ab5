package org.biotdm.chaincode.it;

import com.google.protobuf.InvalidProtocolBufferException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockMetadataIndex;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.Transaction;
import org.hyperledger.fabric.protos.peer.TransactionAction;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * Reads the endorser transactions of a block with the plain Fabric protobufs, independently of the devnet's own
 * parser: id, validation code, the keys the chaincode wrote and the chaincode event it set.
 */
final class BlockTransactions {
    private BlockTransactions() {}

    /**
     * One endorser transaction of a block.
     *
     * @param txId the transaction id
     * @param code the validation code from the block's transaction filter
     * @param writes the keys written in the chaincode's namespace, in write-set order
     * @param event the chaincode event, if the transaction set one
     */
    record Tx(String txId, TxValidationCode code, List<String> writes, Optional<ChaincodeEvent> event) {}

    /**
     * Parses the endorser transactions of a block; configuration transactions are skipped.
     *
     * @param block the block
     * @param namespace the chaincode whose writes to list
     * @return the transactions in block order
     */
    static List<Tx> of(Block block, String namespace) {
        byte[] filter = block.getMetadata()
                .getMetadata(BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE)
                .toByteArray();
        List<Tx> transactions = new ArrayList<>();
        try {
            for (int i = 0; i < block.getData().getDataCount(); i++) {
                Payload payload = Payload.parseFrom(
                        Envelope.parseFrom(block.getData().getData(i)).getPayload());
                ChannelHeader header =
                        ChannelHeader.parseFrom(payload.getHeader().getChannelHeader());
                if (header.getType() == HeaderType.ENDORSER_TRANSACTION_VALUE) {
                    transactions.add(endorserTransaction(
                            header.getTxId(), TxValidationCode.forNumber(filter[i]), payload, namespace));
                }
            }
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("block " + block.getHeader().getNumber() + " does not parse", e);
        }
        return transactions;
    }

    private static Tx endorserTransaction(String txId, TxValidationCode code, Payload payload, String namespace)
            throws InvalidProtocolBufferException {
        List<String> writes = new ArrayList<>();
        Optional<ChaincodeEvent> event = Optional.empty();
        for (TransactionAction action : Transaction.parseFrom(payload.getData()).getActionsList()) {
            ChaincodeAction chaincodeAction = ChaincodeAction.parseFrom(
                    ProposalResponsePayload.parseFrom(ChaincodeActionPayload.parseFrom(action.getPayload())
                                    .getAction()
                                    .getProposalResponsePayload())
                            .getExtension());
            for (NsReadWriteSet ns :
                    TxReadWriteSet.parseFrom(chaincodeAction.getResults()).getNsRwsetList()) {
                if (ns.getNamespace().equals(namespace)) {
                    for (KVWrite write : KVRWSet.parseFrom(ns.getRwset()).getWritesList()) {
                        writes.add(write.getKey());
                    }
                }
            }
            if (!chaincodeAction.getEvents().isEmpty()) {
                event = Optional.of(ChaincodeEvent.parseFrom(chaincodeAction.getEvents()));
            }
        }
        return new Tx(txId, code, List.copyOf(writes), event);
    }
}
