package org.biotdm.gateway.provisioning;

import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

/**
 * Serves {@code POST /device/v1/provision}, the one device endpoint reachable without a client certificate. It runs
 * on the blocking executor because it waits for a ledger commit.
 */
@Secured(SecurityRule.IS_ANONYMOUS)
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class ProvisioningController implements ProvisioningOperations {
    private final ProvisioningService service;

    /**
     * Creates the controller.
     *
     * @param service the provisioning flow
     */
    public ProvisioningController(ProvisioningService service) {
        this.service = service;
    }

    @Override
    public ProvisionResponse provision(@Body ProvisionRequest request) {
        return service.provision(request);
    }
}
