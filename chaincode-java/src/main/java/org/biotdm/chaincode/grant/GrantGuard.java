package org.biotdm.chaincode.grant;

import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import org.biotdm.chaincode.device.DeviceStore;
import org.biotdm.chaincode.support.ErrorCode;
import org.biotdm.chaincode.support.Json;
import org.biotdm.chaincode.support.OrganisationGuard;
import org.hyperledger.fabric.shim.ChaincodeException;
import org.hyperledger.fabric.shim.ChaincodeStub;

/**
 * Records in a guard key's value the ids of the active grants it covers, so only grants the owner endorsed are in
 * force: a device grant is listed by the device's guard key, a group grant by its owner organisation's guard key
 * ({@link OrganisationGuard}). Both keys carry the owner's key-level policy, so only a transaction a peer of the
 * owner endorsed can change the list; a grant record a colluding majority wrote directly into world state (a new key
 * falls under the chaincode policy) is not listed and covers nothing.
 *
 * <p>The value is a JSON array of grant ids in ascending order; a guard not yet holding one (a device's guard as
 * registered: a single zero byte) lists none. A guard lists at most {@value #MAX_GRANTS} grants.
 */
final class GrantGuard {
    /** Most active grants one guard lists: per device for device grants, per organisation for group grants. */
    static final int MAX_GRANTS = 256;

    private final ChaincodeStub stub;

    /**
     * Creates the guard access for one transaction.
     *
     * @param stub the chaincode stub
     */
    GrantGuard(final ChaincodeStub stub) {
        this.stub = stub;
    }

    /**
     * Tells whether the grant's guard lists it; a guard under another policy than the owner's lists nothing.
     *
     * @param grant the grant record
     * @return whether the grant is in force as far as its owner endorsed it
     */
    boolean lists(final Grant grant) {
        try {
            return listed(grant).contains(grant.getGrantId());
        } catch (ChaincodeException foreignPolicy) {
            return false;
        }
    }

    /**
     * Adds a new grant to its guard's list and writes the guard, so the owner's peer must endorse.
     *
     * @param grant the new grant
     * @throws org.hyperledger.fabric.shim.ChaincodeException {@code ACCESS_DENIED} when the guard carries another
     *     policy than the owner's; {@code INVALID_ARGUMENT} when the guard already lists {@value #MAX_GRANTS}
     *     grants (revoke one first)
     */
    void add(final Grant grant) {
        final Set<String> ids = listed(grant);
        if (ids.size() >= MAX_GRANTS) {
            throw ErrorCode.INVALID_ARGUMENT.error("At most " + MAX_GRANTS + " grants may be active on "
                    + (grant.getDeviceId() == null ? "the device groups of " + grant.getOwnerMsp() : "one device")
                    + "; revoke one first");
        }
        ids.add(grant.getGrantId());
        write(grant, ids);
    }

    /**
     * Removes a revoked grant from its guard's list and writes the guard, so the owner's peer must endorse.
     *
     * @param grant the revoked grant
     * @throws org.hyperledger.fabric.shim.ChaincodeException {@code ACCESS_DENIED} when the guard carries another
     *     policy than the owner's
     */
    void remove(final Grant grant) {
        final Set<String> ids = listed(grant);
        ids.remove(grant.getGrantId());
        write(grant, ids);
    }

    private Set<String> listed(final Grant grant) {
        final byte[] value = grant.getDeviceId() == null
                ? OrganisationGuard.read(stub, grant.getOwnerMsp())
                : new DeviceStore(stub).readGuard(grant.getDeviceId(), grant.getOwnerMsp());
        final Set<String> ids = new TreeSet<>();
        if (value != null && value.length > 0 && value[0] == '[') {
            ids.addAll(Arrays.asList(Json.read(value, String[].class)));
        }
        return ids;
    }

    private void write(final Grant grant, final Set<String> ids) {
        final byte[] value = Json.bytes(ids.toArray(new String[0]));
        if (grant.getDeviceId() == null) {
            OrganisationGuard.write(stub, grant.getOwnerMsp(), value);
        } else {
            new DeviceStore(stub).writeGuard(grant.getDeviceId(), value);
        }
    }
}
