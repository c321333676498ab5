package org.biotdm.device.sdk;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.biotdm.protocol.cluster.ClusterError;
import org.biotdm.protocol.cluster.ClusterRefusedException;
import org.biotdm.protocol.cluster.KeyGrant;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;

/**
 * A cluster's membership held in memory, for simulations and benchmarks without a stack: one cluster, members added
 * with their keys, suspended and resumed at will, grants kept in a list (hashes only, as the gateway keeps them).
 * Thread-safe.
 */
public final class LocalClusterDirectory implements ClusterDirectory {
    private final Map<String, Entry> members = new ConcurrentHashMap<>();
    private final List<String> grantHashes = new ArrayList<>();

    private record Entry(ECPublicKeyParameters key, boolean active, boolean inCluster) {}

    /**
     * Adds or replaces an ACTIVE member of the cluster.
     *
     * @param deviceId the member
     * @param key its registered key
     */
    public void add(String deviceId, ECPublicKeyParameters key) {
        members.put(deviceId, new Entry(key, true, true));
    }

    /**
     * Adds a device of another cluster.
     *
     * @param deviceId the device
     * @param key its registered key
     */
    public void addForeign(String deviceId, ECPublicKeyParameters key) {
        members.put(deviceId, new Entry(key, true, false));
    }

    /**
     * Suspends a member, as a suspension on the ledger would.
     *
     * @param deviceId the member
     */
    public void suspend(String deviceId) {
        members.computeIfPresent(deviceId, (id, entry) -> new Entry(entry.key(), false, entry.inCluster()));
    }

    /**
     * Returns the grant hashes recorded so far.
     *
     * @return a copy, oldest first
     */
    public synchronized List<String> grantHashes() {
        return List.copyOf(grantHashes);
    }

    @Override
    public ECPublicKeyParameters memberKey(String deviceId) {
        Entry entry = members.get(deviceId);
        if (entry == null) {
            throw new ClusterRefusedException(ClusterError.CLUSTER_MEMBER_UNKNOWN, "no device " + deviceId);
        }
        if (!entry.active()) {
            throw new ClusterRefusedException(ClusterError.CLUSTER_MEMBER_NOT_ACTIVE, deviceId + " is suspended");
        }
        if (!entry.inCluster()) {
            throw new ClusterRefusedException(ClusterError.CLUSTER_PAIR_FOREIGN, deviceId + " is in another cluster");
        }
        return entry.key();
    }

    @Override
    public synchronized String recordGrant(KeyGrant grant) {
        memberKey(grant.first());
        memberKey(grant.second());
        grantHashes.add(grant.sha256Hex());
        return grant.sha256Hex();
    }
}
