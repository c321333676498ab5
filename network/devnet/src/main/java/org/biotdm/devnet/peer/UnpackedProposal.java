package org.biotdm.devnet.peer;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import org.biotdm.devnet.crypto.Hashes;
import org.hyperledger.fabric.protos.common.ChannelHeader;
import org.hyperledger.fabric.protos.common.Header;
import org.hyperledger.fabric.protos.common.SignatureHeader;
import org.hyperledger.fabric.protos.peer.ChaincodeHeaderExtension;
import org.hyperledger.fabric.protos.peer.ChaincodeInput;
import org.hyperledger.fabric.protos.peer.ChaincodeInvocationSpec;
import org.hyperledger.fabric.protos.peer.ChaincodeProposalPayload;
import org.hyperledger.fabric.protos.peer.Proposal;
import org.hyperledger.fabric.protos.peer.SignedProposal;

/**
 * The parts of a {@code SignedProposal} an endorser works with, unpacked as Fabric's {@code
 * core/endorser/msgvalidation.go UnpackProposal} does.
 *
 * @param signedProposal the proposal as the client sent it
 * @param proposal the parsed proposal
 * @param header the proposal header
 * @param channelHeader the parsed channel header
 * @param signatureHeader the parsed signature header (creator and nonce)
 * @param chaincodeName the chaincode name from the header extension
 * @param input the chaincode input (function name and arguments)
 * @param proposalPayload the parsed chaincode proposal payload, transient map included
 * @param proposalHash SHA-256 over channel header, signature header and the payload without its transient map
 */
record UnpackedProposal(
        SignedProposal signedProposal,
        Proposal proposal,
        Header header,
        ChannelHeader channelHeader,
        SignatureHeader signatureHeader,
        String chaincodeName,
        ChaincodeInput input,
        ChaincodeProposalPayload proposalPayload,
        ByteString proposalHash) {

    /**
     * Unpacks a signed proposal without checking signatures.
     *
     * @param signedProposal the client's signed proposal
     * @return the unpacked proposal
     * @throws ProposalException with Fabric's wording when a layer does not parse or a required field is missing
     */
    public static UnpackedProposal unpack(SignedProposal signedProposal) throws ProposalException {
        try {
            Proposal proposal = Proposal.parseFrom(signedProposal.getProposalBytes());
            Header header = Header.parseFrom(proposal.getHeader());
            ChannelHeader channelHeader = ChannelHeader.parseFrom(header.getChannelHeader());
            SignatureHeader signatureHeader = SignatureHeader.parseFrom(header.getSignatureHeader());
            ChaincodeHeaderExtension extension = ChaincodeHeaderExtension.parseFrom(channelHeader.getExtension());
            if (!extension.hasChaincodeId()) {
                throw new ProposalException("ChaincodeHeaderExtension.ChaincodeId is nil");
            }
            if (extension.getChaincodeId().getName().isEmpty()) {
                throw new ProposalException("ChaincodeHeaderExtension.ChaincodeId.Name is empty");
            }
            ChaincodeProposalPayload payload = ChaincodeProposalPayload.parseFrom(proposal.getPayload());
            ChaincodeInvocationSpec spec = ChaincodeInvocationSpec.parseFrom(payload.getInput());
            if (!spec.hasChaincodeSpec()) {
                throw new ProposalException("chaincode invocation spec did not contain chaincode spec");
            }
            if (!spec.getChaincodeSpec().hasInput()) {
                throw new ProposalException("chaincode input did not contain any input");
            }
            ByteString withoutTransient = ChaincodeProposalPayload.newBuilder()
                    .setInput(payload.getInput())
                    .build()
                    .toByteString();
            ByteString hash = ByteString.copyFrom(Hashes.sha256(
                    header.getChannelHeader().toByteArray(),
                    header.getSignatureHeader().toByteArray(),
                    withoutTransient.toByteArray()));
            return new UnpackedProposal(
                    signedProposal,
                    proposal,
                    header,
                    channelHeader,
                    signatureHeader,
                    extension.getChaincodeId().getName(),
                    spec.getChaincodeSpec().getInput(),
                    payload,
                    hash);
        } catch (InvalidProtocolBufferException e) {
            throw new ProposalException("error unmarshalling proposal: " + e.getMessage(), e);
        }
    }

    /**
     * Returns the transaction ID from the channel header.
     *
     * @return the transaction ID
     */
    public String txId() {
        return channelHeader.getTxId();
    }

    /**
     * Returns the channel ID from the channel header.
     *
     * @return the channel ID
     */
    public String channelId() {
        return channelHeader.getChannelId();
    }
}
