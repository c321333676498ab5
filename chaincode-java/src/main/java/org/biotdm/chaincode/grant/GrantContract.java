package org.biotdm.chaincode.grant;

import org.biotdm.chaincode.audit.AuditEntity;
import org.biotdm.chaincode.audit.EventType;
import org.biotdm.chaincode.audit.Events;
import org.biotdm.chaincode.device.Device;
import org.biotdm.chaincode.device.DeviceStore;
import org.biotdm.chaincode.support.Access;
import org.biotdm.chaincode.support.Check;
import org.biotdm.chaincode.support.ErrorCode;
import org.biotdm.chaincode.support.Json;
import org.biotdm.chaincode.support.Role;
import org.biotdm.chaincode.support.Tx;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.ContractInterface;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.Transaction;

/**
 * Exposes access grants as contract {@code grants}; clients call {@code grants:<Transaction>}. Only an admin of
 * the owner organisation gives or revokes a grant over its devices; auditors and every other role can read them.
 */
@Contract(
        name = "grants",
        info = @Info(title = "BIoT-DM access grants", description = "Who may command which devices", version = "0.1.0"))
public final class GrantContract implements ContractInterface {

    /**
     * Lets a grantee issue the listed command types to one device or a device group of the caller's organisation
     * until {@code expiresAt}. Caller: {@code admin}; a named device must belong to the caller's organisation. A peer
     * of the owner organisation must endorse: the transaction writes the device's guard key, or for a group grant the
     * organisation's guard key (created by the organisation's first group grant), and the guard's value lists the
     * grant's id: only listed grants are in force ({@link GrantGuard}).
     *
     * @param ctx the transaction context
     * @param request {@code {"grantId","granteeMsp","granteeId"?,"deviceId"|"deviceGroup","commandTypes":[…],
     *     "expiresAt"}}
     * @return the grant record
     * @throws org.hyperledger.fabric.shim.ChaincodeException {@code INVALID_ARGUMENT} (also when the target's guard
     *     already lists {@value GrantGuard#MAX_GRANTS} active grants), {@code ACCESS_DENIED} (also when the guard key
     *     carries another policy), {@code DEVICE_NOT_FOUND}, {@code GRANT_EXISTS}
     */
    @Transaction(name = "GrantDeviceAccess", intent = Transaction.TYPE.SUBMIT)
    public String grantDeviceAccess(final Context ctx, final String request) {
        final Tx tx = Tx.of(ctx);
        Access.requireRole(tx.caller(), Role.ADMIN);
        final GrantDeviceAccessRequest grant =
                Json.parse(request, GrantDeviceAccessRequest.class).validate(tx);
        if (grant.deviceId() != null) {
            final Device device = new DeviceStore(tx.stub()).get(grant.deviceId());
            Access.requireOwner(tx.caller(), device.getOwnerMsp(), Role.ADMIN);
        }
        final GrantStore store = new GrantStore(tx.stub());
        if (store.find(grant.grantId()).isPresent()) {
            throw ErrorCode.GRANT_EXISTS.error("Grant " + grant.grantId() + " already exists");
        }
        return write(tx, EventType.DeviceAccessGranted, store, grant.toGrant(tx));
    }

    /**
     * Revokes a grant; it stops covering at once and its record stays for audit. Caller: {@code admin} of the
     * organisation that gave it, whose peer must endorse (the guard key of the grant's device or of the
     * organisation).
     *
     * @param ctx the transaction context
     * @param request {@code {"grantId","reason"?}}
     * @return the revoked grant record
     * @throws org.hyperledger.fabric.shim.ChaincodeException {@code INVALID_ARGUMENT}, {@code ACCESS_DENIED},
     *     {@code GRANT_NOT_FOUND}, {@code GRANT_REVOKED}
     */
    @Transaction(name = "RevokeDeviceAccess", intent = Transaction.TYPE.SUBMIT)
    public String revokeDeviceAccess(final Context ctx, final String request) {
        final Tx tx = Tx.of(ctx);
        final RevokeDeviceAccessRequest revoke =
                Json.parse(request, RevokeDeviceAccessRequest.class).validate();
        final GrantStore store = new GrantStore(tx.stub());
        final Grant grant = store.get(revoke.grantId());
        Access.requireOwner(tx.caller(), grant.getOwnerMsp(), Role.ADMIN);
        if (grant.getStatus() == GrantStatus.REVOKED) {
            throw ErrorCode.GRANT_REVOKED.error("Grant " + grant.getGrantId() + " is already revoked");
        }
        return write(tx, EventType.DeviceAccessRevoked, store, grant.revoked(tx, revoke.reason()));
    }

    /**
     * Reads a grant, active or revoked. Caller: any BIoT-DM role.
     *
     * @param ctx the transaction context
     * @param grantId the grant id
     * @return the grant record
     * @throws org.hyperledger.fabric.shim.ChaincodeException {@code INVALID_ARGUMENT}, {@code ACCESS_DENIED},
     *     {@code GRANT_NOT_FOUND}
     */
    @Transaction(name = "GetGrant", intent = Transaction.TYPE.EVALUATE)
    public String getGrant(final Context ctx, final String grantId) {
        final Tx tx = Tx.of(ctx);
        Access.requireReader(tx.caller());
        return Json.write(new GrantStore(tx.stub()).get(Check.id("grantId", grantId)));
    }

    /**
     * Lists active (unrevoked) grants, including expired ones, by owner, device or group, in target then grant id
     * order. Caller: any BIoT-DM role.
     *
     * @param ctx the transaction context
     * @param query {@code {"ownerMsp"?,"deviceId"?|"deviceGroup"?,"pageSize"?,"bookmark"?}}
     * @return {@code {"bookmark","fetchedCount","records":[grant…]}}
     * @throws org.hyperledger.fabric.shim.ChaincodeException {@code INVALID_ARGUMENT}, {@code ACCESS_DENIED}
     */
    @Transaction(name = "ListGrants", intent = Transaction.TYPE.EVALUATE)
    public String listGrants(final Context ctx, final String query) {
        final Tx tx = Tx.of(ctx);
        Access.requireReader(tx.caller());
        return Json.write(new GrantStore(tx.stub())
                .list(Json.parse(query, ListGrantsQuery.class).validate()));
    }

    private static String write(final Tx tx, final EventType event, final GrantStore store, final Grant grant) {
        if (grant.getStatus() == GrantStatus.ACTIVE) {
            store.create(grant);
        } else {
            store.revoke(grant);
        }
        Events.emit(tx, event, AuditEntity.GRANT, grant.getGrantId(), grant.getDeviceId());
        return Json.write(grant);
    }
}
