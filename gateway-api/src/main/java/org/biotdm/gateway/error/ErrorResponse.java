package org.biotdm.gateway.error;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The body of every error response of the service, on the API port and the device port alike.
 *
 * @param code the stable UPPER_SNAKE error code, domain first (for example {@code TELEMETRY_REPLAYED})
 * @param message a human-readable reason; never a stack trace
 * @param transactionId the Fabric transaction ID when the failure concerns a ledger transaction, otherwise absent
 * @param timestamp when the error was produced, epoch milliseconds (UTC)
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ErrorResponse(String code, String message, @Nullable String transactionId, long timestamp) {

    /**
     * Creates an error body stamped with the current time.
     *
     * @param code the error code
     * @param message the reason
     * @return the body, without transaction ID
     */
    public static ErrorResponse of(String code, String message) {
        return new ErrorResponse(code, message, null, System.currentTimeMillis());
    }
}
