package org.biotdm.devnet.peer;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.biotdm.devnet.ledger.Version;
import org.biotdm.devnet.msp.SigningIdentity;
import org.biotdm.devnet.protocol.TransactionParser;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Envelope;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.Payload;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVMetadataEntry;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVMetadataWrite;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRead;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.QueryReads;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.RangeQueryInfo;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ChaincodeActionPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeEndorsedAction;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.ChaincodeHeaderExtension;
import org.hyperledger.fabric.protos.peer.ChaincodeID;
import org.hyperledger.fabric.protos.peer.ChaincodeInput;
import org.hyperledger.fabric.protos.peer.ChaincodeInvocationSpec;
import org.hyperledger.fabric.protos.peer.ChaincodeProposalPayload;
import org.hyperledger.fabric.protos.peer.ChaincodeSpec;
import org.hyperledger.fabric.protos.peer.Endorsement;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.Response;
import org.hyperledger.fabric.protos.peer.Transaction;
import org.hyperledger.fabric.protos.peer.TransactionAction;

/**
 * Builds endorser-transaction envelopes that are cryptographically real: the creator signs the payload, each endorser
 * signs {@code proposal_response_payload || endorser}, the txid is SHA-256(nonce || creator) and the proposal hash
 * covers channel header, signature header and chaincode proposal payload (brief §1.3). Each setter breaks or changes
 * one thing, so a test states only what differs from a valid transaction.
 */
final class TxBuilder {
    static final String CHANNEL = "mychannel";
    static final String CHAINCODE = "cc";
    static final String VERSION = "1.0";

    private static final AtomicLong NONCES = new AtomicLong();

    private final SigningIdentity creator;
    private SigningIdentity signer;
    private String channelId = CHANNEL;
    private String chaincode = CHAINCODE;
    private ChaincodeID actionChaincodeId =
            ChaincodeID.newBuilder().setName(CHAINCODE).setVersion(VERSION).build();
    private ByteString nonce = ByteString.copyFrom(
            ByteBuffer.allocate(24).putLong(NONCES.incrementAndGet()).array());
    private String txId;
    private ByteString proposalHash;
    private String eventChaincode;
    private boolean headerNamesChaincode = true;
    private final Map<String, KVRWSet.Builder> namespaces = new LinkedHashMap<>();
    private final List<NsReadWriteSet> extraNamespaces = new ArrayList<>();
    private final List<SigningIdentity> endorsers = new ArrayList<>();
    private final List<SigningIdentity> forgedEndorsers = new ArrayList<>();

    private TxBuilder(SigningIdentity creator) {
        this.creator = creator;
        this.signer = creator;
    }

    /** Starts a transaction of chaincode {@value #CHAINCODE} on {@value #CHANNEL} created by {@code creator}. */
    static TxBuilder by(SigningIdentity creator) {
        return new TxBuilder(creator);
    }

    /** Signs the envelope with another identity's key while the creator stays in the header. */
    TxBuilder signedBy(SigningIdentity value) {
        signer = value;
        return this;
    }

    TxBuilder channel(String value) {
        channelId = value;
        return this;
    }

    /** Invokes another chaincode: header extension, ChaincodeAction and default namespace all change. */
    TxBuilder chaincode(String name) {
        chaincode = name;
        if (actionChaincodeId != null) {
            actionChaincodeId = actionChaincodeId.toBuilder().setName(name).build();
        }
        return this;
    }

    /** Replaces {@code ChaincodeAction.chaincode_id}; null leaves it unset. */
    TxBuilder actionChaincodeId(ChaincodeID value) {
        actionChaincodeId = value;
        return this;
    }

    /** Leaves {@code ChaincodeHeaderExtension.chaincode_id} unset. */
    TxBuilder withoutHeaderChaincodeId() {
        headerNamesChaincode = false;
        return this;
    }

    /** Reuses another transaction's nonce, so with the same creator both get the same txid. */
    TxBuilder sameNonceAs(TxBuilder other) {
        nonce = other.nonce;
        return this;
    }

    TxBuilder txId(String value) {
        txId = value;
        return this;
    }

    TxBuilder proposalHash(ByteString value) {
        proposalHash = value;
        return this;
    }

    /** Adds a chaincode event naming {@code chaincodeId}. */
    TxBuilder event(String chaincodeId) {
        eventChaincode = chaincodeId;
        return this;
    }

    TxBuilder read(String key, Version version) {
        KVRead.Builder read = KVRead.newBuilder().setKey(key);
        if (version != null) {
            read.setVersion(version.toProto());
        }
        ns(chaincode).addReads(read);
        return this;
    }

    TxBuilder write(String key, String value) {
        return write(chaincode, key, value);
    }

    TxBuilder write(String namespace, String key, String value) {
        ns(namespace).addWrites(KVWrite.newBuilder().setKey(key).setValue(ByteString.copyFromUtf8(value)));
        return this;
    }

    TxBuilder metadata(String key, String name, ByteString value) {
        ns(chaincode)
                .addMetadataWrites(KVMetadataWrite.newBuilder()
                        .setKey(key)
                        .addEntries(KVMetadataEntry.newBuilder().setName(name).setValue(value)));
        return this;
    }

    /** Records a range query with raw reads ({@link #kv}), as the simulator does. */
    TxBuilder range(String start, String end, boolean exhausted, KVRead... seen) {
        ns(chaincode)
                .addRangeQueriesInfo(RangeQueryInfo.newBuilder()
                        .setStartKey(start)
                        .setEndKey(end)
                        .setItrExhausted(exhausted)
                        .setRawReads(QueryReads.newBuilder().addAllKvReads(List.of(seen))));
        return this;
    }

