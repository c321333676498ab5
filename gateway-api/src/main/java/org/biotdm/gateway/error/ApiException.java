package org.biotdm.gateway.error;

import io.micronaut.http.HttpStatus;
import java.util.List;
import java.util.Objects;

/**
 * A request failure with a catalogue code (and so its HTTP status), rendered as an {@link ErrorResponse} by {@link
 * ApiExceptionHandler}. Features throw it (or complete a future with it) instead of letting a raw exception reach the
 * client. It carries no stack trace: it describes the client's problem, not a bug.
 */
public class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final String transactionId;
    private final long retryAfterSeconds;
    private final List<ErrorResponse.Violation> violations;
    private final String correlationId;

    /**
     * Creates a failure without transaction ID or retry hint.
     *
     * @param code the catalogue code, which fixes the HTTP status
     * @param message the human-readable reason
     */
    public ApiException(ErrorCode code, String message) {
        this(code, message, null, 0, null);
    }

    /**
     * Creates a failure.
     *
     * @param code the catalogue code, which fixes the HTTP status
     * @param message the human-readable reason
     * @param transactionId the Fabric transaction ID, or null
     * @param retryAfterSeconds the {@code Retry-After} to send, seconds; 0 for none
     * @param cause the underlying exception, kept for logs only, or null
     */
    public ApiException(ErrorCode code, String message, String transactionId, long retryAfterSeconds, Throwable cause) {
        this(code, message, transactionId, retryAfterSeconds, cause, List.of(), null);
    }

    private ApiException(
            ErrorCode code,
            String message,
            String transactionId,
            long retryAfterSeconds,
            Throwable cause,
            List<ErrorResponse.Violation> violations,
            String correlationId) {
        super(message, cause, false, false);
        this.code = Objects.requireNonNull(code, "code");
        this.transactionId = transactionId;
        this.retryAfterSeconds = retryAfterSeconds;
        this.violations = List.copyOf(violations);
        this.correlationId = correlationId;
    }

    /**
     * Creates the 400 {@code INVALID_ARGUMENT} failure for one bad parameter or body field.
     *
     * @param field the parameter name or body path, for example {@code deviceId} or {@code body.expiresAt}
     * @param message what is wrong with it and what is allowed
     * @return the failure, with one violation naming {@code field}
     */
    public static ApiException invalid(String field, String message) {
        return invalid(List.of(new ErrorResponse.Violation(field, message)), message);
    }

    /**
     * Creates the 400 {@code INVALID_ARGUMENT} failure for several bad parameters or body fields.
     *
     * @param violations what is wrong, one entry per field, at least one
     * @param message the summary reason
     * @return the failure
     */
    public static ApiException invalid(List<ErrorResponse.Violation> violations, String message) {
        return new ApiException(ErrorCode.INVALID_ARGUMENT, message, null, 0, null, violations, null);
    }

    /**
     * Creates a failure whose details stay on the server: the body carries the code, the catalogue's fixed meaning
     * as its message and a correlation ID, which the caller writes into the log line that holds the details.
     *
     * @param code the catalogue code, which fixes the HTTP status and the message
     * @param transactionId the Fabric transaction ID, or null
     * @param retryAfterSeconds the {@code Retry-After} to send, seconds; 0 for none
     * @param cause the underlying exception, kept for logs only, or null
     * @param correlationId the ID of the log line with the details
     * @return the failure
     */
    public static ApiException withDetailsLogged(
            ErrorCode code, String transactionId, long retryAfterSeconds, Throwable cause, String correlationId) {
        return new ApiException(
                code,
                code.meaning(),
                transactionId,
                retryAfterSeconds,
                cause,
                List.of(),
                Objects.requireNonNull(correlationId, "correlationId"));
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
                ErrorCode.DATABASE_UNAVAILABLE,
                "The database is unavailable; nothing was stored. Retry later.",
                null,
                retryAfterSeconds,
                cause);
    }

    /**
     * Returns the HTTP status, the catalogue's for the code.
     *
     * @return the status
     */
    public HttpStatus status() {
        return code.status();
    }

    /**
     * Returns the catalogue code.
     *
     * @return the code
     */
    public ErrorCode code() {
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
     * Returns the ID of the log line that holds the details this failure's body leaves out.
     *
     * @return the correlation ID, or null when the message says everything
     */
    public String correlationId() {
        return correlationId;
    }

    /**
     * Returns the response body for this failure.
     *
     * @return the error body, stamped now
     */
    public ErrorResponse toResponse() {
        return new ErrorResponse(
                code.name(),
                getMessage(),
                transactionId,
                System.currentTimeMillis(),
                violations.isEmpty() ? null : violations,
                correlationId);
    }
}
