package org.biotdm.devnet.gateway;

import com.google.protobuf.Any;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.util.List;
import java.util.Set;
import org.hyperledger.fabric.protos.gateway.ErrorDetail;

/**
 * Builds gRPC errors with {@code gateway.ErrorDetail} details as Fabric's {@code apiutils.newRpcError} does, and the
 * gateway's refusals whose code and text come from Fabric 2.5's registry and discovery service (the table in
 * {@code network/devnet/README.md}, "Gateway refusals", names each one's source).
 */
final class GatewayErrors {
    /**
     * Fabric's built-in system chaincodes ({@code core/scc}); the gateway's registry counts them as present on every
     * peer ({@code registry.go hasChaincode}).
     */
    static final Set<String> SYSTEM_CHAINCODES = Set.of("_lifecycle", "cscc", "lscc", "qscc");

    private static final String NO_PLAN =
            "no combination of peers can be derived which satisfy the endorsement policy: ";

    private GatewayErrors() {}

    /**
     * A channel this peer has not joined: {@code registry.connectChannelPeers} (Evaluate, UNAVAILABLE) and {@code
     * registry.orderers} (Submit, FAILED_PRECONDITION) wrap the discovery service's {@code config/support.go} error.
     *
     * @param code UNAVAILABLE for Evaluate, FAILED_PRECONDITION for Submit
     * @param channel the channel the request named
     * @return the error to answer with
     */
    static StatusRuntimeException noChannelConfig(io.grpc.Status.Code code, String channel) {
        return error(
                code,
                "failed to get config for channel [" + channel + "]: could not get last config for channel " + channel);
    }

    /**
     * Discovery has no chaincode definition to plan with ({@code discovery/endorsement/endorsement.go
     * loadMetadataAndFilters}, wrapped by {@code registry.endorsementPlan}): an unknown channel or chaincode, or a
     * system chaincode, which has no definition. FAILED_PRECONDITION.
     *
     * @param chaincode the chaincode the proposal names
     * @param channel the channel the proposal names
     * @return the error to answer with
     */
    static StatusRuntimeException noMetadata(String chaincode, String channel) {
        return error(
                io.grpc.Status.Code.FAILED_PRECONDITION,
                NO_PLAN + "No metadata was found for chaincode " + chaincode + " in channel " + channel);
    }

    /**
     * No set of the channel's peers satisfies the chaincode's and the written keys' endorsement policies ({@code
     * endorsement.go computeEndorsementResponse}, wrapped by {@code registry.endorsementPlan}). FAILED_PRECONDITION.
     *
     * @return the error to answer with
     */
    static StatusRuntimeException unsatisfiablePolicy() {
        return error(
                io.grpc.Status.Code.FAILED_PRECONDITION,
                NO_PLAN + "no peer combination can satisfy the endorsement policy");
    }

    /**
     * Endorse with endorsing organisations of which some have no peer running the chaincode ({@code
     * registry.planForOrgs}). UNAVAILABLE.
     *
     * @param missing the organisations' MSP IDs in the order the client named them
     * @return the error to answer with
     */
    static StatusRuntimeException noEndorsingPeers(List<String> missing) {
        return error(
                io.grpc.Status.Code.UNAVAILABLE,
                "failed to find any endorsing peers for org(s): " + String.join(", ", missing));
    }

    static StatusRuntimeException error(io.grpc.Status.Code code, String message, List<ErrorDetail> details) {
        com.google.rpc.Status.Builder status =
                com.google.rpc.Status.newBuilder().setCode(code.value()).setMessage(message);
        for (ErrorDetail detail : details) {
            status.addDetails(Any.pack(detail));
        }
        return StatusProto.toStatusRuntimeException(status.build());
    }

    static StatusRuntimeException error(io.grpc.Status.Code code, String message) {
        return io.grpc.Status.fromCode(code).withDescription(message).asRuntimeException();
    }

    static ErrorDetail detail(String address, String mspId, String message) {
        return ErrorDetail.newBuilder()
                .setAddress(address)
                .setMspId(mspId)
                .setMessage(message)
                .build();
    }
}
