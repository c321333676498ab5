package org.biotdm.gateway.cluster;

import jakarta.inject.Singleton;
import java.util.Objects;
import org.biotdm.gateway.device.DeviceRecord;
import org.biotdm.gateway.device.DeviceRegistry;
import org.biotdm.gateway.device.DeviceStatus;
import org.biotdm.gateway.error.ApiException;
import org.biotdm.gateway.error.ErrorCode;

/**
 * The interim membership rule, with what the ledger holds today: a member belongs to the head's cluster when both are
 * registered with the same device {@code group}, and it is ACTIVE on the ledger registry (as the event listener last
 * saw it). Ledger groups with a named cluster head replace this rule after the merge.
 */
@Singleton
public class RegistryClusterMembership implements ClusterMembership {
    private final DeviceRegistry registry;

    /**
     * Creates the rule.
     *
     * @param registry the gateway's view of the ledger registry
     */
    public RegistryClusterMembership(DeviceRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
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
        String cluster = registry.find(headId).map(DeviceRecord::deviceGroup).orElse(null);
        if (cluster == null || !cluster.equals(member.deviceGroup())) {
            throw new ApiException(
                    ErrorCode.CLUSTER_PAIR_FOREIGN, "Device " + memberId + " is not in the cluster of head " + headId);
        }
        return new ClusterMember(memberId, cluster, member.publicKeyPem());
    }
}
