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
     * Builds an error response.
     *
     * @param status the HTTP status
     * @param code the stable error code
     * @param message the reason
     * @return a JSON response with an {@link ErrorResponse} body
     */
    public static MutableHttpResponse<ErrorResponse> of(HttpStatus status, String code, String message) {
        return HttpResponse.<ErrorResponse>status(status)
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
     * Returns the default code for a status, used where no handler chose a more precise one (unknown routes, wrong
     * methods, Micronaut's own body and binding errors).
     *
     * @param status the HTTP status
     * @return {@code NOT_FOUND}, {@code METHOD_NOT_ALLOWED}, {@code BAD_REQUEST}, {@code UNAUTHORIZED}, {@code
     *     ACCESS_DENIED}, {@code NOT_ACCEPTABLE}, {@code CONFLICT}, {@code REQUEST_TOO_LARGE}, {@code
     *     UNSUPPORTED_MEDIA_TYPE}, {@code SERVICE_UNAVAILABLE}, {@code INTERNAL_ERROR}, or {@code HTTP_<code>} for
     *     anything else
     */
    public static String defaultCode(HttpStatus status) {
        return switch (status) {
            case NOT_FOUND -> "NOT_FOUND";
            case METHOD_NOT_ALLOWED -> "METHOD_NOT_ALLOWED";
            case BAD_REQUEST -> "BAD_REQUEST";
            case UNAUTHORIZED -> "UNAUTHORIZED";
            case FORBIDDEN -> "ACCESS_DENIED";
            case NOT_ACCEPTABLE -> "NOT_ACCEPTABLE";
            case CONFLICT -> "CONFLICT";
            case REQUEST_ENTITY_TOO_LARGE -> "REQUEST_TOO_LARGE";
            case UNSUPPORTED_MEDIA_TYPE -> "UNSUPPORTED_MEDIA_TYPE";
            case SERVICE_UNAVAILABLE -> "SERVICE_UNAVAILABLE";
            case INTERNAL_SERVER_ERROR -> "INTERNAL_ERROR";
            default -> "HTTP_" + status.getCode();
        };
    }
}
