package org.biotdm.chaincode.group;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import org.biotdm.chaincode.device.Device;
import org.biotdm.chaincode.device.DeviceRegistry;
import org.biotdm.chaincode.device.DeviceStore;
import org.biotdm.chaincode.support.Access;
import org.biotdm.chaincode.support.ErrorCode;
import org.biotdm.chaincode.support.Role;
import org.biotdm.chaincode.support.Tx;

/**
 * Applies the group rules. Only an admin of the owner organisation writes a group. Membership is the group object's
 * {@code members} list, and the device's {@code group} field follows it: adding a device sets its field to the group
 * id (so group grants on that id cover it), removing it sets the field to {@value #UNGROUPED}. A device is a member of
 * at most one group; a device whose field names no group object keeps it as a plain label.
 */
final class GroupRegistry {
    /** The {@code group} field of a device removed from its group; no group object may take this id. */
    static final String UNGROUPED = "ungrouped";

    private final Tx tx;
    private final GroupStore store;
    private final DeviceStore devices;

    GroupRegistry(final Tx tx) {
        this.tx = tx;
        this.store = new GroupStore(tx.stub());
        this.devices = new DeviceStore(tx.stub());
    }

    Group create(final GroupRequest request) {
        Access.requireRole(tx.caller(), Role.ADMIN);
        if (store.find(request.groupId()).isPresent()) {
            throw ErrorCode.GROUP_EXISTS.error("Group " + request.groupId() + " already exists");
        }
        final String owner = tx.caller().mspId();
        final GroupPolicy policy = request.policy();
        final Group group = new Group(
                request.groupId(),
                owner,
                request.description(),
                List.of(),
                policy,
                new GroupEndorsers(tx).of(owner, request.groupId(), policy),
                tx.nowMillis(),
                tx.nowMillis(),
                tx.caller().id(),
                owner);
        requireClusterHeadMember(group);
        store.create(group);
        return group;
    }

    Group setPolicy(final GroupRequest request) {
        final Group group = owned(request.groupId());
        final GroupPolicy policy = request.policy();
        final Group changed = group.withPolicy(tx, policy)
                .withEndorsers(new GroupEndorsers(tx).of(group.getOwnerMsp(), group.getGroupId(), policy));
        requireClusterHeadMember(changed);
        store.update(changed);
        return changed;
    }

    Group addMember(final GroupRequest request) {
        final Group group = owned(request.groupId());
        final Device device = memberCandidate(group, request.deviceId());
        if (store.memberGroupOf(device).isPresent()) {
            throw ErrorCode.GROUP_MEMBERSHIP_CONFLICT.error("Device " + device.getDeviceId()
                    + " is already a member of group " + device.getGroup() + "; remove it there first");
        }
        if (group.getMembers().size() >= Group.MAX_MEMBERS) {
            throw ErrorCode.INVALID_ARGUMENT.error(
                    "Group " + group.getGroupId() + " already has " + Group.MAX_MEMBERS + " members");
        }
        final TreeSet<String> members = new TreeSet<>(group.getMembers());
        members.add(device.getDeviceId());
        return changeMembers(group, device, group.getGroupId(), members);
    }

    Group removeMember(final GroupRequest request) {
        final Group group = owned(request.groupId());
        final Device device = memberCandidate(group, request.deviceId());
        if (!group.hasMember(device.getDeviceId())) {
            throw ErrorCode.GROUP_MEMBERSHIP_CONFLICT.error(
                    "Device " + device.getDeviceId() + " is not a member of group " + group.getGroupId());
        }
        if (device.getDeviceId().equals(group.getPolicy().getClusterHeadDeviceId())) {
            throw ErrorCode.GROUP_MEMBERSHIP_CONFLICT.error("Device " + device.getDeviceId()
                    + " is the group's cluster head; name another in the policy first");
        }
        final List<String> members = new ArrayList<>(group.getMembers());
        members.remove(device.getDeviceId());
        return changeMembers(group, device, UNGROUPED, members);
    }

    private Group changeMembers(
            final Group group, final Device device, final String label, final Collection<String> members) {
        final Group changed = group.withMembers(tx, List.copyOf(members))
                .withEndorsers(new GroupEndorsers(tx).of(group.getOwnerMsp(), group.getGroupId(), group.getPolicy()));
        devices.update(device, DeviceRegistry.touched(tx, device).group(label).build());
        store.update(changed);
        return changed;
    }

    /** Reads a group the caller, an admin, owns. */
    private Group owned(final String groupId) {
        Access.requireRole(tx.caller(), Role.ADMIN);
        final Group group = store.get(groupId);
        Access.requireOwner(tx.caller(), group.getOwnerMsp(), Role.ADMIN);
        return group;
    }

    private Device memberCandidate(final Group group, final String deviceId) {
        final Device device = devices.get(deviceId);
        if (!device.getOwnerMsp().equals(group.getOwnerMsp())) {
            throw ErrorCode.GROUP_MEMBERSHIP_CONFLICT.error("Device " + deviceId + " belongs to " + device.getOwnerMsp()
                    + ", not to the group's owner " + group.getOwnerMsp());
        }
        DeviceRegistry.requireInService(device);
        return device;
    }

    private static void requireClusterHeadMember(final Group group) {
        final String head = group.getPolicy().getClusterHeadDeviceId();
        if (head != null && !group.hasMember(head)) {
            throw ErrorCode.GROUP_MEMBERSHIP_CONFLICT.error(
                    "The cluster head " + head + " is not a member of group " + group.getGroupId());
        }
    }
}
