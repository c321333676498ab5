package org.biotdm.gateway.device;

import io.micronaut.http.annotation.Controller;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.biotdm.gateway.users.ApiRole;
import org.biotdm.gateway.users.ApiUser;

/** Serves {@link DeviceBatchOperations}; the ledger write blocks, so requests run on the blocking executor. */
@Tag(name = "Devices")
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
class DeviceBatchController implements DeviceBatchOperations {
    private final DeviceBatchService service;

    /**
     * Creates the controller.
     *
     * @param service the bulk onboarding service
     */
    public DeviceBatchController(DeviceBatchService service) {
        this.service = service;
    }

    @Override
    @Secured(ApiRole.Names.ADMIN)
    public RegisterDevicesResponse registerBatch(Authentication authentication, RegisterDevicesRequest request) {
        return service.register(ApiUser.from(authentication), request);
    }
}
