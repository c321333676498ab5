package org.biotdm.gateway.error;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.biotdm.gateway.ledger.LedgerException;

/**
 * Renders a {@link LedgerException} that reaches the HTTP layer unconverted, following the house rules for ledger
 * failures: the status is the catalogue's for the exception's code (a chaincode code was mapped by {@link
 * ChaincodeErrors}, never by its suffix); an unreachable ledger is 503 with {@code Retry-After}; an unknown commit
 * outcome is 504 with the transaction ID, so the client can look the transaction up. Features that know better
 * convert to {@link ApiException} themselves.
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
        long retryAfter = exception.kind() == LedgerException.Kind.UNAVAILABLE ? RETRY_AFTER_SECONDS : 0;
        return new ApiException(
                exception.code(), exception.getMessage(), exception.transactionId(), retryAfter, exception);
    }
}
