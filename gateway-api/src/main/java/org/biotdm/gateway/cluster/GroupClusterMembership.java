package org.biotdm.gateway.cluster;

import jakarta.inject.Singleton;
import java.util.Objects;
import java.util.Optional;
import org.biotdm.gateway.device.DeviceRecord;
import org.biotdm.gateway.device.DeviceRegistry;
import org.biotdm.gateway.device.DeviceStatus;
import org.biotdm.gateway.error.ApiException;
import org.biotdm.gateway.error.ErrorCode;
import org.biotdm.gateway.group.GroupDirectory;
import org.biotdm.gateway.group.LedgerGroup;

/**
 * Who belongs to a cluster, from the ledger: a cluster is a device group ({@code groups} contract) whose policy names
 * a cluster-head device. A member belongs to the head's cluster when the ledger group that lists it also lists the
 * head, is owned by the device's owner and names this head. The reverse question, a member asking about its own head
 * (to check the head's signatures), is answered the same way; a key grant needs both its members vouched for to the
 * asking device, which only the head gets. The member must be claimed (its registered key is what the head checks
 * the member's signatures with) and ACTIVE, as the gateway's registry last saw it. Reads only the in-memory views
 * ({@link DeviceRegistry}, {@link GroupDirectory}), never the ledger per request; {@link CachedClusterMembership}
 * bounds how old an answer may be.
 */
@Singleton
final class GroupClusterMembership implements ClusterMembership {
    private final DeviceRegistry registry;
    private final GroupDirectory groups;

    /**
     * Creates the rule.
     *
     * @param registry the gateway's view of the ledger registry
     * @param groups the gateway's view of the ledger's device groups
     */
    public GroupClusterMembership(DeviceRegistry registry, GroupDirectory groups) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.groups = Objects.requireNonNull(groups, "groups");
    }

    @Override
    public ClusterMember require(String headId, String memberId) {
        if (headId.equals(memberId)) {
            throw ApiException.invalid("members", "the cluster head is not a member of its own cluster");
        }
        DeviceRecord member = registry.find(memberId)
                .filter(record -> record.publicKeyPem() != null)
                .orElseThrow(() -> new ApiException(
                        ErrorCode.CLUSTER_MEMBER_UNKNOWN, "No claimed device " + memberId + " is registered"));
        if (member.status() != DeviceStatus.ACTIVE) {
            throw new ApiException(
                    ErrorCode.CLUSTER_MEMBER_NOT_ACTIVE, "Device " + memberId + " is " + member.status());
        }
        Optional<LedgerGroup> cluster = groups.groupOf(memberId)
                .filter(group -> group.ownerMsp().equals(member.ownerMsp()))
                .filter(group -> group.members().contains(headId));
        String head = cluster.map(group -> group.policy().clusterHeadDeviceId()).orElse(null);
        // The head asks about its members; a member may ask only about its head (to check the head's signatures).
        if (head == null || !(head.equals(headId) || head.equals(memberId))) {
            throw new ApiException(
                    ErrorCode.CLUSTER_PAIR_FOREIGN, "Device " + memberId + " is not in the cluster of head " + headId);
        }
        return new ClusterMember(memberId, cluster.get().groupId(), member.publicKeyPem());
    }
}
