package org.biotdm.devnet.protocol;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.Endorsement;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;

/**
 * A transaction envelope unpacked down to its read/write sets (brief §1.3). For a {@code CONFIG} transaction only the
 * header is meaningful: the byte fields are empty, the messages are default instances and the lists are empty.
 *
 * <p>All byte fields are the original bytes from the envelope, so signatures and hashes can be checked over them.
 *
 * @param header the envelope and its parsed common header
 * @param actionHeaderBytes {@code TransactionAction.header}: the proposal's serialized {@code SignatureHeader}
 * @param chaincodeProposalPayloadBytes {@code ChaincodeActionPayload.chaincode_proposal_payload} (no transient map)
 * @param proposalResponsePayloadBytes {@code ChaincodeEndorsedAction.proposal_response_payload}, what endorsers sign
 * @param proposalResponsePayload the parsed {@code ProposalResponsePayload} (carries {@code proposal_hash})
 * @param chaincodeAction the parsed {@code ChaincodeAction} from the proposal response payload's extension
 * @param chaincodeId the chaincode name from the channel header's {@code ChaincodeHeaderExtension}; empty when the
 *     extension names none (Fabric then gives {@code INVALID_OTHER_REASON})
 * @param endorsements the endorsements, in envelope order
 * @param nsRwSets the public read/write set per namespace, in {@code TxReadWriteSet} order
 * @param event the chaincode event, empty when {@code ChaincodeAction.events} is empty
 */
public record ParsedTransaction(
        ParsedHeader header,
        ByteString actionHeaderBytes,
        ByteString chaincodeProposalPayloadBytes,
        ByteString proposalResponsePayloadBytes,
        ProposalResponsePayload proposalResponsePayload,
        ChaincodeAction chaincodeAction,
        String chaincodeId,
        List<Endorsement> endorsements,
        List<NsRwSet> nsRwSets,
        Optional<ChaincodeEvent> event) {

    /**
     * Creates the parsed transaction; the lists are copied.
     *
     * @param header the header, not null
     * @param actionHeaderBytes not null
     * @param chaincodeProposalPayloadBytes not null
     * @param proposalResponsePayloadBytes not null
     * @param proposalResponsePayload not null
     * @param chaincodeAction not null
     * @param chaincodeId not null
     * @param endorsements not null
     * @param nsRwSets not null
     * @param event not null
     */
    public ParsedTransaction {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(actionHeaderBytes, "actionHeaderBytes");
        Objects.requireNonNull(chaincodeProposalPayloadBytes, "chaincodeProposalPayloadBytes");
        Objects.requireNonNull(proposalResponsePayloadBytes, "proposalResponsePayloadBytes");
        Objects.requireNonNull(proposalResponsePayload, "proposalResponsePayload");
        Objects.requireNonNull(chaincodeAction, "chaincodeAction");
        Objects.requireNonNull(chaincodeId, "chaincodeId");
        endorsements = List.copyOf(endorsements);
        nsRwSets = List.copyOf(nsRwSets);
        Objects.requireNonNull(event, "event");
    }

    /**
     * Creates the result for a {@code CONFIG} transaction, which carries no endorsements or read/write set.
     *
     * @param header the parsed header
     * @return the parsed transaction with empty transaction fields
     */
    static ParsedTransaction configTransaction(ParsedHeader header) {
        return new ParsedTransaction(
                header,
                ByteString.EMPTY,
                ByteString.EMPTY,
                ByteString.EMPTY,
                ProposalResponsePayload.getDefaultInstance(),
                ChaincodeAction.getDefaultInstance(),
                "",
                List.of(),
                List.of(),
                Optional.empty());
    }

    /**
     * Tells whether this is an endorser transaction (header type 3), the only kind that carries writes.
     *
     * @return true for {@code ENDORSER_TRANSACTION}, false for {@code CONFIG}
     */
    public boolean isEndorserTransaction() {
        return header.headerType() == HeaderType.ENDORSER_TRANSACTION_VALUE;
    }

    /**
     * Returns the envelope.
     *
     * @return the envelope as given to the parser
     */
    public Envelope envelope() {
        return header.envelope();
    }

    /**
     * Returns {@code Envelope.payload}, the bytes the creator signed.
     *
     * @return the serialized payload
     */
    public ByteString payloadBytes() {
        return header.payloadBytes();
    }

    /**
     * Returns {@code Envelope.signature}.
     *
     * @return the creator's signature; empty when unsigned
     */
    public ByteString signature() {
        return header.signature();
    }

    /**
     * Returns the parsed channel header.
     *
     * @return the channel header
     */
    public ChannelHeader channelHeader() {
        return header.channelHeader();
    }

    /**
     * Returns the channel header bytes as found in the envelope.
     *
     * @return the serialized channel header
     */
    public ByteString channelHeaderBytes() {
        return header.channelHeaderBytes();
    }

    /**
     * Returns the parsed signature header of the payload.
     *
     * @return the signature header
     */
    public SignatureHeader signatureHeader() {
        return header.signatureHeader();
    }

    /**
     * Returns the payload's signature header bytes as found in the envelope.
     *
     * @return the serialized signature header
     */
    public ByteString signatureHeaderBytes() {
        return header.signatureHeaderBytes();
    }

    /**
     * Returns the header type number, {@code ChannelHeader.type}.
     *
     * @return {@code HeaderType.ENDORSER_TRANSACTION_VALUE} (3) or {@code HeaderType.CONFIG_VALUE} (1)
     */
    public int headerType() {
        return header.headerType();
    }

    /**
     * Returns the transaction ID as sent in the channel header (not recomputed).
     *
     * @return the txid
     */
    public String txId() {
        return header.txId();
    }

    /**
     * Returns the channel ID from the channel header.
     *
     * @return the channel name
     */
    public String channelId() {
        return header.channelId();
    }

    /**
     * Returns the channel header timestamp.
     *
     * @return the client's timestamp
     */
    public Timestamp timestamp() {
        return header.timestamp();
    }

    /**
     * Returns the serialized creator identity.
     *
     * @return the {@code msp.SerializedIdentity} bytes
     */
    public ByteString creator() {
        return header.creator();
    }

    /**
     * Returns the signature header nonce.
     *
     * @return the nonce
     */
    public ByteString nonce() {
        return header.nonce();
    }
}
