package org.biotdm.gateway.error;

import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.json.JsonSyntaxException;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolationException;

/**
 * Gives the errors Micronaut produces itself (unknown routes, wrong methods, unreadable or oversized bodies, binding
 * and validation failures, unexpected 500s) the service's {@link ErrorResponse} shape. Replaces Micronaut's default
 * JSON error body, which carries HAL links and exception text. Server errors never echo exception text.
 *
 * <p>Codes: {@code REQUEST_MALFORMED} for a body that is not valid JSON, {@code INVALID_ARGUMENT} for bean
 * validation failures, {@code TELEMETRY_TOO_LARGE} for an oversized telemetry body, otherwise {@link
 * ErrorResponses#defaultCode(HttpStatus)}.
 */
@Singleton
public class ServiceErrorResponseProcessor implements ErrorResponseProcessor<ErrorResponse> {
    private static final String TELEMETRY_PATH = "/device/v1/telemetry";

    @Override
    @SuppressWarnings("unchecked")
    public MutableHttpResponse<ErrorResponse> processResponse(
            ErrorContext errorContext, MutableHttpResponse<?> baseResponse) {
        MutableHttpResponse<ErrorResponse> response = (MutableHttpResponse<ErrorResponse>) baseResponse;
        if (errorContext.getRequest().getMethod() == HttpMethod.HEAD) {
            return response;
        }
        HttpStatus status = baseResponse.getStatus();
        Throwable cause = errorContext.getRootCause().orElse(null);
        String code = codeFor(status, cause, errorContext.getRequest().getPath());
        return response.contentType(MediaType.APPLICATION_JSON_TYPE)
                .body(ErrorResponse.of(code, messageFor(status, errorContext)));
    }

    private static String codeFor(HttpStatus status, Throwable cause, String path) {
        if (cause instanceof JsonSyntaxException) {
            return "REQUEST_MALFORMED";
        }
        if (cause instanceof ConstraintViolationException) {
            return "INVALID_ARGUMENT";
        }
        if (status == HttpStatus.REQUEST_ENTITY_TOO_LARGE && TELEMETRY_PATH.equals(path)) {
            return "TELEMETRY_TOO_LARGE";
        }
        return ErrorResponses.defaultCode(status);
    }

    private static String messageFor(HttpStatus status, ErrorContext errorContext) {
        if (status.getCode() >= 500) {
            return status.getReason();
        }
        if (errorContext.hasErrors()) {
            return errorContext.getErrors().get(0).getMessage();
        }
        return status.getReason();
    }
}
