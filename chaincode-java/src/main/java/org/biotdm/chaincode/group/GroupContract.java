package org.biotdm.chaincode.group;

import org.biotdm.chaincode.audit.AuditEntity;
import org.biotdm.chaincode.audit.EventType;
import org.biotdm.chaincode.audit.Events;
import org.biotdm.chaincode.support.Access;
import org.biotdm.chaincode.support.Check;
import org.biotdm.chaincode.support.Json;
import org.biotdm.chaincode.support.Tx;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.ContractInterface;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.Transaction;

/**
 * Exposes device groups as contract {@code groups}; clients call {@code groups:<Transaction>}. Writes are for an
 * admin of the owner organisation; every write sets the group key's key-level endorsement policy to the owner plus,
 * when the policy asks for it, the organisations holding grants on the group ({@link GroupEndorsers}).
 */
@Contract(
        name = "groups",
        info = @Info(title = "BIoT-DM device groups", description = "Groups and group policies", version = "0.1.0"))
public final class GroupContract implements ContractInterface {

    /**
     * Creates an empty group owned by the caller's organisation. Caller: {@code admin}; a peer of the owner must
     * endorse (the transaction writes the organisation's guard key).
     *
     * @param ctx the transaction context
     * @param request {@code {"groupId","description"?,"policy":{"commandTypes":[…],"firmwareChannel"?,
     *     "clusterHeadDeviceId"?,"coEndorseGrantees"}}}; a cluster head must be a member, so it is set later
     * @return the group record
     * @throws org.hyperledger.fabric.shim.ChaincodeException {@code INVALID_ARGUMENT}, {@code ACCESS_DENIED},
     *     {@code GROUP_EXISTS}, {@code GROUP_MEMBERSHIP_CONFLICT}
     */
    @Transaction(name = "CreateGroup", intent = Transaction.TYPE.SUBMIT)
    public String createGroup(final Context ctx, final String request) {
        final Tx tx = Tx.of(ctx);
        final Group group = new GroupRegistry(tx)
                .create(Json.parse(request, GroupRequest.class).forCreate());
        return emit(tx, EventType.GroupCreated, group, null);
    }

    /**
     * Adds a device of the group's owner to the group and sets the device's {@code group} field to the group id.
     * Caller: {@code admin} of the owner organisation.
     *
     * @param ctx the transaction context
     * @param request {@code {"groupId","deviceId"}}
     * @return the group record
     * @throws org.hyperledger.fabric.shim.ChaincodeException {@code INVALID_ARGUMENT} (also beyond
     *     {@value Group#MAX_MEMBERS} members), {@code ACCESS_DENIED}, {@code GROUP_NOT_FOUND},
     *     {@code DEVICE_NOT_FOUND}, {@code DEVICE_DECOMMISSIONED}, {@code GROUP_MEMBERSHIP_CONFLICT}
     */
    @Transaction(name = "AddGroupMember", intent = Transaction.TYPE.SUBMIT)
    public String addGroupMember(final Context ctx, final String request) {
        final Tx tx = Tx.of(ctx);
        final GroupRequest member = Json.parse(request, GroupRequest.class).forMember();
        return emit(tx, EventType.GroupMemberAdded, new GroupRegistry(tx).addMember(member), member.deviceId());
    }

    /**
     * Removes a member and sets the device's {@code group} field to {@code ungrouped}. Caller: {@code admin} of the
     * owner organisation.
     *
     * @param ctx the transaction context
     * @param request {@code {"groupId","deviceId"}}
     * @return the group record
     * @throws org.hyperledger.fabric.shim.ChaincodeException {@code INVALID_ARGUMENT}, {@code ACCESS_DENIED},
     *     {@code GROUP_NOT_FOUND}, {@code DEVICE_NOT_FOUND}, {@code DEVICE_DECOMMISSIONED},
     *     {@code GROUP_MEMBERSHIP_CONFLICT} (not a member, or the cluster head)
     */
    @Transaction(name = "RemoveGroupMember", intent = Transaction.TYPE.SUBMIT)
    public String removeGroupMember(final Context ctx, final String request) {
        final Tx tx = Tx.of(ctx);
        final GroupRequest member = Json.parse(request, GroupRequest.class).forMember();
        return emit(tx, EventType.GroupMemberRemoved, new GroupRegistry(tx).removeMember(member), member.deviceId());
    }

    /**
     * Replaces a group's policy. Caller: {@code admin} of the owner organisation; the peers the group key's
     * committed policy names must endorse (the owner, and grant holders when the old policy said so).
     *
     * @param ctx the transaction context
     * @param request {@code {"groupId","policy":{…}}}
     * @return the group record
     * @throws org.hyperledger.fabric.shim.ChaincodeException {@code INVALID_ARGUMENT}, {@code ACCESS_DENIED},
     *     {@code GROUP_NOT_FOUND}, {@code GROUP_MEMBERSHIP_CONFLICT} (a cluster head that is no member)
     */
    @Transaction(name = "SetGroupPolicy", intent = Transaction.TYPE.SUBMIT)
    public String setGroupPolicy(final Context ctx, final String request) {
        final Tx tx = Tx.of(ctx);
        final Group group = new GroupRegistry(tx)
                .setPolicy(Json.parse(request, GroupRequest.class).forPolicy());
        return emit(tx, EventType.GroupPolicyChanged, group, null);
    }

    /**
     * Reads a group. Caller: any BIoT-DM role.
     *
     * @param ctx the transaction context
     * @param groupId the group id
     * @return the group record
     * @throws org.hyperledger.fabric.shim.ChaincodeException {@code INVALID_ARGUMENT}, {@code ACCESS_DENIED},
     *     {@code GROUP_NOT_FOUND}
     */
    @Transaction(name = "GetGroup", intent = Transaction.TYPE.EVALUATE)
    public String getGroup(final Context ctx, final String groupId) {
        final Tx tx = Tx.of(ctx);
        Access.requireReader(tx.caller());
        return Json.write(new GroupStore(tx.stub()).get(Check.id("groupId", groupId)));
    }

    /**
     * Lists an organisation's groups in group id order, one page at a time. Caller: any BIoT-DM role.
     *
     * @param ctx the transaction context
     * @param query {@code {"ownerMsp","pageSize"?,"bookmark"?}}
     * @return {@code {"bookmark","fetchedCount","records":[group…]}}
     * @throws org.hyperledger.fabric.shim.ChaincodeException {@code INVALID_ARGUMENT}, {@code ACCESS_DENIED}
     */
    @Transaction(name = "ListGroups", intent = Transaction.TYPE.EVALUATE)
    public String listGroups(final Context ctx, final String query) {
        final Tx tx = Tx.of(ctx);
        Access.requireReader(tx.caller());
        return Json.write(new GroupStore(tx.stub())
                .list(Json.parse(query, ListGroupsQuery.class).validate()));
    }

    private static String emit(final Tx tx, final EventType event, final Group group, final String deviceId) {
        Events.emit(tx, event, AuditEntity.GROUP, group.getGroupId(), deviceId);
        return Json.write(group);
    }
}
