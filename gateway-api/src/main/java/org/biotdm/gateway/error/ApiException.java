package org.biotdm.gateway.error;

import io.micronaut.http.HttpStatus;
import java.util.Objects;

/**
 * A request failure with an HTTP status and a stable error code, rendered as an {@link ErrorResponse} by {@link
 * ApiExceptionHandler}. Features throw it (or complete a future with it) instead of letting a raw exception reach the
 * client. It carries no stack trace: it describes the client's problem, not a bug.
 */
public class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final HttpStatus status;
    private final String code;
    private final String transactionId;
    private final long retryAfterSeconds;

    /**
     * Creates a failure without transaction ID or retry hint.
     *
     * @param status the HTTP status, 4xx or 5xx
     * @param code the stable UPPER_SNAKE code
     * @param message the human-readable reason
     */
    public ApiException(HttpStatus status, String code, String message) {
        this(status, code, message, null, 0, null);
    }

    /**
     * Creates a failure.
     *
     * @param status the HTTP status, 4xx or 5xx
     * @param code the stable UPPER_SNAKE code
     * @param message the human-readable reason
     * @param transactionId the Fabric transaction ID, or null
     * @param retryAfterSeconds the {@code Retry-After} to send, seconds; 0 for none
     * @param cause the underlying exception, kept for logs only, or null
     */
    public ApiException(
            HttpStatus status,
            String code,
            String message,
            String transactionId,
            long retryAfterSeconds,
            Throwable cause) {
        super(message, cause, false, false);
        this.status = Objects.requireNonNull(status, "status");
        this.code = Objects.requireNonNull(code, "code");
        this.transactionId = transactionId;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /**
     * Creates the 503 {@code DATABASE_UNAVAILABLE} failure sent while MariaDB cannot be reached.
     *
     * @param retryAfterSeconds the {@code Retry-After} hint, seconds
     * @param cause the database exception, kept for logs, or null
     * @return the failure
     */
    public static ApiException databaseUnavailable(long retryAfterSeconds, Throwable cause) {
        return new ApiException(
                HttpStatus.SERVICE_UNAVAILABLE,
                "DATABASE_UNAVAILABLE",
                "The database is unavailable; nothing was stored. Retry later.",
                null,
                retryAfterSeconds,
                cause);
    }

    /**
     * Returns the HTTP status.
     *
     * @return the status
     */
    public HttpStatus status() {
        return status;
    }

    /**
     * Returns the stable error code.
     *
     * @return the code, UPPER_SNAKE
     */
    public String code() {
        return code;
    }

    /**
     * Returns the Fabric transaction ID, if any.
     *
     * @return the transaction ID or null
     */
    public String transactionId() {
        return transactionId;
    }

    /**
     * Returns the retry hint.
     *
     * @return seconds for the {@code Retry-After} header, 0 when none is sent
     */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /**
     * Returns the response body for this failure.
     *
     * @return the error body, stamped now
     */
    public ErrorResponse toResponse() {
        return new ErrorResponse(code, getMessage(), transactionId, System.currentTimeMillis());
    }
}
