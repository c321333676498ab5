package org.biotdm.gateway.error;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Any;
import io.grpc.Status;
import io.grpc.protobuf.StatusProto;
import org.biotdm.gateway.ledger.LedgerErrors;
import org.biotdm.gateway.ledger.LedgerException;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.protos.gateway.ErrorDetail;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class LedgerExceptionHandlerTest {

    @ParameterizedTest
    @CsvSource({
        "CONTRACT, DEVICE_NOT_FOUND, 404, 0",
        "CONTRACT, ACCESS_DENIED, 403, 0",
        "CONTRACT, CLAIM_TOKEN_MISMATCH, 403, 0",
        "CONTRACT, CLAIM_TOKEN_SPENT, 409, 0",
        "CONTRACT, COMMAND_EXPIRED, 403, 0",
        "CONTRACT, DEVICE_EXISTS, 409, 0",
        "CONTRACT, ANCHOR_CONFLICT, 409, 0",
        "CONTRACT, DEVICE_INVALID_TRANSITION, 409, 0",
        "CONTRACT, COMMAND_ALREADY_COMPLETED, 409, 0",
        "CONTRACT, INVALID_ARGUMENT, 400, 0",
        "CONTRACT, GRANT_REQUIRED, 403, 0",
        "CONTRACT, GRANT_REVOKED, 409, 0",
        "CONTRACT, COMMAND_INVALID_STATE, 409, 0",
        "CONTRACT, LEDGER_TRANSACTION_INVALID, 502, 0",
        "CONTRACT, LEDGER_CHAINCODE_ERROR, 502, 0",
        "CONFLICT, LEDGER_CONFLICT, 409, 0",
        "UNAVAILABLE, LEDGER_UNAVAILABLE, 503, 5",
        "UNKNOWN_OUTCOME, LEDGER_UNKNOWN_OUTCOME, 504, 0"
    })
    void maps_each_kind_and_code_to_its_status_keeping_code_and_transaction(
            LedgerException.Kind kind, ErrorCode code, int status, long retryAfter) {
        ApiException api = LedgerExceptionHandler.toApiException(
                new LedgerException(kind, code, "[" + code + "] refused", "tx-17", null));

        assertThat(api.status().getCode()).isEqualTo(status);
        assertThat(api.code()).isEqualTo(code);
        assertThat(api.transactionId()).isEqualTo("tx-17");
        assertThat(api.retryAfterSeconds()).isEqualTo(retryAfter);
        assertThat(api.toResponse().transactionId()).isEqualTo("tx-17");
        assertThat(api.toResponse().code()).isEqualTo(code.name());
    }

    @ParameterizedTest
    @EnumSource(
            value = Status.Code.class,
            names = {"UNAVAILABLE", "DEADLINE_EXCEEDED", "PERMISSION_DENIED"})
    void a_failure_fabric_describes_reaches_the_client_as_its_code_and_a_correlation_id_only(Status.Code status) {
        LedgerException failure = LedgerErrors.translate(
                new GatewayException(StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
                        .setCode(status.value())
                        .setMessage("io exception: connection refused: peer0.org2.example.com/10.0.0.2:9051")
                        .addDetails(Any.pack(ErrorDetail.newBuilder()
                                .setAddress("peer0.org2.example.com:9051")
                                .setMspId("Org2MSP")
                                .setMessage("failed to connect to endorser")
                                .build()))
                        .build())),
                null);
        assertThat(failure.getMessage()).as("the details are there to log").contains("Org2MSP", ":9051");

        ErrorResponse body = LedgerExceptionHandler.toApiException(failure).toResponse();

        assertThat(body.code()).isEqualTo(failure.code().name());
        assertThat(body.message()).isEqualTo(failure.code().meaning());
        assertThat(body.correlationId()).matches("[0-9a-f-]{36}");
        assertThat(body.toString()).doesNotContain("Org2MSP", "9051", "10.0.0.2", "peer0", "connection refused");
    }

    @Test
    void a_chaincode_refusal_keeps_the_text_the_chaincode_wrote_for_the_client() {
        ErrorResponse body = LedgerExceptionHandler.toApiException(new LedgerException(
                        LedgerException.Kind.CONTRACT,
                        ErrorCode.DEVICE_NOT_FOUND,
                        "Device d-17 does not exist",
                        null,
                        null))
                .toResponse();

        assertThat(body.message()).isEqualTo("Device d-17 does not exist");
        assertThat(body.correlationId()).isNull();
    }
}
