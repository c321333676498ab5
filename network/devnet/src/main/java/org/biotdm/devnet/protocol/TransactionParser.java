package org.biotdm.devnet.protocol;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.ledger.rwset.CollectionHashedReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.HashedRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.ChaincodeHeaderExtension;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.Transaction;
import org.hyperledger.fabric.protos.peer.TransactionAction;
import org.hyperledger.fabric.protos.peer.TxValidationCode;

/**
 * Unpacks a transaction envelope (brief §1.3) and reports structural faults with the code a Fabric committer gives
 * them. The checks and their order follow Fabric release-2.5:
 *
 * <ol>
 *   <li>{@code core/common/validation/msgvalidation.go ValidateTransaction}: {@code NIL_ENVELOPE}; {@code
 *       BAD_PAYLOAD}; {@code BAD_COMMON_HEADER} (missing or unparseable header, header type other than {@code
 *       ENDORSER_TRANSACTION}/{@code CONFIG}/{@code CONFIG_UPDATE}, epoch not 0, empty nonce or creator); {@code
 *       UNSUPPORTED_TX_PAYLOAD} ({@code CONFIG_UPDATE}); {@code INVALID_ENDORSER_TRANSACTION} ({@code Transaction},
 *       exactly one {@code TransactionAction}, its {@code SignatureHeader}, {@code ChaincodeActionPayload}, {@code
 *       ProposalResponsePayload});
 *   <li>{@code core/committer/txvalidator/v20/plugindispatcher/dispatcher.go Dispatch}: {@code BAD_HEADER_EXTENSION}
 *       ({@code ChaincodeHeaderExtension}), {@code BAD_RESPONSE_PAYLOAD} ({@code ChaincodeAction}), {@code BAD_RWSET}
 *       ({@code TxReadWriteSet}, each {@code KVRWSet} and collection {@code HashedRWSet}), {@code
 *       INVALID_OTHER_REASON} (unparseable {@code ChaincodeEvent}).
 * </ol>
 *
 * <p>Not checked here, because they need cryptography or ledger state: the creator signature ({@code
 * BAD_CREATOR_SIGNATURE}, between {@code BAD_COMMON_HEADER} and everything after it), the txid ({@code
 * BAD_PROPOSAL_TXID}, use {@link #computeTxId}), the proposal hash ({@code INVALID_ENDORSER_TRANSACTION}, use {@link
 * #proposalHash}), duplicate txids, the chaincode IDs being set and consistent ({@code INVALID_OTHER_REASON}) and the
 * endorsement policy. {@link InvalidTransactionException#header()} lets a validator run the earlier of those checks
 * first. Stateless and thread-safe.
 */
public final class TransactionParser {

    private static final HexFormat HEX = HexFormat.of();

    private TransactionParser() {}

    /**
     * Parses one entry of {@code Block.data}.
     *
     * @param envelopeBytes the serialized envelope
     * @return the parsed transaction
     * @throws InvalidTransactionException {@code NIL_ENVELOPE} when the bytes are null or empty, {@code
     *     INVALID_OTHER_REASON} when they are not an envelope (as Fabric's txvalidator reports it), or any code of
     *     {@link #parse(Envelope)}
     */
    public static ParsedTransaction parse(ByteString envelopeBytes) throws InvalidTransactionException {
        if (envelopeBytes == null || envelopeBytes.isEmpty()) {
            throw new InvalidTransactionException(TxValidationCode.NIL_ENVELOPE, "nil envelope");
        }
        Envelope envelope;
        try {
            envelope = Envelope.parseFrom(envelopeBytes);
        } catch (InvalidProtocolBufferException e) {
            throw new InvalidTransactionException(
                    TxValidationCode.INVALID_OTHER_REASON, "error getting tx from block: " + e.getMessage(), null, e);
        }
        return parse(envelope);
    }

