package org.biotdm.gateway.group;

import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.biotdm.gateway.ledger.LedgerException;

/**
 * The ledger's device groups in memory, kept by {@link GroupEventListener} from the chaincode events of the {@code
 * groups} contract (each event re-reads the group with {@code GetGroup}; a full {@code ListGroups} resync of the
 * gateway's own organisation runs at start). Answers, without a ledger call: a group's members, its cluster-head device
 * and its policy, and whether a device is a member.
 *
 * <p><b>For the cluster-head work (issue 19 item 4):</b> this bean is the gateway's answer to "which devices are in
 * this cluster and which device is its head". The coordinator will wire the cluster-head key service to it later;
 * it must not ask the ledger per request. Freshness is that of the event stream (a committed change arrives within
 * the event follower's delay, normally well under a second); a caller that needs a bound, such as "at most 2 s old",
 * must keep its own timestamps or call {@link #refresh} itself.
 *
 * <p>Bounded: at most {@value #MAX_GROUPS} groups are held; a new group beyond that is not cached and counted in
 * {@link #droppedGroups()} (the ledger stays authoritative and the REST routes read it directly). Reads are lock-free
 * on an immutable snapshot; writes, which are rare, copy it.
 */
@Singleton
public class GroupDirectory {
    /** Most groups held in memory. */
    public static final int MAX_GROUPS = 10_000;

    private final AtomicLong dropped = new AtomicLong();
    private volatile Map<String, LedgerGroup> byId = Map.of();
    private volatile Map<String, String> groupOfDevice = Map.of();

    /**
     * Returns a group as last seen on the ledger.
     *
     * @param groupId the group ID
     * @return the group, or empty when unknown (or not cached, see {@link #droppedGroups()})
     */
    public Optional<LedgerGroup> group(String groupId) {
        return Optional.ofNullable(byId.get(groupId));
    }

    /**
     * Returns the group a device is a member of (a device is in at most one group).
     *
     * @param deviceId the device ID
     * @return the group, or empty when no held group lists the device
     */
    public Optional<LedgerGroup> groupOf(String deviceId) {
        String groupId = groupOfDevice.get(deviceId);
        return groupId == null ? Optional.empty() : group(groupId);
    }

    /**
     * Returns a group's member device IDs.
     *
     * @param groupId the group ID
     * @return the members, sorted; empty when the group is unknown
     */
    public List<String> members(String groupId) {
        return group(groupId).map(LedgerGroup::members).orElse(List.of());
    }

    /**
     * Returns a group's cluster-head device.
     *
     * @param groupId the group ID
     * @return the device ID, or empty when the group is unknown or names none
     */
    public Optional<String> clusterHead(String groupId) {
        return group(groupId).map(group -> group.policy().clusterHeadDeviceId());
    }

    /**
     * Returns a group's policy.
     *
     * @param groupId the group ID
     * @return the policy, or empty when the group is unknown
     */
    public Optional<GroupPolicyBody> policy(String groupId) {
        return group(groupId).map(LedgerGroup::policy);
    }

    /**
     * Tells whether a device is a member of a group of the given owner.
     *
     * @param groupId the group ID
     * @param ownerMsp the owner organisation the group must have
     * @param deviceId the device ID
     * @return true when the group is known, owned by {@code ownerMsp} and lists the device
     */
    public boolean isMember(String groupId, String ownerMsp, String deviceId) {
        LedgerGroup group = byId.get(groupId);
        return group != null
                && group.ownerMsp().equals(ownerMsp)
                && group.members().contains(deviceId);
    }

    /**
     * Re-reads one group from the ledger and applies it.
     *
     * @param ledger the groups contract
     * @param groupId the group ID
     * @return the group, or empty when the ledger has none
     * @throws LedgerException when the ledger cannot be read
     */
    public Optional<LedgerGroup> refresh(GroupLedger ledger, String groupId) throws LedgerException {
        Optional<LedgerGroup> group = ledger.get(groupId);
        group.ifPresent(this::apply);
        return group;
    }

    /**
     * Adds or replaces one group as the ledger holds it.
     *
     * @param group the group record
     */
    public synchronized void apply(LedgerGroup group) {
        if (!byId.containsKey(group.groupId()) && byId.size() >= MAX_GROUPS) {
            dropped.incrementAndGet();
            return;
        }
        Map<String, LedgerGroup> next = new HashMap<>(byId);
        next.put(group.groupId(), group);
        publish(next);
    }

    /**
     * Replaces the held groups of one owner, as after a resync from {@code ListGroups}.
     *
     * @param ownerMsp the owner organisation
     * @param groups its groups
     */
    public synchronized void replaceOwner(String ownerMsp, Collection<LedgerGroup> groups) {
        Map<String, LedgerGroup> next = new HashMap<>(byId);
        next.values().removeIf(group -> group.ownerMsp().equals(ownerMsp));
        for (LedgerGroup group : groups) {
            if (next.size() < MAX_GROUPS) {
                next.put(group.groupId(), group);
            } else {
                dropped.incrementAndGet();
            }
        }
        publish(next);
    }

    /** Publishes a new snapshot with its index of each member device's group. */
    private void publish(Map<String, LedgerGroup> next) {
        Map<String, String> index = new HashMap<>();
        for (LedgerGroup group : next.values()) {
            group.members().forEach(deviceId -> index.put(deviceId, group.groupId()));
        }
        groupOfDevice = Map.copyOf(index);
        byId = Map.copyOf(next);
    }

    /**
     * Returns how many groups are held.
     *
     * @return the count
     */
    public int size() {
        return byId.size();
    }

    /**
     * Returns how many groups were not cached because {@value #MAX_GROUPS} were held already.
     *
     * @return the count since start
     */
    public long droppedGroups() {
        return dropped.get();
    }
}
