package org.biotdm.chaincode.group;

import java.util.List;
import java.util.TreeSet;
import org.biotdm.chaincode.grant.Grant;
import org.biotdm.chaincode.grant.GrantStatus;
import org.biotdm.chaincode.grant.GrantStore;
import org.biotdm.chaincode.support.Tx;

/**
 * Decides which organisations must endorse the next write of a group (and of the rules acting on it): the owner,
 * and, when the policy sets {@code coEndorseGrantees}, every other organisation holding an active, unexpired grant
 * on the group at the transaction time. The set is taken at each write of the group; a grant given later joins at
 * the group's next write.
 */
public final class GroupEndorsers {
    private final Tx tx;

    /**
     * Creates the helper for one transaction.
     *
     * @param tx the transaction
     */
    public GroupEndorsers(final Tx tx) {
        this.tx = tx;
    }

    /**
     * Lists the endorsing organisations of a group under a policy.
     *
     * @param ownerMsp the owner organisation
     * @param groupId the group id
     * @param policy the policy in force after the write
     * @return the MSP IDs, sorted, the owner included
     */
    public List<String> of(final String ownerMsp, final String groupId, final GroupPolicy policy) {
        final TreeSet<String> msps = new TreeSet<>();
        msps.add(ownerMsp);
        if (Boolean.TRUE.equals(policy.getCoEndorseGrantees())) {
            for (final Grant grant : new GrantStore(tx.stub()).activeOnGroup(ownerMsp, groupId)) {
                if (grant.getStatus() == GrantStatus.ACTIVE && grant.getExpiresAt() > tx.nowMillis()) {
                    msps.add(grant.getGranteeMsp());
                }
            }
        }
        return List.copyOf(msps);
    }
}
