package org.biotdm.devnet.gateway;

import com.google.protobuf.Any;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.util.List;
import org.hyperledger.fabric.protos.gateway.ErrorDetail;

/** Builds gRPC errors with {@code gateway.ErrorDetail} details as Fabric's {@code apiutils.newRpcError} does. */
final class GatewayErrors {
    private GatewayErrors() {}

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