    /**
     * Parses an envelope down to its read/write sets.
     *
     * @param envelope the envelope, may be null
     * @return the parsed transaction; for {@code CONFIG} only the header fields are set
     * @throws InvalidTransactionException with the Fabric validation code of the first structural fault found
     */
    public static ParsedTransaction parse(Envelope envelope) throws InvalidTransactionException {
        Payload payload = parsePayload(envelope);
        ParsedHeader header = parseHeader(envelope, payload);
        return switch (header.headerType()) {
            case HeaderType.ENDORSER_TRANSACTION_VALUE -> EndorserTransactionParser.parse(header, payload.getData());
            case HeaderType.CONFIG_VALUE -> ParsedTransaction.configTransaction(header);
            default -> throw new InvalidTransactionException(
                    TxValidationCode.UNSUPPORTED_TX_PAYLOAD,
                    "unsupported transaction type " + HeaderType.forNumber(header.headerType()),
                    header,
                    null);
        };
    }

    /**
     * Parses and checks only the common header, for callers that need the txid or channel before a full parse.
     *
     * @param envelope the envelope, may be null
     * @return the parsed header
     * @throws InvalidTransactionException {@code NIL_ENVELOPE}, {@code BAD_PAYLOAD} or {@code BAD_COMMON_HEADER}
     */
    public static ParsedHeader parseHeader(Envelope envelope) throws InvalidTransactionException {
        return parseHeader(envelope, parsePayload(envelope));
    }

    /**
     * Computes the proposal hash an endorsement covers: SHA-256 over the channel header, the signature header and the
     * chaincode proposal payload without its transient map, concatenated (Fabric {@code protoutil.GetProposalHash2}).
     *
     * @param channelHeader the serialized channel header
     * @param signatureHeader the serialized signature header ({@code TransactionAction.header} at commit time)
     * @param chaincodeProposalPayload the serialized {@code ChaincodeProposalPayload} with no transient map
     * @return the 32-byte hash to compare with {@code ProposalResponsePayload.proposal_hash}
     */
    public static ByteString proposalHash(
            ByteString channelHeader, ByteString signatureHeader, ByteString chaincodeProposalPayload) {
        MessageDigest digest = sha256();
        digest.update(channelHeader.asReadOnlyByteBuffer());
        digest.update(signatureHeader.asReadOnlyByteBuffer());
        digest.update(chaincodeProposalPayload.asReadOnlyByteBuffer());
        return ByteString.copyFrom(digest.digest());
    }

    /**
     * Computes a transaction ID as Fabric's {@code protoutil.ComputeTxID} and the gateway client do.
     *
     * @param nonce the signature header nonce
     * @param creator the serialized creator identity
     * @return lowercase hex of SHA-256(nonce ‖ creator), 64 characters
     */
    public static String computeTxId(ByteString nonce, ByteString creator) {
        MessageDigest digest = sha256();
        digest.update(nonce.asReadOnlyByteBuffer());
        digest.update(creator.asReadOnlyByteBuffer());
        return HEX.formatHex(digest.digest());
    }

    private static Payload parsePayload(Envelope envelope) throws InvalidTransactionException {
        if (envelope == null
                || envelope.getPayload().isEmpty() && envelope.getSignature().isEmpty()) {
            throw new InvalidTransactionException(TxValidationCode.NIL_ENVELOPE, "nil envelope");
        }
        if (envelope.getPayload().isEmpty()) {
            throw new InvalidTransactionException(TxValidationCode.BAD_PAYLOAD, "empty payload");
        }
        try {
            return Payload.parseFrom(envelope.getPayload());
        } catch (InvalidProtocolBufferException e) {
            throw new InvalidTransactionException(
                    TxValidationCode.BAD_PAYLOAD, "error unmarshalling Payload: " + e.getMessage(), null, e);
        }
    }

