package org.biotdm.protocol.cluster;

/**
 * Why a step of {@code protocol/cluster-keys-v1.md} is refused. Each constant's {@link #code()} is the catalogue code
 * ({@code protocol/errors.md}) that the gateway, a cluster head or a member reports.
 */
public enum ClusterError {
    /** A hello, reply, finish, key request or grant is malformed: wrong length, label, identity or field range. */
    CLUSTER_EXCHANGE_INVALID,
    /** A hello's time is more than {@link ClusterLimits#FRESHNESS_MS} from the head's clock, or its exchange is old. */
    CLUSTER_EXCHANGE_STALE,
    /** A hello or key request is not newer than the last one the head accepted from the member, or a finish repeats. */
    CLUSTER_EXCHANGE_REPLAYED,
    /** A signature over the exchange's transcript does not verify with the signer's registered device key. */
    CLUSTER_SIGNATURE_INVALID,
    /** The member is not registered, has no key yet, or has no session with the cluster head. */
    CLUSTER_MEMBER_UNKNOWN,
    /** The member is registered but not ACTIVE (suspended or decommissioned). */
    CLUSTER_MEMBER_NOT_ACTIVE,
    /** A member of the pair belongs to another cluster than the head's. */
    CLUSTER_PAIR_FOREIGN,
    /** A message names a key ID the receiver holds no key for. */
    CLUSTER_KEY_UNKNOWN,
    /** The pairwise key's expiry has passed, or its message counter is used up. */
    CLUSTER_KEY_EXPIRED,
    /** A message's or wrapped key's AES-GCM tag does not verify, or the message is malformed. */
    CLUSTER_MESSAGE_INVALID,
    /** A message's counter (its nonce) was already received, or lies below the replay window. */
    CLUSTER_NONCE_REUSED;

    /**
     * Returns the catalogue code.
     *
     * @return the constant's name, for example {@code CLUSTER_NONCE_REUSED}
     */
    public String code() {
        return name();
    }
}
