package org.biotdm.gateway.command;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import java.util.concurrent.CompletableFuture;
import org.biotdm.gateway.error.ErrorResponse;

/**
 * Commands for devices on the device port ({@code /device/v1/commands}, mutual TLS), implemented by {@link
 * DeviceCommandsController}: the device fetches its pending commands by long poll and completes each with a signed
 * receipt. The device is always the client certificate's, never named in the request. Every route also answers 401
 * {@code DEVICE_CERT_REQUIRED} and 403 {@code DEVICE_UNKNOWN}, {@code DEVICE_CERT_MISMATCH}, {@code DEVICE_NOT_ACTIVE}
 * from the certificate check.
 */
@ApiResponse(
        responseCode = "4XX",
        description = "Refused: the one error shape; the route's description lists its codes and their statuses",
        content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
@ApiResponse(
        responseCode = "5XX",
        description = "Unavailable or unknown outcome: the one error shape, with Retry-After or the transaction ID",
        content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
public interface DeviceCommandsOperations {
    /**
     * Returns the device's pending, unexpired commands, oldest first, recording each first delivery on the ledger
     * ({@code MarkCommandDelivered}). With {@code wait} it answers as soon as a command is issued, or with an empty list
     * when the wait runs out. A delivered command without receipt is delivered again by later polls (deduplicate by
     * {@code commandId}).
     *
     * @param wait seconds to wait when nothing is pending, 0–60, default 0
     * @return the commands
     * @throws org.biotdm.gateway.error.ApiException 400 {@code INVALID_ARGUMENT} (wait outside 0–60), 503 {@code
     *     LEDGER_UNAVAILABLE}, {@code DATABASE_UNAVAILABLE} with {@code Retry-After}
     */
    @Get(uri = "/device/v1/commands", produces = MediaType.APPLICATION_JSON)
    CompletableFuture<DeviceCommands> poll(@Nullable @QueryValue @Min(0) Long wait);

    /**
     * Completes a command with the device's signed receipt ({@code biotdm-receipt-v1}); the gateway verifies the
     * signature, then {@code CompleteCommand} records it on the ledger, where the chaincode verifies it again.
     *
     * @param commandId the command ID
     * @param receipt the signed receipt: status, result, completion time (epoch milliseconds) and signature
     * @return the completion and its transaction
     * @throws org.biotdm.gateway.error.ApiException 400 {@code INVALID_ARGUMENT}, {@code RECEIPT_SIGNATURE_INVALID},
     *     403 {@code COMMAND_EXPIRED}, 404 {@code COMMAND_NOT_FOUND} (also for another device's command), 409 {@code
     *     COMMAND_ALREADY_COMPLETED} (a replayed receipt), 503 {@code LEDGER_UNAVAILABLE}, 504 {@code
     *     LEDGER_UNKNOWN_OUTCOME}
     */
    @Post(
            uri = "/device/v1/commands/{commandId}/receipt",
            consumes = MediaType.APPLICATION_JSON,
            produces = MediaType.APPLICATION_JSON)
    ReceiptResponse receipt(@PathVariable String commandId, @Valid @Body ReceiptRequest receipt);
}