    private static ParsedHeader parseHeader(Envelope envelope, Payload payload) throws InvalidTransactionException {
        if (!payload.hasHeader()) {
            throw badHeader("nil header", null);
        }
        ByteString channelHeaderBytes = payload.getHeader().getChannelHeader();
        ByteString signatureHeaderBytes = payload.getHeader().getSignatureHeader();
        ChannelHeader channelHeader;
        SignatureHeader signatureHeader;
        try {
            channelHeader = ChannelHeader.parseFrom(channelHeaderBytes);
        } catch (InvalidProtocolBufferException e) {
            throw badHeader("error unmarshalling ChannelHeader: " + e.getMessage(), e);
        }
        try {
            signatureHeader = SignatureHeader.parseFrom(signatureHeaderBytes);
        } catch (InvalidProtocolBufferException e) {
            throw badHeader("error unmarshalling SignatureHeader: " + e.getMessage(), e);
        }
        checkChannelHeader(channelHeader);
        String fault = signatureHeaderFault(signatureHeader);
        if (fault != null) {
            throw badHeader(fault, null);
        }
        return new ParsedHeader(envelope, channelHeader, channelHeaderBytes, signatureHeader, signatureHeaderBytes);
    }

    private static void checkChannelHeader(ChannelHeader channelHeader) throws InvalidTransactionException {
        int type = channelHeader.getType();
        if (type != HeaderType.ENDORSER_TRANSACTION_VALUE
                && type != HeaderType.CONFIG_VALUE
                && type != HeaderType.CONFIG_UPDATE_VALUE) {
            HeaderType known = HeaderType.forNumber(type);
            throw badHeader("invalid header type " + (known == null ? Integer.toString(type) : known.name()), null);
        }
        if (channelHeader.getEpoch() != 0) {
            throw badHeader(
                    "invalid Epoch in ChannelHeader. Expected 0, got ["
                            + Long.toUnsignedString(channelHeader.getEpoch()) + "]",
                    null);
        }
    }

    /** Returns Fabric's {@code validateSignatureHeader} error text, or null when the header is acceptable. */
    static String signatureHeaderFault(SignatureHeader signatureHeader) {
        if (signatureHeader.getNonce().isEmpty()) {
            return "invalid nonce specified in the header";
        }
        if (signatureHeader.getCreator().isEmpty()) {
            return "invalid creator specified in the header";
        }
        return null;
    }