    /** Records a range query that fetched nothing: no raw reads at all, as the simulator leaves it. */
    TxBuilder emptyRange(String start, String end) {
        ns(chaincode)
                .addRangeQueriesInfo(RangeQueryInfo.newBuilder()
                        .setStartKey(start)
                        .setEndKey(end)
                        .setItrExhausted(true));
        return this;
    }

    /** Returns a read of {@code key} at {@code version}, one result of a range query. */
    static KVRead kv(String key, Version version) {
        return KVRead.newBuilder().setKey(key).setVersion(version.toProto()).build();
    }

    /** Appends a namespace entry with raw {@code KVRWSet} bytes after the built ones. */
    TxBuilder rawNamespace(String namespace, ByteString rwset) {
        extraNamespaces.add(NsReadWriteSet.newBuilder()
                .setNamespace(namespace)
                .setRwset(rwset)
                .build());
        return this;
    }

    TxBuilder endorsedBy(SigningIdentity... peers) {
        endorsers.addAll(List.of(peers));
        return this;
    }

    /** Adds an endorsement by {@code peer} whose signature covers other bytes, so it does not verify. */
    TxBuilder forgedEndorsementBy(SigningIdentity peer) {
        forgedEndorsers.add(peer);
        return this;
    }

    /** Returns the txid the envelope carries. */
    String txId() {
        return txId != null ? txId : TransactionParser.computeTxId(nonce, creator.serialize());
    }

    Envelope build() {
        ByteString channelHeader = ChannelHeader.newBuilder()
                .setType(HeaderType.ENDORSER_TRANSACTION_VALUE)
                .setChannelId(channelId)
                .setTxId(txId())
                .setTimestamp(Timestamp.newBuilder().setSeconds(1_700_000_000L))
                .setExtension(
                        headerNamesChaincode
                                ? ChaincodeHeaderExtension.newBuilder()
                                        .setChaincodeId(ChaincodeID.newBuilder().setName(chaincode))
                                        .build()
                                        .toByteString()
                                : ByteString.EMPTY)
                .build()
                .toByteString();
        ByteString signatureHeader = SignatureHeader.newBuilder()
                .setCreator(creator.serialize())
                .setNonce(nonce)
                .build()
                .toByteString();
        ByteString proposalPayload = ChaincodeProposalPayload.newBuilder()
                .setInput(ChaincodeInvocationSpec.newBuilder()
                        .setChaincodeSpec(ChaincodeSpec.newBuilder()
                                .setChaincodeId(ChaincodeID.newBuilder().setName(chaincode))
                                .setInput(ChaincodeInput.newBuilder().addArgs(ByteString.copyFromUtf8("Invoke"))))
                        .build()
                        .toByteString())
                .build()
                .toByteString();
        ByteString prp = ProposalResponsePayload.newBuilder()
                .setProposalHash(
                        proposalHash != null
                                ? proposalHash
                                : TransactionParser.proposalHash(channelHeader, signatureHeader, proposalPayload))
                .setExtension(chaincodeAction().toByteString())
                .build()
                .toByteString();
        ChaincodeEndorsedAction.Builder endorsed =
                ChaincodeEndorsedAction.newBuilder().setProposalResponsePayload(prp);
        for (SigningIdentity peer : endorsers) {
            endorsed.addEndorsements(endorsement(peer, prp.concat(peer.serialize())));
        }
        for (SigningIdentity peer : forgedEndorsers) {
            endorsed.addEndorsements(endorsement(peer, ByteString.copyFromUtf8("not the proposal response")));
        }
        ByteString transaction = Transaction.newBuilder()
                .addActions(TransactionAction.newBuilder()
                        .setHeader(signatureHeader)
                        .setPayload(ChaincodeActionPayload.newBuilder()
                                .setChaincodeProposalPayload(proposalPayload)
                                .setAction(endorsed)
                                .build()
                                .toByteString()))
                .build()
                .toByteString();
        ByteString payload = Payload.newBuilder()
                .setHeader(Header.newBuilder().setChannelHeader(channelHeader).setSignatureHeader(signatureHeader))
                .setData(transaction)
                .build()
                .toByteString();
        return Envelope.newBuilder()
                .setPayload(payload)
                .setSignature(ByteString.copyFrom(signer.sign(payload.toByteArray())))
                .build();
    }

    private ChaincodeAction chaincodeAction() {
        TxReadWriteSet.Builder results = TxReadWriteSet.newBuilder().setDataModel(TxReadWriteSet.DataModel.KV);
        namespaces.forEach((namespace, rwset) -> results.addNsRwset(NsReadWriteSet.newBuilder()
                .setNamespace(namespace)
                .setRwset(rwset.build().toByteString())));
        results.addAllNsRwset(extraNamespaces);
        ChaincodeAction.Builder action = ChaincodeAction.newBuilder()
                .setResults(results.build().toByteString())
                .setResponse(Response.newBuilder().setStatus(200));
        if (actionChaincodeId != null) {
            action.setChaincodeId(actionChaincodeId);
        }
        if (eventChaincode != null) {
            action.setEvents(ChaincodeEvent.newBuilder()
                    .setChaincodeId(eventChaincode)
                    .setTxId(txId())
                    .setEventName("Event")
                    .build()
                    .toByteString());
        }
        return action.build();
    }

    private static Endorsement endorsement(SigningIdentity peer, ByteString signed) {
        return Endorsement.newBuilder()
                .setEndorser(peer.serialize())
                .setSignature(ByteString.copyFrom(peer.sign(signed.toByteArray())))
                .build();
    }

    private KVRWSet.Builder ns(String namespace) {
        return namespaces.computeIfAbsent(namespace, k -> KVRWSet.newBuilder());
    }
}
