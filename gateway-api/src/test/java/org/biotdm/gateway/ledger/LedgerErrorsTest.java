package org.biotdm.gateway.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Any;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import org.biotdm.gateway.error.ErrorCode;
import org.hyperledger.fabric.client.CommitStatusException;
import org.hyperledger.fabric.client.EndorseException;
import org.hyperledger.fabric.client.GatewayException;
import org.hyperledger.fabric.client.GatewayRuntimeException;
import org.hyperledger.fabric.client.SubmitException;
import org.hyperledger.fabric.protos.gateway.ErrorDetail;
import org.hyperledger.fabric.protos.peer.TxValidationCode;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class LedgerErrorsTest {
    private static final String TX = "3f1c0de5a0e1b6a5d3f1c0de5a0e1b6a5d3f1c0de5a0e1b6a5d3f1c0de5a0e1b";

    /** Builds the exception gRPC delivers for a peer's error: a status with ErrorDetail messages, as Fabric sends. */
    static StatusRuntimeException grpcError(Status.Code code, String message, String... detailMessages) {
        com.google.rpc.Status.Builder status =
                com.google.rpc.Status.newBuilder().setCode(code.value()).setMessage(message);
        for (String detail : detailMessages) {
            status.addDetails(Any.pack(ErrorDetail.newBuilder()
                    .setAddress("peer0.org1.example.com:7051")
                    .setMspId("Org1MSP")
                    .setMessage(detail)
                    .build()));
        }
        return StatusProto.toStatusRuntimeException(status.build());
    }

    @Nested
    class Chaincode_errors {
        @Test
        void evaluate_error_with_a_code_becomes_a_contract_failure_without_transaction() {
            GatewayException e = new GatewayException(grpcError(
                    Status.Code.UNKNOWN,
                    "evaluate call to endorser returned error: chaincode response 500, [DEVICE_NOT_FOUND] Device d-17"
                            + " does not exist",
                    "chaincode response 500, [DEVICE_NOT_FOUND] Device d-17 does not exist"));

            LedgerException translated = LedgerErrors.translate(e, null);

            assertThat(translated.kind()).isEqualTo(LedgerException.Kind.CONTRACT);
            assertThat(translated.code()).isEqualTo(ErrorCode.DEVICE_NOT_FOUND);
            assertThat(translated.getMessage()).isEqualTo("Device d-17 does not exist");
            assertThat(translated.transactionId()).isNull();
            assertThat(translated.getCause()).isSameAs(e);
        }

        @Test
        void endorse_error_with_a_code_in_the_details_keeps_the_transaction_id() {
            EndorseException e = new EndorseException(
                    TX,
                    grpcError(
                            Status.Code.ABORTED,
                            "failed to endorse transaction, see attached details for more info",
                            "chaincode response 500, [CLAIM_TOKEN_MISMATCH] The claim token does not match device d-1"));

            LedgerException translated = LedgerErrors.translate(e, TX);

            assertThat(translated.kind()).isEqualTo(LedgerException.Kind.CONTRACT);
            assertThat(translated.code()).isEqualTo(ErrorCode.CLAIM_TOKEN_MISMATCH);
            assertThat(translated.getMessage()).isEqualTo("The claim token does not match device d-1");
            assertThat(translated.transactionId()).isEqualTo(TX);
        }

        @Test
        void code_is_taken_from_the_first_endorser_that_reports_one() {
            EndorseException e = new EndorseException(
                    TX,
                    grpcError(
                            Status.Code.ABORTED,
                            "failed to collect enough transaction endorsements, see attached details for more info",
                            "rpc error: code = Unavailable desc = connection refused",
                            "chaincode response 500, [CLAIM_TOKEN_SPENT] The claim token of device d-1 was already"
                                    + " spent"));

            assertThat(LedgerErrors.translate(e, TX).code()).isEqualTo(ErrorCode.CLAIM_TOKEN_SPENT);
        }

        @Test
        void chaincode_failure_without_a_code_is_a_chaincode_error() {
            EndorseException e = new EndorseException(
                    TX,
                    grpcError(
                            Status.Code.ABORTED,
                            "failed to endorse transaction, see attached details for more info",
                            "chaincode response 500, Error during contract method execution"));

            LedgerException translated = LedgerErrors.translate(e, TX);

            assertThat(translated.kind()).isEqualTo(LedgerException.Kind.CONTRACT);
            assertThat(translated.code()).isEqualTo(ErrorCode.LEDGER_CHAINCODE_ERROR);
            assertThat(translated.getMessage()).contains("Error during contract method execution");
        }

        @Test
        void unknown_chaincode_code_falls_back_and_keeps_the_code_in_the_text() {
            EndorseException e = new EndorseException(
                    TX,
                    grpcError(
                            Status.Code.ABORTED,
                            "failed to endorse transaction, see attached details for more info",
                            "chaincode response 500, [ROLLOUT_PAUSED] Rollout r-1 is paused"));

            LedgerException translated = LedgerErrors.translate(e, TX);

            assertThat(translated.code()).isEqualTo(ErrorCode.LEDGER_CHAINCODE_ERROR);
            assertThat(translated.getMessage())
                    .isEqualTo("The chaincode failed with ROLLOUT_PAUSED: Rollout r-1 is paused");
        }

        @Test
        void shim_text_with_a_hex_prefix_is_not_mistaken_for_a_code() {
            EndorseException e = new EndorseException(
                    TX,
                    grpcError(
                            Status.Code.ABORTED,
                            "failed to endorse transaction, see attached details for more info",
                            "chaincode response 500, [3f1c0de5]Unsuccessful response received."));

            assertThat(LedgerErrors.translate(e, TX).code()).isEqualTo(ErrorCode.LEDGER_CHAINCODE_ERROR);
        }
    }

    @Nested
    class Infrastructure_errors {
        @Test
        void unreachable_peer_on_endorse_is_unavailable() {
            EndorseException e = new EndorseException(TX, grpcError(Status.Code.UNAVAILABLE, "io exception"));

            LedgerException translated = LedgerErrors.translate(e, TX);

            assertThat(translated.kind()).isEqualTo(LedgerException.Kind.UNAVAILABLE);
            assertThat(translated.code()).isEqualTo(ErrorCode.LEDGER_UNAVAILABLE);
            assertThat(translated.transactionId()).isEqualTo(TX);
        }

        @Test
        void deadline_on_endorse_or_evaluate_is_unavailable() {
            EndorseException endorse =
                    new EndorseException(TX, grpcError(Status.Code.DEADLINE_EXCEEDED, "deadline exceeded"));
            GatewayException evaluate = new GatewayException(grpcError(Status.Code.DEADLINE_EXCEEDED, "deadline"));

            assertThat(LedgerErrors.translate(endorse, TX).kind()).isEqualTo(LedgerException.Kind.UNAVAILABLE);
            assertThat(LedgerErrors.translate(evaluate, null).kind()).isEqualTo(LedgerException.Kind.UNAVAILABLE);
        }

        @Test
        void peer_side_abort_without_a_chaincode_response_is_unavailable() {
            EndorseException e = new EndorseException(
                    TX,
                    grpcError(
                            Status.Code.ABORTED,
                            "failed to endorse transaction, see attached details for more info",
                            "error in simulation: failed to execute transaction: chaincode stream terminated"));

            assertThat(LedgerErrors.translate(e, TX).kind()).isEqualTo(LedgerException.Kind.UNAVAILABLE);
        }

        @Test
        void unreachable_orderer_on_submit_is_unavailable() {
            SubmitException e =
                    new SubmitException(TX, grpcError(Status.Code.UNAVAILABLE, "no orderer nodes available"));

            assertThat(LedgerErrors.translate(e, TX).kind()).isEqualTo(LedgerException.Kind.UNAVAILABLE);
        }

        @Test
        void deadline_on_submit_is_an_unknown_outcome_because_the_orderer_may_have_the_transaction() {
            SubmitException e = new SubmitException(TX, grpcError(Status.Code.DEADLINE_EXCEEDED, "deadline"));

            LedgerException translated = LedgerErrors.translate(e, TX);

            assertThat(translated.kind()).isEqualTo(LedgerException.Kind.UNKNOWN_OUTCOME);
            assertThat(translated.code()).isEqualTo(ErrorCode.LEDGER_UNKNOWN_OUTCOME);
            assertThat(translated.transactionId()).isEqualTo(TX);
        }

        @Test
        void orderer_refusal_on_submit_is_rejected() {
            SubmitException e = new SubmitException(
                    TX,
                    grpcError(
                            Status.Code.ABORTED,
                            "received unsuccessful response from orderer: status=FORBIDDEN, info=bad signature"));

            LedgerException translated = LedgerErrors.translate(e, TX);

            assertThat(translated.kind()).isEqualTo(LedgerException.Kind.CONTRACT);
            assertThat(translated.code()).isEqualTo(ErrorCode.LEDGER_REJECTED);
            assertThat(translated.getMessage()).contains("FORBIDDEN");
        }

        @Test
        void commit_status_failure_is_an_unknown_outcome_with_the_transaction_id() {
            CommitStatusException e =
                    new CommitStatusException(TX, grpcError(Status.Code.DEADLINE_EXCEEDED, "deadline exceeded"));

            LedgerException translated = LedgerErrors.translate(e, TX);

            assertThat(translated.kind()).isEqualTo(LedgerException.Kind.UNKNOWN_OUTCOME);
            assertThat(translated.transactionId()).isEqualTo(TX);
            assertThat(translated.getMessage()).contains(TX);
        }

        @Test
        void access_denied_by_the_peer_is_rejected_with_the_peer_detail() {
            GatewayException e = new GatewayException(grpcError(
                    Status.Code.FAILED_PRECONDITION,
                    "evaluate call to endorser returned error: error validating proposal: access denied",
                    "error validating proposal: access denied: channel [mychannel] creator org [Org9MSP]"));

            LedgerException translated = LedgerErrors.translate(e, null);

            assertThat(translated.code()).isEqualTo(ErrorCode.LEDGER_REJECTED);
            assertThat(translated.getMessage()).contains("FAILED_PRECONDITION").contains("Org9MSP");
        }

        @Test
        void cancelled_event_stream_is_unavailable() {
            GatewayRuntimeException e = new GatewayRuntimeException(grpcError(Status.Code.CANCELLED, "cancelled"));

            assertThat(LedgerErrors.translate(e).kind()).isEqualTo(LedgerException.Kind.UNAVAILABLE);
        }
    }

    @Nested
    class Commit_codes {
        @Test
        void invalidated_transaction_is_a_contract_failure_naming_its_validation_code() {
            LedgerException e = LedgerErrors.invalidated(TX, TxValidationCode.ENDORSEMENT_POLICY_FAILURE, 42);

            assertThat(e.kind()).isEqualTo(LedgerException.Kind.CONTRACT);
            assertThat(e.code()).isEqualTo(ErrorCode.LEDGER_TRANSACTION_INVALID);
            assertThat(e.transactionId()).isEqualTo(TX);
            assertThat(e.getMessage()).contains("block 42").contains("ENDORSEMENT_POLICY_FAILURE");
        }

        @Test
        void only_mvcc_and_phantom_conflicts_are_retryable() {
            assertThat(LedgerErrors.isReadConflict(TxValidationCode.MVCC_READ_CONFLICT))
                    .isTrue();
            assertThat(LedgerErrors.isReadConflict(TxValidationCode.PHANTOM_READ_CONFLICT))
                    .isTrue();
            assertThat(LedgerErrors.isReadConflict(TxValidationCode.ENDORSEMENT_POLICY_FAILURE))
                    .isFalse();
            assertThat(LedgerErrors.isReadConflict(TxValidationCode.DUPLICATE_TXID))
                    .isFalse();
        }

        @Test
        void conflict_after_retries_names_the_attempts() {
            LedgerException e = LedgerErrors.conflict(TX, TxValidationCode.MVCC_READ_CONFLICT, 3);

            assertThat(e.kind()).isEqualTo(LedgerException.Kind.CONFLICT);
            assertThat(e.code()).isEqualTo(ErrorCode.LEDGER_CONFLICT);
            assertThat(e.getMessage()).contains("MVCC_READ_CONFLICT").contains("3 attempts");
        }
    }
}