    private static InvalidTransactionException badHeader(String message, Throwable cause) {
        return new InvalidTransactionException(TxValidationCode.BAD_COMMON_HEADER, message, null, cause);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    /** The endorser-transaction part of the parse: everything below {@code Payload.data}. */
    private static final class EndorserTransactionParser {

        private EndorserTransactionParser() {}

        static ParsedTransaction parse(ParsedHeader header, ByteString data) throws InvalidTransactionException {
            TransactionAction action = singleAction(header, data);
            ChaincodeActionPayload actionPayload = chaincodeActionPayload(header, action);
            ByteString prpBytes = actionPayload.getAction().getProposalResponsePayload();
            ProposalResponsePayload prp;
            try {
                prp = ProposalResponsePayload.parseFrom(prpBytes);
            } catch (InvalidProtocolBufferException e) {
                throw invalid(TxValidationCode.INVALID_ENDORSER_TRANSACTION, header, "ProposalResponsePayload", e);
            }
            ChaincodeHeaderExtension extension;
            try {
                extension = ChaincodeHeaderExtension.parseFrom(
                        header.channelHeader().getExtension());
            } catch (InvalidProtocolBufferException e) {
                throw invalid(TxValidationCode.BAD_HEADER_EXTENSION, header, "ChaincodeHeaderExtension", e);
            }
            ChaincodeAction chaincodeAction;
            try {
                chaincodeAction = ChaincodeAction.parseFrom(prp.getExtension());
            } catch (InvalidProtocolBufferException e) {
                throw invalid(TxValidationCode.BAD_RESPONSE_PAYLOAD, header, "ChaincodeAction", e);
            }
            List<NsRwSet> nsRwSets = readWriteSets(header, chaincodeAction.getResults());
            return new ParsedTransaction(
                    header,
                    action.getHeader(),
                    actionPayload.getChaincodeProposalPayload(),
                    prpBytes,
                    prp,
                    chaincodeAction,
                    extension.getChaincodeId().getName(),
                    actionPayload.getAction().getEndorsementsList(),
                    nsRwSets,
                    event(header, chaincodeAction.getEvents()));
        }

        private static TransactionAction singleAction(ParsedHeader header, ByteString data)
                throws InvalidTransactionException {
            Transaction transaction;
            try {
                transaction = Transaction.parseFrom(data);
            } catch (InvalidProtocolBufferException e) {
                throw invalid(TxValidationCode.INVALID_ENDORSER_TRANSACTION, header, "Transaction", e);
            }
            if (transaction.getActionsCount() != 1) {
                throw new InvalidTransactionException(
                        TxValidationCode.INVALID_ENDORSER_TRANSACTION,
                        "only one action per transaction is supported, tx contains " + transaction.getActionsCount(),
                        header,
                        null);
            }
            TransactionAction action = transaction.getActions(0);
            SignatureHeader actionHeader;
            try {
                actionHeader = SignatureHeader.parseFrom(action.getHeader());
            } catch (InvalidProtocolBufferException e) {
                throw invalid(TxValidationCode.INVALID_ENDORSER_TRANSACTION, header, "SignatureHeader", e);
            }
            String fault = signatureHeaderFault(actionHeader);
            if (fault != null) {
                throw new InvalidTransactionException(
                        TxValidationCode.INVALID_ENDORSER_TRANSACTION, fault, header, null);
            }
            return action;
        }

        private static ChaincodeActionPayload chaincodeActionPayload(ParsedHeader header, TransactionAction action)
                throws InvalidTransactionException {
            ChaincodeActionPayload actionPayload;
            try {
                actionPayload = ChaincodeActionPayload.parseFrom(action.getPayload());
            } catch (InvalidProtocolBufferException e) {
                throw invalid(TxValidationCode.INVALID_ENDORSER_TRANSACTION, header, "ChaincodeActionPayload", e);
            }
            if (!actionPayload.hasAction()) {
                throw new InvalidTransactionException(
                        TxValidationCode.INVALID_ENDORSER_TRANSACTION,
                        "nil ChaincodeEndorsedAction in ChaincodeActionPayload",
                        header,
                        null);
            }
            return actionPayload;
        }

        private static List<NsRwSet> readWriteSets(ParsedHeader header, ByteString results)
                throws InvalidTransactionException {
            try {
                TxReadWriteSet txRwSet = TxReadWriteSet.parseFrom(results);
                List<NsRwSet> nsRwSets = new ArrayList<>(txRwSet.getNsRwsetCount());
                for (NsReadWriteSet ns : txRwSet.getNsRwsetList()) {
                    nsRwSets.add(new NsRwSet(ns.getNamespace(), KVRWSet.parseFrom(ns.getRwset())));
                    // Parsed only to reject malformed input as Fabric's rwsetutil does; private data is unsupported.
                    for (CollectionHashedReadWriteSet collection : ns.getCollectionHashedRwsetList()) {
                        HashedRWSet.parseFrom(collection.getHashedRwset());
                    }
                }
                return nsRwSets;
            } catch (InvalidProtocolBufferException e) {
                throw invalid(TxValidationCode.BAD_RWSET, header, "TxReadWriteSet", e);
            }
        }

        private static Optional<ChaincodeEvent> event(ParsedHeader header, ByteString events)
                throws InvalidTransactionException {
            if (events.isEmpty()) {
                return Optional.empty();
            }
            try {
                return Optional.of(ChaincodeEvent.parseFrom(events));
            } catch (InvalidProtocolBufferException e) {
                throw new InvalidTransactionException(
                        TxValidationCode.INVALID_OTHER_REASON, "invalid chaincode event: " + e.getMessage(), header, e);
            }
        }

        private static InvalidTransactionException invalid(
                TxValidationCode code, ParsedHeader header, String message, InvalidProtocolBufferException cause) {
            return new InvalidTransactionException(
                    code, "error unmarshalling " + message + ": " + cause.getMessage(), header, cause);
        }
    }
}
