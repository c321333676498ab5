package org.biotdm.gateway.cluster;

import io.micronaut.http.annotation.Controller;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.sql.SQLException;
import org.biotdm.gateway.error.ApiException;
import org.biotdm.gateway.error.ErrorCode;
import org.biotdm.gateway.ingress.CurrentDevice;
import org.biotdm.gateway.ledger.LedgerException;

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
    private final KeyGrantProofs proofs;

    /**
     * Creates the controller.
     *
     * @param membership the membership decision
     * @param grants records grants
     * @param proofs proves grants' inclusion in their anchored batches
     */
    public ClusterController(ClusterMembership membership, KeyGrantService grants, KeyGrantProofs proofs) {
        this.membership = membership;
        this.grants = grants;
        this.proofs = proofs;
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

    @Override
    @ExecuteOn(TaskExecutors.BLOCKING)
    public KeyGrantProofResponse grantProof(String grantSha256) {
        String headId = CurrentDevice.require().deviceId();
        try {
            return proofs.proof(headId, grantSha256);
        } catch (SQLException e) {
            throw ApiException.databaseUnavailable(5, e);
        } catch (LedgerException e) {
            throw new ApiException(
                    ErrorCode.LEDGER_UNAVAILABLE,
                    "The ledger cannot be read right now; retry later",
                    e.transactionId(),
                    5,
                    e);
        }
    }
}
