package org.biotdm.devnet.protocol;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.biotdm.devnet.ledger.Version;
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
import org.hyperledger.fabric.protos.msp.SerializedIdentity;
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
 * Builds endorser-transaction envelopes by hand, with Fabric's full nesting (brief §1.3), for parser and ledger tests.
 * Signatures are placeholders: nothing here is cryptographically valid except the txid and the proposal hash. Any layer
 * can be replaced by raw bytes ({@link Builder#override}) to produce each malformed case.
 */
public final class EnvelopeFixtures {

    /** Default channel name. */
    public static final String CHANNEL = "mychannel";

    /** Default chaincode name, also the default namespace of reads and writes. */
    public static final String CHAINCODE = "basic";

    /** Bytes that no protobuf message parses (a length-delimited field 1 that is cut short). */
    public static final ByteString GARBAGE = ByteString.copyFrom(new byte[] {0x0a, 0x05, 0x01});

    private static final AtomicLong NONCES = new AtomicLong();

    private EnvelopeFixtures() {}

    /** The layers of the nesting whose bytes a test can replace. */
    public enum Layer {
        PAYLOAD,
        CHANNEL_HEADER,
        SIGNATURE_HEADER,
        TRANSACTION,
        ACTION_HEADER,
        ACTION_PAYLOAD,
        PROPOSAL_RESPONSE_PAYLOAD,
        HEADER_EXTENSION,
        CHAINCODE_ACTION,
        RESULTS,
        EVENTS
    }

    /**
     * Starts an endorser transaction with a fresh nonce, a fixed creator, and a txid computed from both.
     *
     * @return the builder
     */
    public static Builder transaction() {
        return new Builder();
    }

    /**
     * Returns UTF-8 bytes of a string.
     *
     * @param text the text
     * @return its bytes
     */
    public static ByteString utf8(String text) {
        return ByteString.copyFromUtf8(text);
    }

    /** Builder of one envelope. */
    public static final class Builder {
        private String channelId = CHANNEL;
        private String chaincode = CHAINCODE;
        private int headerType = HeaderType.ENDORSER_TRANSACTION_VALUE;
        private long epoch;
        private ByteString creator = SerializedIdentity.newBuilder()
                .setMspid("Org1MSP")
                .setIdBytes(utf8("-----BEGIN CERTIFICATE-----\nfixture\n-----END CERTIFICATE-----\n"))
                .build()
                .toByteString();
        private ByteString nonce = ByteString.copyFrom(
                ByteBuffer.allocate(24).putLong(NONCES.incrementAndGet()).array());
        private String txId;
        private Timestamp timestamp =
                Timestamp.newBuilder().setSeconds(1_700_000_000L).build();
        private final Map<String, KVRWSet.Builder> namespaces = new LinkedHashMap<>();
        private final Map<String, ByteString> rawNamespaces = new LinkedHashMap<>();
        private final List<Endorsement> endorsements = new ArrayList<>();
        private final Map<Layer, ByteString> overrides = new EnumMap<>(Layer.class);
        private String eventName;
        private ByteString eventPayload = ByteString.EMPTY;
        private ByteString signature = utf8("creator-signature");
        private int actions = 1;

        private Builder() {}

        public Builder channel(String value) {
            channelId = value;
            return this;
        }

        public Builder chaincode(String value) {
            chaincode = value;
            return this;
        }

        public Builder headerType(int value) {
            headerType = value;
            return this;
        }

        public Builder epoch(long value) {
            epoch = value;
            return this;
        }

        public Builder creator(ByteString value) {
            creator = value;
            return this;
        }

        public Builder nonce(ByteString value) {
            nonce = value;
            return this;
        }

        /** Sets the txid instead of computing it from nonce and creator. */
        public Builder txId(String value) {
            txId = value;
            return this;
        }

        public Builder timestamp(long seconds, int nanos) {
            timestamp =
                    Timestamp.newBuilder().setSeconds(seconds).setNanos(nanos).build();
            return this;
        }

        public Builder signature(ByteString value) {
            signature = value;
            return this;
        }

        /** Sets how many (identical) transaction actions the Transaction carries; Fabric accepts exactly one. */
        public Builder actions(int count) {
            actions = count;
            return this;
        }

        public Builder write(String key, String value) {
            return write(chaincode, key, utf8(value));
        }

        public Builder write(String namespace, String key, ByteString value) {
            ns(namespace).addWrites(KVWrite.newBuilder().setKey(key).setValue(value));
            return this;
        }

        public Builder delete(String key) {
            ns(chaincode).addWrites(KVWrite.newBuilder().setKey(key).setIsDelete(true));
            return this;
        }

        public Builder metadata(String key, Map<String, ByteString> entries) {
            KVMetadataWrite.Builder write = KVMetadataWrite.newBuilder().setKey(key);
            entries.forEach((name, value) ->
                    write.addEntries(KVMetadataEntry.newBuilder().setName(name).setValue(value)));
            ns(chaincode).addMetadataWrites(write);
            return this;
        }

        /** Records a read; a null version means the key was absent. */
        public Builder read(String key, Version version) {
            KVRead.Builder read = KVRead.newBuilder().setKey(key);
            if (version != null) {
                read.setVersion(version.toProto());
            }
            ns(chaincode).addReads(read);
            return this;
        }

        /** Replaces one namespace's KVRWSet bytes. */
        public Builder rawNamespace(String namespace, ByteString rwset) {
            rawNamespaces.put(namespace, rwset);
            return this;
        }

        public Builder event(String name, ByteString payload) {
            eventName = name;
            eventPayload = payload;
            return this;
        }

        public Builder endorsement(ByteString endorser, ByteString endorsementSignature) {
            endorsements.add(Endorsement.newBuilder()
                    .setEndorser(endorser)
                    .setSignature(endorsementSignature)
                    .build());
            return this;
        }

        /** Replaces the bytes of one layer of the nesting. */
        public Builder override(Layer layer, ByteString bytes) {
            overrides.put(layer, bytes);
            return this;
        }

        /**
         * Returns the txid the envelope will carry.
         *
         * @return the explicit txid, or the one computed from nonce and creator
         */
        public String txId() {
            return txId != null ? txId : TransactionParser.computeTxId(nonce, creator);
        }

        public Envelope build() {
            String id = txId();
            ByteString channelHeader = layer(
                    Layer.CHANNEL_HEADER,
                    ChannelHeader.newBuilder()
                            .setType(headerType)
                            .setChannelId(channelId)
                            .setTxId(id)
                            .setTimestamp(timestamp)
                            .setEpoch(epoch)
                            .setExtension(layer(
                                    Layer.HEADER_EXTENSION,
                                    ChaincodeHeaderExtension.newBuilder()
                                            .setChaincodeId(
                                                    ChaincodeID.newBuilder().setName(chaincode))
                                            .build()
                                            .toByteString()))
                            .build()
                            .toByteString());
            ByteString signatureHeader = layer(
                    Layer.SIGNATURE_HEADER,
                    SignatureHeader.newBuilder()
                            .setCreator(creator)
                            .setNonce(nonce)
                            .build()
                            .toByteString());
            ByteString data = layer(Layer.TRANSACTION, transaction(id, channelHeader, signatureHeader));
            ByteString payload = layer(
                    Layer.PAYLOAD,
                    Payload.newBuilder()
                            .setHeader(Header.newBuilder()
                                    .setChannelHeader(channelHeader)
                                    .setSignatureHeader(signatureHeader))
                            .setData(data)
                            .build()
                            .toByteString());
            return Envelope.newBuilder()
                    .setPayload(payload)
                    .setSignature(signature)
                    .build();
        }

        private ByteString transaction(String id, ByteString channelHeader, ByteString signatureHeader) {
            ByteString actionHeader = layer(Layer.ACTION_HEADER, signatureHeader);
            ByteString proposalPayload = ChaincodeProposalPayload.newBuilder()
                    .setInput(ChaincodeInvocationSpec.newBuilder()
                            .setChaincodeSpec(ChaincodeSpec.newBuilder()
                                    .setChaincodeId(ChaincodeID.newBuilder().setName(chaincode))
                                    .setInput(ChaincodeInput.newBuilder().addArgs(utf8("Invoke"))))
                            .build()
                            .toByteString())
                    .build()
                    .toByteString();
            ByteString prp = layer(
                    Layer.PROPOSAL_RESPONSE_PAYLOAD,
                    ProposalResponsePayload.newBuilder()
                            .setProposalHash(
                                    TransactionParser.proposalHash(channelHeader, actionHeader, proposalPayload))
                            .setExtension(layer(Layer.CHAINCODE_ACTION, chaincodeAction(id)))
                            .build()
                            .toByteString());
            ByteString actionPayload = layer(
                    Layer.ACTION_PAYLOAD,
                    ChaincodeActionPayload.newBuilder()
                            .setChaincodeProposalPayload(proposalPayload)
                            .setAction(ChaincodeEndorsedAction.newBuilder()
                                    .setProposalResponsePayload(prp)
                                    .addAllEndorsements(endorsements))
                            .build()
                            .toByteString());
            Transaction.Builder transaction = Transaction.newBuilder();
            for (int i = 0; i < actions; i++) {
                transaction.addActions(
                        TransactionAction.newBuilder().setHeader(actionHeader).setPayload(actionPayload));
            }
            return transaction.build().toByteString();
        }

        private ByteString chaincodeAction(String id) {
            TxReadWriteSet.Builder results = TxReadWriteSet.newBuilder().setDataModel(TxReadWriteSet.DataModel.KV);
            namespaces.forEach((namespace, rwset) -> results.addNsRwset(NsReadWriteSet.newBuilder()
                    .setNamespace(namespace)
                    .setRwset(rwset.build().toByteString())));
            rawNamespaces.forEach((namespace, rwset) -> results.addNsRwset(
                    NsReadWriteSet.newBuilder().setNamespace(namespace).setRwset(rwset)));
            ByteString events = eventName == null
                    ? ByteString.EMPTY
                    : ChaincodeEvent.newBuilder()
                            .setChaincodeId(chaincode)
                            .setTxId(id)
                            .setEventName(eventName)
                            .setPayload(eventPayload)
                            .build()
                            .toByteString();
            return ChaincodeAction.newBuilder()
                    .setResults(layer(Layer.RESULTS, results.build().toByteString()))
                    .setEvents(layer(Layer.EVENTS, events))
                    .setResponse(Response.newBuilder().setStatus(200).setPayload(utf8("ok")))
                    .setChaincodeId(ChaincodeID.newBuilder().setName(chaincode).setVersion("1.0"))
                    .build()
                    .toByteString();
        }

        private KVRWSet.Builder ns(String namespace) {
            return namespaces.computeIfAbsent(namespace, k -> KVRWSet.newBuilder());
        }

        private ByteString layer(Layer layer, ByteString built) {
            return overrides.getOrDefault(layer, built);
        }
    }
}
