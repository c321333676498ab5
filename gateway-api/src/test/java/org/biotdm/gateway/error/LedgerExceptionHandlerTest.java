package org.biotdm.gateway.error;

import static org.assertj.core.api.Assertions.assertThat;

import org.biotdm.gateway.ledger.LedgerException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

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
}
