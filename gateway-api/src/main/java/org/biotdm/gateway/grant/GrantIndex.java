package org.biotdm.gateway.grant;

import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.biotdm.gateway.device.DeviceRecord;
import org.biotdm.gateway.users.ApiRole;
import org.biotdm.gateway.users.ApiUser;

/**
 * The ledger's active grants in memory, indexed by the device and by the owner's device group they cover, so that
 * {@link #covers} costs two hash lookups and a scan of the few grants on that device or group, without allocating.
 *
 * <p>Writers ({@link #replaceAll}, {@link #apply}) build a new immutable snapshot and publish it through a volatile
 * field; grants change rarely, reads happen per request and per live event. Revoked grants leave the index; expired
 * grants stay until the ledger's next resync but stop covering at their {@code expiresAt}, checked on every read.
 */
@Singleton
public class GrantIndex {
    private volatile Snapshot snapshot = Snapshot.of(Map.of());

    /**
     * Replaces the whole index, as after a resync from {@code ListGrants}.
     *
     * @param grants the active grants
     */
    public synchronized void replaceAll(Collection<LedgerGrant> grants) {
        Map<String, LedgerGrant> byId = new HashMap<>();
        for (LedgerGrant grant : grants) {
            if (LedgerGrant.ACTIVE.equals(grant.status())) {
                byId.put(grant.grantId(), grant);
            }
        }
        snapshot = Snapshot.of(byId);
    }

    /**
     * Applies the ledger's current record of one grant: an active grant is added or replaced, a revoked one removed.
     *
     * @param grant the record as {@code GetGrant} returns it
     */
    public synchronized void apply(LedgerGrant grant) {
        Map<String, LedgerGrant> byId = new HashMap<>(snapshot.byId);
        if (LedgerGrant.ACTIVE.equals(grant.status())) {
            byId.put(grant.grantId(), grant);
        } else {
            byId.remove(grant.grantId());
        }
        snapshot = Snapshot.of(byId);
    }

    /**
     * Tells whether some grant in force covers a device for a person: it names the device, or the device's group of
     * the device's owner, and names the person (their Fabric ID, or every operator of their MSP). Only operators hold
     * grants; any other role gets false.
     *
     * @param user the person
     * @param device the device
     * @param nowMillis the moment, epoch milliseconds
     * @return true when covered
     */
    public boolean covers(ApiUser user, DeviceRecord device, long nowMillis) {
        if (!user.is(ApiRole.OPERATOR)) {
            return false;
        }
        Snapshot current = snapshot;
        List<LedgerGrant> direct = current.byDevice.get(device.deviceId());
        if (direct != null && anyCovers(direct, user, device, nowMillis)) {
            return true;
        }
        if (device.deviceGroup() == null) {
            return false;
        }
        Map<String, List<LedgerGrant>> groups = current.byOwnerGroup.get(device.ownerMsp());
        List<LedgerGrant> grouped = groups == null ? null : groups.get(device.deviceGroup());
        return grouped != null && anyCovers(grouped, user, device, nowMillis);
    }

    /**
     * Lists the grants in force that cover a device: those naming it, and those naming its group of its owner. Costs
     * two hash lookups and a scan of the grants on that device and group.
     *
     * @param device the device
     * @param nowMillis the moment, epoch milliseconds
     * @return the grants, in no particular order
     */
    public List<LedgerGrant> covering(DeviceRecord device, long nowMillis) {
        Snapshot current = snapshot;
        List<LedgerGrant> result = new ArrayList<>();
        addCovering(result, current.byDevice.get(device.deviceId()), device, nowMillis);
        if (device.deviceGroup() != null) {
            Map<String, List<LedgerGrant>> groups = current.byOwnerGroup.get(device.ownerMsp());
            addCovering(result, groups == null ? null : groups.get(device.deviceGroup()), device, nowMillis);
        }
        return result;
    }

    private static void addCovering(
            List<LedgerGrant> result, List<LedgerGrant> grants, DeviceRecord device, long nowMillis) {
        if (grants == null) {
            return;
        }
        for (LedgerGrant grant : grants) {
            if (inForceOn(grant, device, nowMillis)) {
                result.add(grant);
            }
        }
    }

    /**
     * Lists the grants in force that name a person, for example to list the devices an operator may see.
     *
     * @param user the person
     * @param nowMillis the moment, epoch milliseconds
     * @return the grants, in no particular order; empty for roles other than operator
     */
    public List<LedgerGrant> grantsNaming(ApiUser user, long nowMillis) {
        if (!user.is(ApiRole.OPERATOR)) {
            return List.of();
        }
        List<LedgerGrant> result = new ArrayList<>();
        for (LedgerGrant grant : snapshot.byId.values()) {
            if (grant.inForce(nowMillis) && grant.names(user.mspId(), user.fabricId())) {
                result.add(grant);
            }
        }
        return result;
    }

    /**
     * Returns an active grant by ID.
     *
     * @param grantId the grant ID
     * @return the grant, or empty when the index has no active grant of that ID
     */
    public Optional<LedgerGrant> find(String grantId) {
        return Optional.ofNullable(snapshot.byId.get(grantId));
    }

    /**
     * Returns how many active grants the index holds.
     *
     * @return the count
     */
    public int size() {
        return snapshot.byId.size();
    }

    private static boolean anyCovers(List<LedgerGrant> grants, ApiUser user, DeviceRecord device, long nowMillis) {
        for (LedgerGrant grant : grants) {
            if (inForceOn(grant, device, nowMillis) && grant.names(user.mspId(), user.fabricId())) {
                return true;
            }
        }
        return false;
    }

    /** A grant indexed under a device's ID or group covers it when in force and given by the device's owner. */
    private static boolean inForceOn(LedgerGrant grant, DeviceRecord device, long nowMillis) {
        return grant.inForce(nowMillis) && grant.ownerMsp().equals(device.ownerMsp());
    }

    /** One immutable state of the index. */
    private static final class Snapshot {
        final Map<String, LedgerGrant> byId;
        final Map<String, List<LedgerGrant>> byDevice;
        final Map<String, Map<String, List<LedgerGrant>>> byOwnerGroup;

        private Snapshot(
                Map<String, LedgerGrant> byId,
                Map<String, List<LedgerGrant>> byDevice,
                Map<String, Map<String, List<LedgerGrant>>> byOwnerGroup) {
            this.byId = byId;
            this.byDevice = byDevice;
            this.byOwnerGroup = byOwnerGroup;
        }

        static Snapshot of(Map<String, LedgerGrant> grants) {
            Map<String, List<LedgerGrant>> byDevice = new HashMap<>();
            Map<String, Map<String, List<LedgerGrant>>> byOwnerGroup = new HashMap<>();
            for (LedgerGrant grant : grants.values()) {
                if (grant.deviceId() != null) {
                    byDevice.computeIfAbsent(grant.deviceId(), k -> new ArrayList<>())
                            .add(grant);
                } else if (grant.deviceGroup() != null) {
                    byOwnerGroup
                            .computeIfAbsent(grant.ownerMsp(), k -> new HashMap<>())
                            .computeIfAbsent(grant.deviceGroup(), k -> new ArrayList<>())
                            .add(grant);
                }
            }
            byDevice.replaceAll((k, v) -> List.copyOf(v));
            byOwnerGroup.replaceAll((owner, groups) -> {
                groups.replaceAll((k, v) -> List.copyOf(v));
                return Map.copyOf(groups);
            });
            return new Snapshot(Map.copyOf(grants), Map.copyOf(byDevice), Map.copyOf(byOwnerGroup));
        }
    }
}
