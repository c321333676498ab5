package org.biotdm.gateway.command;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.concurrent.CompletableFuture;
import org.biotdm.gateway.error.ApiException;
import org.biotdm.gateway.error.ErrorCode;
import org.biotdm.gateway.ingress.AuthenticatedDevice;

/**
 * Commands for devices, on the device port: the device authenticated by its client certificate fetches its pending
 * commands by long poll and completes each with a signed receipt. The device is always the one of the certificate.
 */
@Tag(name = "Device commands")
@Secured(SecurityRule.IS_ANONYMOUS)
@Controller("/device/v1/commands")
public class DeviceCommandsController {
    private final CommandDelivery delivery;
    private final CommandReceipts receipts;

    /**
     * Creates the controller.
     *
     * @param delivery hands out commands
     * @param receipts completes commands
     */
    public DeviceCommandsController(CommandDelivery delivery, CommandReceipts receipts) {
        this.delivery = delivery;
        this.receipts = receipts;
    }

    /**
     * Returns the device's pending, unexpired commands, oldest first, recording each first delivery on the ledger
     * (MarkCommandDelivered). With {@code wait} it answers as soon as a command is issued, or with an empty list when
     * the wait runs out. A delivered command without receipt is delivered again by later polls (deduplicate by
     * {@code commandId}).
     *
     * <p>Errors: 400 {@code INVALID_ARGUMENT} (wait outside 0–60); 401/403 {@code DEVICE_*}; 503 {@code
     * LEDGER_UNAVAILABLE}, {@code DATABASE_UNAVAILABLE} with {@code Retry-After}.
     *
     * @param request the request, carrying the {@link AuthenticatedDevice}
     * @param wait seconds to wait when nothing is pending, 0–60, default 0
     * @return the commands
     */
    @Get(produces = MediaType.APPLICATION_JSON)
    public CompletableFuture<DeviceCommands> poll(HttpRequest<?> request, @Nullable @QueryValue Long wait) {
        return delivery.poll(device(request).deviceId(), wait == null ? 0 : wait);
    }

    /**
     * Completes a command with the device's signed receipt; the gateway verifies the signature, then CompleteCommand
     * records it on the ledger (where the chaincode verifies it again).
     *
     * <p>Errors: 400 {@code INVALID_ARGUMENT}, {@code RECEIPT_SIGNATURE_INVALID}; 404 {@code COMMAND_NOT_FOUND} (also
     * for another device's command); 409 {@code COMMAND_ALREADY_COMPLETED} (a replayed receipt); 403 {@code
     * COMMAND_EXPIRED}; 503 {@code LEDGER_UNAVAILABLE}; 504 {@code LEDGER_UNKNOWN_OUTCOME}.
     *
     * @param request the request, carrying the {@link AuthenticatedDevice}
     * @param commandId the command ID
     * @param receipt the signed receipt
     * @return the completion
     */
    @Post(uri = "/{commandId}/receipt", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public ReceiptResponse receipt(
            HttpRequest<?> request, @PathVariable String commandId, @Body ReceiptRequest receipt) {
        return receipts.complete(device(request), commandId, receipt);
    }

    private static AuthenticatedDevice device(HttpRequest<?> request) {
        return request.getAttribute(AuthenticatedDevice.ATTRIBUTE, AuthenticatedDevice.class)
                .orElseThrow(() ->
                        new ApiException(ErrorCode.DEVICE_CERT_REQUIRED, "A device client certificate is required"));
    }
}
