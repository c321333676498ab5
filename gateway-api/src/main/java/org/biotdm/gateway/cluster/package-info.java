/**
 * Cluster-head session keys on the gateway's side ({@code protocol/cluster-keys-v1.md}): the membership decision a
 * cluster head asks for over mTLS ({@link org.biotdm.gateway.cluster.ClusterMembership}, cached for at most 2 s and
 * dropped as soon as the registry reports a device change), the record of each key grant's hash, and the anchoring of
 * those hashes in batches on the ledger. No key ever reaches the gateway.
 */
package org.biotdm.gateway.cluster;
