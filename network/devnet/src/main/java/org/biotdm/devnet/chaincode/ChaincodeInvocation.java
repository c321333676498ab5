package org.biotdm.devnet.chaincode;

import com.google.protobuf.InvalidProtocolBufferException;
import java.util.Objects;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.peer.ChaincodeHeaderExtension;
import org.hyperledger.fabric.protos.peer.ChaincodeInput;
import org.hyperledger.fabric.protos.peer.Proposal;
import org.hyperledger.fabric.protos.peer.SignedProposal;

/**
 * One top-level chaincode invocation: which chaincode process runs it, for which transaction, with which input.
 *
 * @param chaincodeName the chaincode name, which is the read/write set namespace
 * @param packageId the package ID the chaincode process registered with ({@code label:sha256hex})
 * @param channelId the channel
 * @param txId the transaction ID
 * @param signedProposal the client's signed proposal, passed to the shim for {@code ClientIdentity} and timestamps
 * @param input the chaincode input (function name and arguments)
 */
public record ChaincodeInvocation(
        String chaincodeName,
        String packageId,
        String channelId,
        String txId,
        SignedProposal signedProposal,
        ChaincodeInput input) {

    /** Checks that every component is present. */
    public ChaincodeInvocation {
        Objects.requireNonNull(chaincodeName, "chaincodeName");
        Objects.requireNonNull(packageId, "packageId");
        Objects.requireNonNull(channelId, "channelId");
        Objects.requireNonNull(txId, "txId");
        Objects.requireNonNull(signedProposal, "signedProposal");
        Objects.requireNonNull(input, "input");
    }

    /**
     * Creates an invocation whose chaincode name is taken from the proposal's {@code ChaincodeHeaderExtension}, as
     * Fabric's {@code protoutil.UnpackProposal} does.
     *
     * @param packageId the package ID the chaincode process registered with
     * @param channelId the channel
     * @param txId the transaction ID
     * @param signedProposal the client's signed proposal
     * @param input the chaincode input
     * @throws IllegalArgumentException when the proposal does not parse
     */
    public ChaincodeInvocation(
            String packageId, String channelId, String txId, SignedProposal signedProposal, ChaincodeInput input) {
        this(chaincodeName(signedProposal), packageId, channelId, txId, signedProposal, input);
    }

    private static String chaincodeName(SignedProposal signedProposal) {
        try {
            Proposal proposal = Proposal.parseFrom(signedProposal.getProposalBytes());
            ChannelHeader channelHeader = ChannelHeader.parseFrom(
                    Header.parseFrom(proposal.getHeader()).getChannelHeader());
            return ChaincodeHeaderExtension.parseFrom(channelHeader.getExtension())
                    .getChaincodeId()
                    .getName();
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("invalid proposal: " + e.getMessage(), e);
        }
    }
}
