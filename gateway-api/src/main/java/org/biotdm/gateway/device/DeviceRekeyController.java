package org.biotdm.gateway.device;

import io.micronaut.http.annotation.Controller;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.biotdm.gateway.ingress.CurrentDevice;

/**
 * Serves {@link DeviceRekeyOperations} on the device port; the ledger write blocks, so it runs on the blocking
 * executor. People's security does not apply: the device filter authenticates the client certificate.
 */
@Tag(name = "Device port")
@Secured(SecurityRule.IS_ANONYMOUS)
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
class DeviceRekeyController implements DeviceRekeyOperations {
    private final DeviceAdminService service;

    /**
     * Creates the controller.
     *
     * @param service the device administration
     */
    public DeviceRekeyController(DeviceAdminService service) {
        this.service = service;
    }

    @Override
    public RekeyResponse rekey(RekeyRequest body) {
        return service.rekey(CurrentDevice.require(), body.csr());
    }
}
