package org.biotdm.gateway.command;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.concurrent.CompletableFuture;
import org.biotdm.gateway.ingress.CurrentDevice;

/**
 * Serves {@link DeviceCommandsOperations} on the device port. People's security does not apply: the device filter
 * authenticates the client certificate. The long poll returns a future, so no thread waits for a command.
 */
@Tag(name = "Device commands")
@Secured(SecurityRule.IS_ANONYMOUS)
@Controller
public class DeviceCommandsController implements DeviceCommandsOperations {
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

    @Override
    public CompletableFuture<DeviceCommands> poll(@Nullable Long wait) {
        return delivery.poll(CurrentDevice.require().deviceId(), wait == null ? 0 : wait);
    }

    @Override
    @ExecuteOn(TaskExecutors.BLOCKING)
    public ReceiptResponse receipt(String commandId, ReceiptRequest receipt) {
        return receipts.complete(CurrentDevice.require(), commandId, receipt);
    }
}
