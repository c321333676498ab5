package org.biotdm.devnet.peer;

import org.hyperledger.fabric.protos.peer.ProposalResponse;
import org.hyperledger.fabric.protos.peer.Response;

/**
 * What a peer's {@code ProcessProposal} returns: a proposal response, and for proposals rejected before simulation
 * (malformed, bad signature, access denied, duplicate) also an error, which Fabric's gateway maps to {@code
 * FAILED_PRECONDITION}.
 *
 * @param response the proposal response, never null
 * @param error the error text when the proposal itself was rejected, otherwise null
 */
public record EndorsementResult(ProposalResponse response, String error) {

    static EndorsementResult of(ProposalResponse response) {
        return new EndorsementResult(response, null);
    }

    static EndorsementResult failed(String message) {
        return new EndorsementResult(errorResponse(message), null);
    }

    static EndorsementResult rejected(String message) {
        return new EndorsementResult(errorResponse(message), message);
    }

    private static ProposalResponse errorResponse(String message) {
        return ProposalResponse.newBuilder()
                .setResponse(Response.newBuilder().setStatus(500).setMessage(message))
                .build();
    }
}
