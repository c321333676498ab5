package org.biotdm.gateway.error;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import java.util.UUID;
import org.biotdm.gateway.ledger.LedgerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders a {@link LedgerException} that reaches the HTTP layer unconverted, following the house rules for ledger
 * failures: the status is the catalogue's for the exception's code (a chaincode code was mapped by {@link
 * ChaincodeErrors}, never by its suffix); an unreachable ledger is 503 with {@code Retry-After}; an unknown commit
 * outcome is 504 with the transaction ID, so the client can look the transaction up. Features that know better
 * convert to {@link ApiException} themselves.
 *
 * <p>What Fabric and gRPC say about an unreachable, timed-out or refusing ledger (peer and orderer addresses, the MSP
 * IDs of the endorsers, file paths of the connection settings) stays on the server, because anonymous clients of the
 * device port reach these errors too: such a body carries the code, the catalogue's fixed meaning and a random {@code
 * correlationId}, and one WARN line with that ID holds the details. Chaincode refusals keep their text (the chaincode
 * writes it for clients: {@code Device d-17 does not exist}).
 */
@Produces
@Singleton
public class LedgerExceptionHandler implements ExceptionHandler<LedgerException, HttpResponse<ErrorResponse>> {
    private static final Logger LOG = LoggerFactory.getLogger(LedgerExceptionHandler.class);
    private static final long RETRY_AFTER_SECONDS = 5;

    @Override
    public HttpResponse<ErrorResponse> handle(HttpRequest request, LedgerException exception) {
        return ErrorResponses.of(toApiException(exception));
    }

    /**
     * Maps a ledger failure to the service's error.
     *
     * @param exception the failure
     * @return the equivalent {@link ApiException}, keeping code and transaction ID, and the message unless it
     *     describes the ledger's infrastructure (then logged under the failure's correlation ID)
     */
    public static ApiException toApiException(LedgerException exception) {
        long retryAfter = exception.kind() == LedgerException.Kind.UNAVAILABLE ? RETRY_AFTER_SECONDS : 0;
        if (!describesInfrastructure(exception)) {
            return new ApiException(
                    exception.code(), exception.getMessage(), exception.transactionId(), retryAfter, exception);
        }
        String correlationId = UUID.randomUUID().toString();
        LOG.warn(
                "ledger failure {} ({}, transaction {}): {}",
                correlationId,
                exception.code(),
                exception.transactionId(),
                exception.getMessage());
        return ApiException.withDetailsLogged(
                exception.code(), exception.transactionId(), retryAfter, exception, correlationId);
    }

    /**
     * Tells whether a failure's text came from Fabric's or gRPC's view of the network rather than from the chaincode:
     * an unreachable ledger, an unknown commit outcome, or a refusal by a peer or orderer.
     */
    private static boolean describesInfrastructure(LedgerException exception) {
        return switch (exception.kind()) {
            case UNAVAILABLE, UNKNOWN_OUTCOME -> true;
            case CONTRACT -> exception.code() == ErrorCode.LEDGER_REJECTED;
            case CONFLICT -> false;
        };
    }
}
