package org.biotdm.chaincode.group;

import java.util.Optional;
import org.biotdm.chaincode.device.Device;
import org.biotdm.chaincode.support.ErrorCode;
import org.biotdm.chaincode.support.Json;
import org.biotdm.chaincode.support.Keys;
import org.biotdm.chaincode.support.Ledger;
import org.biotdm.chaincode.support.OrganisationGuard;
import org.biotdm.chaincode.support.OwnerEndorsement;
import org.biotdm.chaincode.support.Page;
import org.biotdm.chaincode.support.PageRequest;
import org.hyperledger.fabric.shim.ChaincodeStub;

/**
 * Owns the group keys: the record under {@code biotdm.group/<groupId>} (group ids are unique on the channel) and its owner index entry
 * {@code biotdm.group.owner/<ownerMsp>/<groupId>}. The record's key-level endorsement
 * policy every write sets to the record's {@code endorsingMsps}. Fabric checks a write against the policy committed
 * before it ("Setting key-level endorsement policies", Fabric docs), so a change needs the organisations the previous
 * write named; creating a group also writes the owner's organisation guard, so the owner endorses it.
 */
public final class GroupStore {
    private final ChaincodeStub stub;

    /**
     * Creates the store.
     *
     * @param stub the chaincode stub
     */
    public GroupStore(final ChaincodeStub stub) {
        this.stub = stub;
    }

    /**
     * Returns the world-state key of a group record.
     *
     * @param groupId the group id
     * @return the composite key
     */
    public static String key(final String groupId) {
        return Keys.of(Keys.GROUP, groupId);
    }

    /**
     * Looks a group up.
     *
     * @param groupId the group id
     * @return the record, or empty
     */
    public Optional<Group> find(final String groupId) {
        final byte[] value = stub.getState(key(groupId));
        return value == null || value.length == 0 ? Optional.empty() : Optional.of(Json.read(value, Group.class));
    }

    /**
     * Reads a group that must exist.
     *
     * @param groupId the group id
     * @return the record
     * @throws org.hyperledger.fabric.shim.ChaincodeException {@code GROUP_NOT_FOUND}
     */
    public Group get(final String groupId) {
        return find(groupId).orElseThrow(() -> ErrorCode.GROUP_NOT_FOUND.error("Group " + groupId + " does not exist"));
    }

    /**
     * Finds the group object a device is a member of: the group its {@code group} field names, when that group lists
     * it and has the device's owner. A device whose field is a plain label (no group object, or one not listing it) is
     * in no group.
     *
     * @param device the device
     * @return the group, or empty
     */
    public Optional<Group> memberGroupOf(final Device device) {
        return find(device.getGroup())
                .filter(group ->
                        group.getOwnerMsp().equals(device.getOwnerMsp()) && group.hasMember(device.getDeviceId()));
    }

    /**
     * Writes a new group and the owner's organisation guard, and sets the group key's policy.
     *
     * @param group the record
     * @throws org.hyperledger.fabric.shim.ChaincodeException {@code ACCESS_DENIED} when the owner's guard carries
     *     another policy
     */
    void create(final Group group) {
        OrganisationGuard.touch(stub, group.getOwnerMsp());
        stub.putState(Keys.of(Keys.GROUP_BY_OWNER, group.getOwnerMsp(), group.getGroupId()), Keys.indexValue());
        update(group);
    }

    /**
     * Rewrites a group and sets its key's policy to its {@code endorsingMsps}.
     *
     * @param group the record
     */
    void update(final Group group) {
        final String key = key(group.getGroupId());
        stub.putState(key, Json.bytes(group));
        OwnerEndorsement.requireAll(stub, key, group.getEndorsingMsps());
    }

    /**
     * Reads one page of an owner's groups in group id order; read-only transactions only.
     *
     * @param query the validated query
     * @return the page
     */
    Page<Group> list(final ListGroupsQuery query) {
        final PageRequest page = query.page();
        return Ledger.page(
                stub.getStateByPartialCompositeKeyWithPagination(
                        Keys.prefix(Keys.GROUP_BY_OWNER, query.ownerMsp()), page.pageSize(), page.bookmark()),
                entry -> find(Keys.lastAttribute(entry.getKey())).orElse(null));
    }
}
