package org.biotdm.device.sdk;

import org.biotdm.protocol.cluster.KeyGrant;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;

/**
 * What a cluster head (and a member, for its head's key) learns from outside the cluster: whether a device is an
 * ACTIVE member of the asker's cluster with its registered key, and the recording of a grant before its key is issued.
 * {@link GatewayClusterDirectory} asks the gateway over the device port; {@link LocalClusterDirectory} answers from a
 * table, for simulations without a stack.
 */
public interface ClusterDirectory {

    /**
     * Vouches for a member of the asker's cluster.
     *
     * @param deviceId the member's device ID
     * @return its registered P-256 key
     * @throws org.biotdm.protocol.cluster.ClusterRefusedException {@code CLUSTER_MEMBER_UNKNOWN}, {@code
     *     CLUSTER_MEMBER_NOT_ACTIVE}, {@code CLUSTER_PAIR_FOREIGN}
     * @throws DeviceApiException when the gateway refuses for another reason or cannot answer
     */
    ECPublicKeyParameters memberKey(String deviceId);

    /**
     * Records a grant the head is about to issue; both members are vouched for again (an answer at most 2 s old).
     *
     * @param grant the grant, which holds no key
     * @return the grant's SHA-256 as recorded, 64 hex digits
     * @throws org.biotdm.protocol.cluster.ClusterRefusedException the membership codes as {@link #memberKey}
     * @throws DeviceApiException when the gateway refuses for another reason or cannot answer
     */
    String recordGrant(KeyGrant grant);
}
