package org.biotdm.devnet.peer;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.google.protobuf.InvalidProtocolBufferException;
import org.hyperledger.fabric.protos.peer.SignedProposal;

/**
 * Fuzzes the endorsing peer's unpacking of a client's signed proposal: any bytes that protobuf reads as a {@code
 * SignedProposal} unpack to a proposal with a transaction ID and channel, or are refused with {@link
 * ProposalException} in Fabric's words, never another exception.
 */
class UnpackedProposalFuzzTest {
    @FuzzTest
    void any_signed_proposal_unpacks_or_is_refused(byte[] bytes) {
        SignedProposal signed;
        try {
            signed = SignedProposal.parseFrom(bytes);
        } catch (InvalidProtocolBufferException e) {
            return; // protobuf's refusal, answered by gRPC before the peer sees it
        }
        try {
            UnpackedProposal proposal = UnpackedProposal.unpack(signed);
            assertThat(proposal.txId()).isNotNull();
            assertThat(proposal.channelId()).isNotNull();
        } catch (ProposalException refused) {
            assertThat(refused.getMessage()).isNotBlank();
        }
    }
}
