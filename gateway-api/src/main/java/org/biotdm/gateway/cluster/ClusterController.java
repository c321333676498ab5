package org.biotdm.gateway.cluster;

import io.micronaut.http.annotation.Controller;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.biotdm.gateway.ingress.CurrentDevice;

/**
 * Serves {@link ClusterOperations} on the device port. People's security does not apply: the device filter
 * authenticates the cluster head's client certificate.
 */
@Tag(name = "Cluster keys")
@Secured(SecurityRule.IS_ANONYMOUS)
@Controller
class ClusterController implements ClusterOperations {
    private final ClusterMembership membership;
    private final KeyGrantService grants;

    /**
     * Creates the controller.
     *
     * @param membership the membership decision
     * @param grants records grants
     */
    public ClusterController(ClusterMembership membership, KeyGrantService grants) {
        this.membership = membership;
        this.grants = grants;
    }

    @Override
    public ClusterMember member(String deviceId) {
        return membership.require(CurrentDevice.require().deviceId(), deviceId);
    }

    @Override
    @ExecuteOn(TaskExecutors.BLOCKING)
    public KeyGrantResponse grant(KeyGrantRequest grant) {
        return grants.record(CurrentDevice.require().deviceId(), grant);
    }
}
