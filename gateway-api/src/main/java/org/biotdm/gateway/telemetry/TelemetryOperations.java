package org.biotdm.gateway.telemetry;

import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Post;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.concurrent.CompletableFuture;
import org.biotdm.gateway.error.ErrorResponse;

/**
 * Telemetry ingest on the device port ({@code /device/v1}, mutual TLS), implemented by {@link TelemetryController}.
 * The device is always the client certificate's, never named in the batch. The signed bytes are the batch's
 * canonical form, {@code biotdm-telemetry-v1}.
 */
@ApiResponse(
        responseCode = "4XX",
        description = "Refused: the one error shape; the route's description lists its codes and their statuses",
        content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
@ApiResponse(
        responseCode = "5XX",
        description = "Unavailable or unknown outcome: the one error shape, with Retry-After or the transaction ID",
        content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
public interface TelemetryOperations {
    /**
     * Ingests a signed batch {@code {seq, ts, readings:[{sensor, value, unit?, ts?}], sig}}: {@code seq} a sequence
     * number above every one the device used before (within the replay window), {@code ts} and each reading's {@code
     * ts} epoch milliseconds, 1 to {@code biotdm.telemetry.max-readings} readings, {@code value} a JSON number whose
     * token is kept as written, {@code sig} the base64 ECDSA P-256 SHA-256 signature (DER or raw {@code r‖s}) over the
     * canonical form. Answers once the readings are committed; the method returns a future, so no event loop waits
     * for the database.
     *
     * @param body the raw JSON body, parsed by {@link TelemetryBatchParser} so number tokens keep their exact text
     * @return the acknowledgement after the commit
     * @throws org.biotdm.gateway.error.ApiException 400 or 409 with a {@link TelemetryErrorCode} (malformed batch, bad
     *     signature, replayed or stale sequence number), 401 {@code DEVICE_CERT_REQUIRED}, 403 {@code DEVICE_UNKNOWN},
     *     {@code DEVICE_CERT_MISMATCH}, {@code DEVICE_NOT_ACTIVE}, 413 for a body over the size limit, 503 {@code
     *     DATABASE_UNAVAILABLE} or {@code TELEMETRY_BUSY} with {@code Retry-After}
     */
    @Post(uri = "/device/v1/telemetry", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    CompletableFuture<TelemetryAck> ingest(
            @RequestBody(content = @Content(schema = @Schema(implementation = TelemetryBatchBody.class))) @Body
                    byte[] body);
}
