package org.biotdm.gateway.error;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Renders {@link ApiException} as the service's error shape, with {@code Retry-After} on retryable failures. */
@Produces
@Singleton
final class ApiExceptionHandler implements ExceptionHandler<ApiException, HttpResponse<ErrorResponse>> {
    private static final Logger LOG = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @Override
    public HttpResponse<ErrorResponse> handle(HttpRequest request, ApiException exception) {
        if (exception.status().getCode() >= 500 && LOG.isWarnEnabled()) {
            // Server-side failures are worth a line; client errors are the client's business and stay quiet.
            LOG.warn(
                    "{} {} -> {} {} {}: {}",
                    request.getMethod(),
                    request.getPath(),
                    exception.status().getCode(),
                    exception.code(),
                    exception.correlationId() == null ? "" : exception.correlationId(),
                    exception.getCause() == null
                            ? exception.getMessage()
                            : exception.getCause().toString());
        }
        return ErrorResponses.of(exception);
    }
}
