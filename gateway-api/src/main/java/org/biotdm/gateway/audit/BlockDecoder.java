package org.biotdm.gateway.audit;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.hyperledger.fabric.protos.common.Block;
import org.hyperledger.fabric.protos.common.BlockMetadataIndex;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeInvocationSpec;
import org.hyperledger.fabric.protos.peer.ChaincodeProposalPayload;
import org.hyperledger.fabric.protos.peer.Transaction;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * Decodes Fabric's block and transaction protobufs into {@link BlockSummary} and {@link TransactionSummary}: header
 * hashes, and per transaction its ID, creator MSP, chaincode and function (the first argument of the invocation), the
 * validation code (block metadata {@code TRANSACTIONS_FILTER}, or the {@code ProcessedTransaction}'s) and timestamp.
 * Arguments and results are not shown. An envelope that does not parse is reported with type {@code MALFORMED}.
 */
final class BlockDecoder {
    private static final HexFormat HEX = HexFormat.of();

    private BlockDecoder() {}

    /**
     * Decodes a block.
     *
     * @param block the block
     * @return the summary
     */
    public static BlockSummary block(Block block) {
        ByteString filter = block.hasMetadata()
                        && block.getMetadata().getMetadataCount() > BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE
                ? block.getMetadata().getMetadata(BlockMetadataIndex.TRANSACTIONS_FILTER_VALUE)
                : ByteString.EMPTY;
        List<TransactionSummary> transactions = new ArrayList<>();
        for (int i = 0; i < block.getData().getDataCount(); i++) {
            String code = i < filter.size() ? codeName(filter.byteAt(i) & 0xff) : null;
            transactions.add(envelope(block.getData().getData(i), code));
        }
        return new BlockSummary(
                block.getHeader().getNumber(),
                HEX.formatHex(block.getHeader().getDataHash().toByteArray()),
                HEX.formatHex(block.getHeader().getPreviousHash().toByteArray()),
                transactions);
    }

    /**
     * Decodes one transaction envelope.
     *
     * @param envelopeBytes the serialised {@code common.Envelope}
     * @param validationCode the validation code's name, or null when unknown
     * @return the summary
     */
    public static TransactionSummary envelope(ByteString envelopeBytes, String validationCode) {
        try {
            Payload payload =
                    Payload.parseFrom(Envelope.parseFrom(envelopeBytes).getPayload());
            ChannelHeader channel = ChannelHeader.parseFrom(payload.getHeader().getChannelHeader());
            SignatureHeader signature =
                    SignatureHeader.parseFrom(payload.getHeader().getSignatureHeader());
            String creatorMsp = signature.getCreator().isEmpty()
                    ? null
                    : SerializedIdentity.parseFrom(signature.getCreator()).getMspid();
            HeaderType type = HeaderType.forNumber(channel.getType());
            String chaincode = null;
            String function = null;
            if (type == HeaderType.ENDORSER_TRANSACTION) {
                ChaincodeInvocationSpec invocation = invocation(payload.getData());
                if (invocation != null) {
                    chaincode = invocation.getChaincodeSpec().getChaincodeId().getName();
                    function = invocation.getChaincodeSpec().getInput().getArgsCount() > 0
                            ? invocation
                                    .getChaincodeSpec()
                                    .getInput()
                                    .getArgs(0)
                                    .toStringUtf8()
                            : null;
                }
            }
            long timestamp = channel.getTimestamp().getSeconds() * 1000L
                    + channel.getTimestamp().getNanos() / 1_000_000;
            return new TransactionSummary(
                    channel.getTxId().isEmpty() ? null : channel.getTxId(),
                    type == null ? "UNKNOWN_" + channel.getType() : type.name(),
                    creatorMsp,
                    chaincode,
                    function,
                    validationCode,
                    timestamp);
        } catch (InvalidProtocolBufferException e) {
            return new TransactionSummary(null, "MALFORMED", null, null, null, validationCode, 0);
        }
    }

    /**
     * Returns the name of a validation code number.
     *
     * @param code the number
     * @return the {@link TxValidationCode} name, or {@code UNKNOWN_<n>}
     */
    public static String codeName(int code) {
        TxValidationCode known = TxValidationCode.forNumber(code);
        return known == null ? "UNKNOWN_" + code : known.name();
    }

    private static ChaincodeInvocationSpec invocation(ByteString transactionBytes)
            throws InvalidProtocolBufferException {
        Transaction transaction = Transaction.parseFrom(transactionBytes);
        if (transaction.getActionsCount() == 0) {
            return null;
        }
        ChaincodeActionPayload action =
                ChaincodeActionPayload.parseFrom(transaction.getActions(0).getPayload());
        ChaincodeProposalPayload proposal = ChaincodeProposalPayload.parseFrom(action.getChaincodeProposalPayload());
        return ChaincodeInvocationSpec.parseFrom(proposal.getInput());
    }
}
