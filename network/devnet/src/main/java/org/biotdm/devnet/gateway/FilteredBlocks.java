package org.biotdm.devnet.gateway;

import com.google.protobuf.InvalidProtocolBufferException;
import org.biotdm.devnet.ledger.Blocks;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.FilteredBlock;
import org.hyperledger.fabric.protos.peer.FilteredChaincodeAction;
import org.hyperledger.fabric.protos.peer.FilteredTransaction;
import org.hyperledger.fabric.protos.peer.FilteredTransactionActions;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.Transaction;
import org.hyperledger.fabric.protos.peer.TransactionAction;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * Builds the {@code FilteredBlock} of a committed block as Fabric's {@code core/peer/deliverevents.go}: per transaction
 * its ID, header type and validation code, and for endorser transactions the chaincode event without its payload.
 */
final class FilteredBlocks {
    private FilteredBlocks() {}

    static FilteredBlock of(String channelId, Block block) {
        byte[] filter = Blocks.transactionFilter(block);
        FilteredBlock.Builder filtered = FilteredBlock.newBuilder()
                .setChannelId(channelId)
                .setNumber(block.getHeader().getNumber());
        for (int i = 0; i < block.getData().getDataCount(); i++) {
            try {
                Envelope envelope = Envelope.parseFrom(block.getData().getData(i));
                Payload payload = Payload.parseFrom(envelope.getPayload());
                ChannelHeader header =
                        ChannelHeader.parseFrom(payload.getHeader().getChannelHeader());
                FilteredTransaction.Builder tx = FilteredTransaction.newBuilder()
                        .setTxid(header.getTxId())
                        .setTypeValue(header.getType())
                        .setTxValidationCode(TxValidationCode.forNumber(filter[i] & 0xff));
                if (header.getType() == HeaderType.ENDORSER_TRANSACTION_VALUE) {
                    tx.setTransactionActions(actions(Transaction.parseFrom(payload.getData())));
                }
                filtered.addFilteredTransactions(tx);
            } catch (InvalidProtocolBufferException e) {
                filtered.addFilteredTransactions(FilteredTransaction.newBuilder()
                        .setTxValidationCode(TxValidationCode.forNumber(filter[i] & 0xff)));
            }
        }
        return filtered.build();
    }

    private static FilteredTransactionActions actions(Transaction transaction) throws InvalidProtocolBufferException {
        FilteredTransactionActions.Builder actions = FilteredTransactionActions.newBuilder();
        for (TransactionAction action : transaction.getActionsList()) {
            ChaincodeActionPayload actionPayload = ChaincodeActionPayload.parseFrom(action.getPayload());
            ProposalResponsePayload prp =
                    ProposalResponsePayload.parseFrom(actionPayload.getAction().getProposalResponsePayload());
            ChaincodeAction chaincodeAction = ChaincodeAction.parseFrom(prp.getExtension());
            FilteredChaincodeAction.Builder filteredAction = FilteredChaincodeAction.newBuilder();
            if (!chaincodeAction.getEvents().isEmpty()) {
                ChaincodeEvent event = ChaincodeEvent.parseFrom(chaincodeAction.getEvents());
                filteredAction.setChaincodeEvent(event.toBuilder().clearPayload());
            }
            actions.addChaincodeActions(filteredAction);
        }
        return actions.build();
    }
}
