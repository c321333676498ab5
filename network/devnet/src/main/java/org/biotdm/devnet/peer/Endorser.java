package org.biotdm.devnet.peer;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.Lock;
import org.biotdm.devnet.chaincode.ChaincodeExecutionException;
import org.biotdm.devnet.chaincode.ChaincodeInvocation;
import org.biotdm.devnet.chaincode.ChaincodeResult;
import org.biotdm.devnet.chaincode.ChaincodeSupport;
import org.biotdm.devnet.chaincode.TxSimulator;
import org.biotdm.devnet.ledger.PeerLedger;
import org.biotdm.devnet.ledger.VersionedValue;
import org.biotdm.devnet.msp.MspException;
import org.biotdm.devnet.msp.MspIdentity;
import org.biotdm.devnet.msp.SigningIdentity;
import org.biotdm.devnet.protocol.TransactionParser;
import org.hyperledger.fabric.protos.common.HeaderType;
import org.hyperledger.fabric.protos.common.SignaturePolicyEnvelope;
import org.hyperledger.fabric.protos.ledger.rwset.NsReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.TxReadWriteSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVMetadataWrite;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVRWSet;
import org.hyperledger.fabric.protos.ledger.rwset.kvrwset.KVWrite;
import org.hyperledger.fabric.protos.peer.ChaincodeAction;
import org.hyperledger.fabric.protos.peer.ChaincodeCall;
import org.hyperledger.fabric.protos.peer.ChaincodeEvent;
import org.hyperledger.fabric.protos.peer.ChaincodeID;
import org.hyperledger.fabric.protos.peer.ChaincodeInterest;
import org.hyperledger.fabric.protos.peer.Endorsement;
import org.hyperledger.fabric.protos.peer.ProposalResponse;
import org.hyperledger.fabric.protos.peer.ProposalResponsePayload;
import org.hyperledger.fabric.protos.peer.Response;
import org.hyperledger.fabric.protos.peer.SignedProposal;

/**
 * One peer's endorser: checks a proposal, simulates it on the chaincode against the peer's world state and signs the
 * result as Fabric's default endorsement plugin (ESCC) does. Follows {@code core/endorser/endorser.go} of Fabric 2.5:
 * errors about the proposal itself come back as an error together with a 500 response; simulation and chaincode
 * failures come back as a response only.
 */
public final class Endorser {
    private static final String VALIDATION_PARAMETER = "VALIDATION_PARAMETER";
    private static final int ERROR_STATUS = 500;
    private static final int ERROR_THRESHOLD = 400;

    private final SigningIdentity peerIdentity;
    private final ChannelConfig channel;
    private final PeerLedger ledger;
    private final ChaincodeSupport chaincodeSupport;
    private final ByteString serializedPeer;
    private final QuerySystemChaincode qscc;
    private final MspIdentity validatedSelf;

    /**
     * Creates the endorser of one peer.
     *
     * @param peerIdentity the peer's signing identity (NodeOU {@code peer})
     * @param channel the channel configuration
     * @param ledger the peer's ledger
     * @param chaincodeSupport the peer's chaincode support, where the chaincode processes register
     */
    public Endorser(
            SigningIdentity peerIdentity, ChannelConfig channel, PeerLedger ledger, ChaincodeSupport chaincodeSupport) {
        this.peerIdentity = peerIdentity;
        this.channel = channel;
        this.ledger = ledger;
        this.chaincodeSupport = chaincodeSupport;
        this.serializedPeer = peerIdentity.serialize();
        this.qscc = new QuerySystemChaincode(channel, ledger);
        this.validatedSelf = selfIfKeyMatches(peerIdentity, channel);
    }

    /**
     * Returns the peer's own identity as the channel MSP reads it when a probe signature with the peer's private key
     * verifies under it, so endorsement signatures can be remembered as valid (every peer of this process then skips
     * their elliptic-curve check at commit); null when it does not deserialise or the key does not match.
     */
    private static MspIdentity selfIfKeyMatches(SigningIdentity peerIdentity, ChannelConfig channel) {
        try {
            MspIdentity self = channel.msp().deserialize(peerIdentity.serialize());
            byte[] probe = ("endorser key probe " + peerIdentity.mspId()).getBytes(StandardCharsets.UTF_8);
            return self.verify(probe, peerIdentity.sign(probe)) ? self : null;
        } catch (MspException e) {
            return null;
        }
    }

    /**
     * Processes a proposal as Fabric's {@code Endorser.ProcessProposal}.
     *
     * @param signedProposal the client's signed proposal
     * @return the proposal response, and the error text when the proposal itself was rejected
     */
    public EndorsementResult processProposal(SignedProposal signedProposal) {
        UnpackedProposal proposal;
        try {
            proposal = UnpackedProposal.unpack(signedProposal);
        } catch (ProposalException e) {
            return EndorsementResult.rejected(e.getMessage());
        }
        if (!proposal.channelId().equals(channel.channelId())) {
            return EndorsementResult.failed("channel '" + proposal.channelId() + "' not found");
        }
        Optional<String> preProcessError = preProcess(proposal);
        if (preProcessError.isPresent()) {
            return EndorsementResult.rejected(preProcessError.get());
        }
        if (QuerySystemChaincode.NAME.equals(proposal.chaincodeName())) {
            return querySystemChaincode(proposal);
        }
        Optional<ChaincodeDefinition> definition = channel.chaincode(proposal.chaincodeName());
        if (definition.isEmpty()) {
            return EndorsementResult.failed("make sure the chaincode " + proposal.chaincodeName()
                    + " has been successfully defined on channel " + proposal.channelId()
                    + " and try again: chaincode definition for '" + proposal.chaincodeName()
                    + "' not found");
        }
        return simulateAndEndorse(proposal, definition.get());
    }

