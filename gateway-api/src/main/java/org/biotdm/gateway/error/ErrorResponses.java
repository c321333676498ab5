package org.biotdm.gateway.error;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;

/** Builds error responses in the service's one shape, for handlers and for filters that answer early. */
public final class ErrorResponses {
    private ErrorResponses() {}

    /**
     * Builds an error response with the code's catalogue status.
     *
     * @param code the catalogue code
     * @param message the reason
     * @return a JSON response with an {@link ErrorResponse} body
     */
    public static MutableHttpResponse<ErrorResponse> of(ErrorCode code, String message) {
        return HttpResponse.<ErrorResponse>status(code.status())
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .body(ErrorResponse.of(code, message));
    }

    /**
     * Builds the response for an {@link ApiException}, with {@code Retry-After} when it carries a retry hint.
     *
     * @param exception the failure
     * @return a JSON response with an {@link ErrorResponse} body
     */
    public static MutableHttpResponse<ErrorResponse> of(ApiException exception) {
        MutableHttpResponse<ErrorResponse> response = HttpResponse.<ErrorResponse>status(exception.status())
                .contentType(MediaType.APPLICATION_JSON_TYPE)
                .body(exception.toResponse());
        if (exception.retryAfterSeconds() > 0) {
            response.header(HttpHeaders.RETRY_AFTER, Long.toString(exception.retryAfterSeconds()));
        }
        return response;
    }

    /**
     * Returns the code for a status Micronaut produced itself, used where no handler chose a more precise one
     * (unknown routes, wrong methods, unreadable bodies, binding errors).
     *
     * @param status the HTTP status
     * @param devicePort whether the request came to the device port, whose codes are kept for deployed firmware
     * @return the matching catalogue code; a 400 or any other 4xx without its own entry is {@code INVALID_ARGUMENT}
     *     on the API port and {@code BAD_REQUEST} on the device port, any other 5xx is {@code INTERNAL_ERROR}
     */
    public static ErrorCode defaultCode(HttpStatus status, boolean devicePort) {
        return switch (status) {
            case NOT_FOUND -> ErrorCode.NOT_FOUND;
            case METHOD_NOT_ALLOWED -> ErrorCode.METHOD_NOT_ALLOWED;
            case UNAUTHORIZED -> ErrorCode.AUTH_REQUIRED;
            case FORBIDDEN -> ErrorCode.ACCESS_DENIED;
            case NOT_ACCEPTABLE -> ErrorCode.NOT_ACCEPTABLE;
            case REQUEST_ENTITY_TOO_LARGE -> ErrorCode.REQUEST_TOO_LARGE;
            case UNSUPPORTED_MEDIA_TYPE -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
            case TOO_MANY_REQUESTS -> ErrorCode.RATE_LIMITED;
            case SERVICE_UNAVAILABLE -> ErrorCode.SERVICE_UNAVAILABLE;
            default -> status.getCode() >= 500
                    ? ErrorCode.INTERNAL_ERROR
                    : devicePort ? ErrorCode.BAD_REQUEST : ErrorCode.INVALID_ARGUMENT;
        };
    }
}
