package org.biotdm.gateway.error;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Catches every exception no more specific handler claims, logs it with its stack trace on the server, and answers
 * 500 {@code INTERNAL_ERROR} without any detail, so no stack trace or exception text reaches a client.
 */
@Produces
@Singleton
final class UnexpectedExceptionHandler implements ExceptionHandler<Exception, HttpResponse<ErrorResponse>> {
    private static final Logger LOG = LoggerFactory.getLogger(UnexpectedExceptionHandler.class);

    @Override
    public HttpResponse<ErrorResponse> handle(HttpRequest request, Exception exception) {
        LOG.error("Unhandled failure of {} {}", request.getMethod(), request.getPath(), exception);
        return ErrorResponses.of(ErrorCode.INTERNAL_ERROR, "Internal server error");
    }
}