    private Optional<String> preProcess(UnpackedProposal proposal) {
        Optional<String> invalid = validate(proposal);
        if (invalid.isPresent()) {
            return Optional.of("error validating proposal: " + invalid.get());
        }
        if (ledger.transaction(proposal.txId()).isPresent()) {
            return Optional.of("duplicate transaction found [" + proposal.txId() + "]. Creator ["
                    + HexFormat.of()
                            .formatHex(proposal.signatureHeader().getCreator().toByteArray()) + "]");
        }
        return Optional.empty();
    }

    /** Mirrors {@code UnpackedProposal.Validate} and the channel Writers ACL check, in the same order. */
    private Optional<String> validate(UnpackedProposal proposal) {
        int type = proposal.channelHeader().getType();
        if (type != HeaderType.ENDORSER_TRANSACTION_VALUE && type != HeaderType.CONFIG_VALUE) {
            return Optional.of("invalid header type " + headerTypeName(type));
        }
        if (proposal.channelHeader().getEpoch() != 0) {
            return Optional.of("epoch is non-zero");
        }
        ByteString nonce = proposal.signatureHeader().getNonce();
        ByteString creator = proposal.signatureHeader().getCreator();
        if (nonce.isEmpty()) {
            return Optional.of("nonce is empty");
        }
        if (creator.isEmpty()) {
            return Optional.of("creator is empty");
        }
        String expectedTxId = TransactionParser.computeTxId(nonce, creator);
        if (!expectedTxId.equals(proposal.txId())) {
            return Optional.of(
                    "incorrectly computed txid '" + proposal.txId() + "' -- expected '" + expectedTxId + "'");
        }
        if (proposal.signedProposal().getProposalBytes().isEmpty()) {
            return Optional.of("empty proposal bytes");
        }
        if (proposal.signedProposal().getSignature().isEmpty()) {
            return Optional.of("empty signature bytes");
        }
        MspIdentity identity;
        try {
            identity = channel.msp().deserialize(creator);
        } catch (MspException e) {
            return Optional.of(
                    "access denied: channel [" + proposal.channelId() + "] creator org unknown, creator is malformed");
        }
        if (!identity.verify(
                proposal.signedProposal().getProposalBytes().toByteArray(),
                proposal.signedProposal().getSignature().toByteArray())) {
            return Optional.of(
                    "access denied: channel [" + proposal.channelId() + "] creator org [" + identity.mspId() + "]");
        }
        // System chaincodes check their own ACLs (endorser.go preProcess); qscc checks the channel's Readers.
        if (!QuerySystemChaincode.NAME.equals(proposal.chaincodeName())
                && !channel.applicationMsps().contains(identity.mspId())) {
            return Optional.of("access denied for [propose][" + proposal.channelId()
                    + "]: [failed evaluating policy on signed data during check policy [/Channel/Application/Writers]:"
                    + " [implicit policy evaluation failed - 0 sub-policies were satisfied, but this policy requires 1"
                    + " of the 'Writers' sub-policies to be satisfied]]");
        }
        return Optional.empty();
    }

    /**
     * Runs {@code qscc} as Fabric's endorser runs a system chaincode: no simulator (so no state lock and an empty
     * read/write set), chaincode version {@code syscc}, and the default ESCC signature on success.
     */
    private EndorsementResult querySystemChaincode(UnpackedProposal proposal) {
        String creatorMsp;
        try {
            creatorMsp = channel.msp()
                    .deserialize(proposal.signatureHeader().getCreator())
                    .mspId();
        } catch (MspException e) {
            throw new IllegalStateException("the creator deserialised during validation", e);
        }
        Response response = qscc.invoke(proposal.input().getArgsList(), creatorMsp);
        ChaincodeAction action = ChaincodeAction.newBuilder()
                .setResponse(response)
                .setChaincodeId(ChaincodeID.newBuilder()
                        .setName(QuerySystemChaincode.NAME)
                        .setVersion(QuerySystemChaincode.VERSION))
                .build();
        ByteString prp = ProposalResponsePayload.newBuilder()
                .setProposalHash(proposal.proposalHash())
                .setExtension(action.toByteString())
                .build()
                .toByteString();
        return endorse(response, prp, null);
    }

