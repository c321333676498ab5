package org.biotdm.gateway.error;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.openapi.annotation.OpenAPIExtraSchema;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * The body of every error response of the service, on the API port and the device port alike.
 *
 * @param code the stable UPPER_SNAKE error code from the {@link ErrorCode} catalogue (for example {@code
 *     TELEMETRY_REPLAYED})
 * @param message a human-readable reason; never a stack trace
 * @param transactionId the Fabric transaction ID when the failure concerns a ledger transaction, otherwise absent
 * @param timestamp when the error was produced, epoch milliseconds (UTC)
 * @param violations for {@code INVALID_ARGUMENT}, the bad parameters or body fields; otherwise absent
 * @param correlationId when the details of a failure are kept out of the body (an unreachable or refusing ledger:
 *     peer addresses, MSP IDs, file paths), the random ID of the server's log line that holds them; otherwise absent
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
@OpenAPIExtraSchema
@Schema(description = "The one error shape of the API port and the device port")
public record ErrorResponse(
        @Schema(implementation = ErrorCode.class, description = ErrorCatalogue.CODE_DESCRIPTION) String code,
        String message,
        @Nullable String transactionId,
        long timestamp,
        @Nullable List<Violation> violations,
        @Nullable String correlationId) {

    /**
     * Creates an error body stamped with the current time.
     *
     * @param code the error code
     * @param message the reason
     * @return the body, without transaction ID or violations
     */
    public static ErrorResponse of(ErrorCode code, String message) {
        return new ErrorResponse(code.name(), message, null, System.currentTimeMillis(), null, null);
    }

    /**
     * One bad parameter or body field of an {@code INVALID_ARGUMENT} error.
     *
     * @param field the parameter name ({@code deviceId}) or body path ({@code body.claimTokenExpiresAt})
     * @param message what is wrong with it
     */
    @Serdeable
    public record Violation(String field, String message) {}
}
