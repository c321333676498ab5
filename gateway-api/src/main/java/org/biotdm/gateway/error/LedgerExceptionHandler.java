package org.biotdm.gateway.error;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.biotdm.gateway.ledger.LedgerException;

/**
 * Renders a {@link LedgerException} that reaches the HTTP layer unconverted, following the house rules for ledger
 * failures: contract errors keep the chaincode's code with 404 ({@code *_NOT_FOUND}), 403 ({@code ACCESS_DENIED},
 * {@code *_MISMATCH}, {@code *_SPENT}, {@code *_EXPIRED}), 409 ({@code *_EXISTS}, {@code *_CONFLICT}, {@code
 * *_INVALID_TRANSITION}, {@code *_ALREADY_*}) or 400 (anything else); a lost MVCC race after the retries is 409; an
 * unreachable ledger is 503 with {@code Retry-After}; an unknown commit outcome is 504 with the transaction ID, so the
 * client can look the transaction up. Features that know better convert to {@link ApiException} themselves.
 */
@Produces
@Singleton
public class LedgerExceptionHandler implements ExceptionHandler<LedgerException, HttpResponse<ErrorResponse>> {
    private static final long RETRY_AFTER_SECONDS = 5;

    @Override
    public HttpResponse<ErrorResponse> handle(HttpRequest request, LedgerException exception) {
        return ErrorResponses.of(toApiException(exception));
    }

    /**
     * Maps a ledger failure to the service's error.
     *
     * @param exception the failure
     * @return the equivalent {@link ApiException}, keeping code, message and transaction ID
     */
    public static ApiException toApiException(LedgerException exception) {
        HttpStatus status =
                switch (exception.kind()) {
                    case CONTRACT -> contractStatus(exception.code());
                    case CONFLICT -> HttpStatus.CONFLICT;
                    case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
                    case UNKNOWN_OUTCOME -> HttpStatus.GATEWAY_TIMEOUT;
                };
        long retryAfter = exception.kind() == LedgerException.Kind.UNAVAILABLE ? RETRY_AFTER_SECONDS : 0;
        return new ApiException(
                status, exception.code(), exception.getMessage(), exception.transactionId(), retryAfter, exception);
    }

    static HttpStatus contractStatus(String code) {
        if (code.endsWith("_NOT_FOUND")) {
            return HttpStatus.NOT_FOUND;
        }
        if ("ACCESS_DENIED".equals(code)
                || code.endsWith("_MISMATCH")
                || code.endsWith("_SPENT")
                || code.endsWith("_EXPIRED")) {
            return HttpStatus.FORBIDDEN;
        }
        if (code.endsWith("_EXISTS")
                || code.endsWith("_CONFLICT")
                || code.endsWith("_INVALID_TRANSITION")
                || code.contains("_ALREADY_")) {
            return HttpStatus.CONFLICT;
        }
        return HttpStatus.BAD_REQUEST;
    }
}