    private EndorsementResult simulateAndEndorse(UnpackedProposal proposal, ChaincodeDefinition definition) {
        ChaincodeResult result;
        TxReadWriteSet rwset;
        List<ByteString> keyPolicies;
        Lock lock = ledger.simulationLock();
        lock.lock();
        TxSimulator simulator = new TxSimulator(ledger, proposal.txId());
        try {
            result = chaincodeSupport.execute(
                    new ChaincodeInvocation(
                            definition.name(),
                            definition.packageId(),
                            proposal.channelId(),
                            proposal.txId(),
                            proposal.signedProposal(),
                            proposal.input()),
                    simulator);
            rwset = simulator.results();
            keyPolicies = committedKeyPolicies(rwset, definition.name());
        } catch (ChaincodeExecutionException e) {
            return EndorsementResult.failed("error in simulation: " + e.getMessage());
        } finally {
            simulator.done();
            lock.unlock();
        }
        Response response = result.response();
        ByteString prp = responsePayload(proposal, definition, result, rwset);
        return endorse(response, prp, interest(definition.name(), keyPolicies));
    }

    /** Builds the proposal response as {@code ProcessProposalSuccessfullyOrError} does once the chaincode answered. */
    private EndorsementResult endorse(Response response, ByteString prp, ChaincodeInterest interest) {
        if (response.getStatus() >= ERROR_STATUS) {
            ProposalResponse.Builder failed =
                    ProposalResponse.newBuilder().setResponse(response).setPayload(prp);
            if (interest != null) {
                failed.setInterest(interest);
            }
            return EndorsementResult.of(failed.build());
        }
        if (response.getStatus() >= ERROR_THRESHOLD) {
            return EndorsementResult.of(
                    ProposalResponse.newBuilder().setResponse(response).build());
        }
        byte[] signed = prp.concat(serializedPeer).toByteArray();
        byte[] signature = peerIdentity.sign(signed);
        if (validatedSelf != null) {
            validatedSelf.rememberOwnSignature(signed, signature);
        }
        Endorsement endorsement = Endorsement.newBuilder()
                .setEndorser(serializedPeer)
                .setSignature(ByteString.copyFrom(signature))
                .build();
        ProposalResponse.Builder endorsed = ProposalResponse.newBuilder()
                .setVersion(1)
                .setEndorsement(endorsement)
                .setPayload(prp)
                .setResponse(response);
        if (interest != null) {
            endorsed.setInterest(interest);
        }
        return EndorsementResult.of(endorsed.build());
    }

    private ByteString responsePayload(
            UnpackedProposal proposal, ChaincodeDefinition definition, ChaincodeResult result, TxReadWriteSet rwset) {
        ChaincodeID chaincodeId = ChaincodeID.newBuilder()
                .setName(definition.name())
                .setVersion(definition.version())
                .build();
        ChaincodeAction.Builder action = ChaincodeAction.newBuilder()
                .setResults(rwset.toByteString())
                .setResponse(result.response())
                .setChaincodeId(chaincodeId);
        ChaincodeEvent event = result.event();
        if (event != null && !event.getEventName().isEmpty()) {
            action.setEvents(event.toBuilder()
                    .setChaincodeId(definition.name())
                    .setTxId(proposal.txId())
                    .build()
                    .toByteString());
        }
        return ProposalResponsePayload.newBuilder()
                .setProposalHash(proposal.proposalHash())
                .setExtension(action.build().toByteString())
                .build()
                .toByteString();
    }

    /**
     * Collects the committed key-level policies of the keys this simulation writes, which the gateway needs to pick
     * endorsers ({@code Endorser.buildChaincodeInterest}).
     */
    private List<ByteString> committedKeyPolicies(TxReadWriteSet rwset, String namespace) {
        List<ByteString> policies = new ArrayList<>();
        for (NsReadWriteSet ns : rwset.getNsRwsetList()) {
            if (!ns.getNamespace().equals(namespace)) {
                continue;
            }
            KVRWSet kv;
            try {
                kv = KVRWSet.parseFrom(ns.getRwset());
            } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                continue;
            }
            for (KVWrite write : kv.getWritesList()) {
                addPolicy(policies, namespace, write.getKey());
            }
            for (KVMetadataWrite write : kv.getMetadataWritesList()) {
                addPolicy(policies, namespace, write.getKey());
            }
        }
        return policies;
    }

    private void addPolicy(List<ByteString> policies, String namespace, String key) {
        VersionedValue committed = ledger.get(namespace, key);
        if (committed == null) {
            return;
        }
        ByteString policy = committed.metadata().get(VALIDATION_PARAMETER);
        if (policy != null && !policy.isEmpty() && !policies.contains(policy)) {
            policies.add(policy);
        }
    }

    private static ChaincodeInterest interest(String chaincode, List<ByteString> keyPolicies) {
        ChaincodeCall.Builder call = ChaincodeCall.newBuilder().setName(chaincode);
        for (ByteString policy : keyPolicies) {
            try {
                call.addKeyPolicies(SignaturePolicyEnvelope.parseFrom(policy));
            } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                // A malformed key policy fails validation at commit; discovery simply ignores it.
            }
        }
        return ChaincodeInterest.newBuilder().addChaincodes(call).build();
    }

    private static String headerTypeName(int type) {
        HeaderType headerType = HeaderType.forNumber(type);
        return headerType == null ? Integer.toString(type) : headerType.name();
    }
}
