package org.biotdm.gateway.cluster;

/**
 * Decides whether a device is an ACTIVE member of a cluster head's cluster: {@link GroupClusterMembership} reads it
 * from the ledger's device groups and their cluster heads, {@link CachedClusterMembership} bounds its age.
 */
interface ClusterMembership {

    /**
     * Vouches for one member of the head's cluster.
     *
     * @param headId the cluster head's device ID (the client certificate's, already authenticated as ACTIVE)
     * @param memberId the member's device ID
     * @return the member with its registered key
     * @throws org.biotdm.gateway.error.ApiException 400 {@code INVALID_ARGUMENT} when the member is the head, 404
     *     {@code CLUSTER_MEMBER_UNKNOWN} (not registered or not claimed), 403 {@code CLUSTER_MEMBER_NOT_ACTIVE}, 403
     *     {@code CLUSTER_PAIR_FOREIGN} (another cluster, or a head that heads none)
     */
    ClusterMember require(String headId, String memberId);
}
