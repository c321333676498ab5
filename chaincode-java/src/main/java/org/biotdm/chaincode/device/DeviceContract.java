package org.biotdm.chaincode.device;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.biotdm.chaincode.audit.AuditEntity;
import org.biotdm.chaincode.audit.AuditEntry;
import org.biotdm.chaincode.audit.AuditStore;
import org.biotdm.chaincode.audit.EventType;
import org.biotdm.chaincode.audit.Events;
import org.biotdm.chaincode.support.Access;
import org.biotdm.chaincode.support.Check;
import org.biotdm.chaincode.support.ErrorCode;
import org.biotdm.chaincode.support.Json;
import org.biotdm.chaincode.support.Tx;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.ContractInterface;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.Transaction;

/**
 * Exposes the device registry as contract {@code devices}; clients call {@code devices:<Transaction>}.
 *
 * <p>Every write takes one JSON argument, returns the device record as sorted JSON and emits one event. Every
 * transaction may also fail with {@code INVALID_ARGUMENT} (bad JSON or field) and {@code ACCESS_DENIED}.
 */
@Contract(
        name = "devices",
        info = @Info(title = "BIoT-DM device registry", description = "Devices, lifecycle and keys", version = "0.1.0"))
public final class DeviceContract implements ContractInterface {

    /**
     * Registers a device owned by the caller's organisation in status {@code PROVISIONED}, and sets a key-level
     * endorsement policy on it requiring a peer of that organisation. Caller: {@code admin} of any organisation.
     *
     * @param ctx the transaction context
     * @param request {@code {"deviceId","deviceType","model","firmwareVersion","group","metadata"?, and either
     *     "publicKeyPem"+"certFingerprint" or "claimTokenSha256"}}
     * @return the device record
     * @throws org.hyperledger.fabric.shim.ChaincodeException {@code INVALID_ARGUMENT}, {@code ACCESS_DENIED},
     *     {@code DEVICE_EXISTS}
     */
    @Transaction(name = "RegisterDevice", intent = Transaction.TYPE.SUBMIT)
    public String registerDevice(final Context ctx, final String request) {
        final Tx tx = Tx.of(ctx);
        final Device device = new DeviceRegistry(tx).register(Json.parse(request, RegisterDeviceRequest.class));
        return emit(tx, EventType.DeviceRegistered, device);
    }

    /**
     * Binds a key to a registered, unclaimed device when the claim token matches, spends the token and activates
     * the device. The token travels in the transient map under {@code claimToken} so it never lands in a block.
     * Caller: {@code gateway} of the owner organisation.
     *
     * @param ctx the transaction context
     * @param request {@code {"deviceId","publicKeyPem","certFingerprint"}}
     * @return the device record
     * @throws org.hyperledger.fabric.shim.ChaincodeException {@code INVALID_ARGUMENT}, {@code ACCESS_DENIED},
     *     {@code DEVICE_NOT_FOUND}, {@code DEVICE_NOT_CLAIMABLE}, {@code CLAIM_TOKEN_SPENT},
     *     {@code CLAIM_TOKEN_MISMATCH}, {@code DEVICE_INVALID_TRANSITION}
     */
    @Transaction(name = "ClaimDevice", intent = Transaction.TYPE.SUBMIT)
    public String claimDevice(final Context ctx, final String request) {
        final Tx tx = Tx.of(ctx);
        final byte[] token = ctx.getStub().getTransient().get(DeviceRegistry.CLAIM_TOKEN_TRANSIENT);
        final Device device = new DeviceRegistry(tx)
                .claim(Json.parse(request, DeviceKeyRequest.class).validate(), token);
        return emit(tx, EventType.DeviceClaimed, device);
    }

    /**
     * Registers up to {@value DeviceBatch#MAX_ITEMS} devices in one transaction, each exactly as RegisterDevice would
     * (record, indexes, guard key, key-level endorsement policy of its owner, history entry); an item RegisterDevice
     * would refuse is reported with that code and writes nothing, the others are written. Emits one {@code
     * DevicesRegistered} event listing the registered devices. Caller: {@code admin} of any organisation.
     *
     * @param ctx the transaction context
     * @param request {@code {"devices":[<RegisterDevice argument>…]}}, at most {@value DeviceBatch#MAX_ARGUMENT_BYTES}
     *     bytes
     * @return {@code {"committed","items":[{"device","deviceId","index"} or {"code","deviceId","index","message"}…],
     *     "refused"}}, items in request order
     * @throws org.hyperledger.fabric.shim.ChaincodeException for the whole batch: {@code INVALID_ARGUMENT} (bad JSON,
     *     no items, more than the limit), {@code ACCESS_DENIED}; per item: {@code INVALID_ARGUMENT} (also for an id
     *     an earlier item has), {@code DEVICE_EXISTS}
     */
    @Transaction(name = "RegisterDevices", intent = Transaction.TYPE.SUBMIT)
    public String registerDevices(final Context ctx, final String request) {
        final Tx tx = Tx.of(ctx);
        final BatchResult result = new DeviceBatch(tx)
                .register(Json.parse(request, RegisterDevicesRequest.class, DeviceBatch.MAX_ARGUMENT_BYTES));
        Events.emitBatch(tx, EventType.DevicesRegistered, result.writtenIds());
        return Json.write(result);
    }

    /**
     * Claims up to {@value DeviceBatch#MAX_ITEMS} devices in one transaction, each exactly as ClaimDevice would; the
     * token of device {@code <id>} travels in the transient map under {@code claimToken/<id>}. An item ClaimDevice
     * would refuse is reported with that code and writes nothing, the others are written. Emits one {@code
     * DevicesClaimed} event listing the claimed devices. Caller: {@code gateway}; each device must belong to the
     * caller's organisation ({@code ACCESS_DENIED} for that item otherwise), so the batch writes only keys under that
     * organisation's key-level policy and needs the same endorsements as one ClaimDevice.
     *
     * @param ctx the transaction context
     * @param request {@code {"claims":[<ClaimDevice argument>…]}}, at most {@value DeviceBatch#MAX_ARGUMENT_BYTES}
     *     bytes
     * @return as RegisterDevices
     * @throws org.hyperledger.fabric.shim.ChaincodeException for the whole batch: {@code INVALID_ARGUMENT}, {@code
     *     ACCESS_DENIED}; per item: every code of ClaimDevice ({@code INVALID_ARGUMENT} also for an id an earlier
     *     item has)
     */
    @Transaction(name = "ClaimDevices", intent = Transaction.TYPE.SUBMIT)
    public String claimDevices(final Context ctx, final String request) {
        final Tx tx = Tx.of(ctx);
        final BatchResult result = new DeviceBatch(tx)
                .claim(
                        Json.parse(request, ClaimDevicesRequest.class, DeviceBatch.MAX_ARGUMENT_BYTES),
                        ctx.getStub().getTransient());
        Events.emitBatch(tx, EventType.DevicesClaimed, result.writtenIds());
        return Json.write(result);
    }

    /**
     * Puts a provisioned device that has a key into service ({@code PROVISIONED → ACTIVE}). Caller: {@code admin}
     * of the owner organisation.
     *
     * @param ctx the transaction context
     * @param request {@code {"deviceId","reason"?}}
     * @return the device record
     * @throws org.hyperledger.fabric.shim.ChaincodeException {@code INVALID_ARGUMENT}, {@code ACCESS_DENIED},
     *     {@code DEVICE_NOT_FOUND}, {@code DEVICE_INVALID_TRANSITION}, {@code DEVICE_NOT_CLAIMED}
     */
    @Transaction(name = "ActivateDevice", intent = Transaction.TYPE.SUBMIT)
    public String activateDevice(final Context ctx, final String request) {
        return transition(ctx, request, DeviceStatus.ACTIVE, false, EventType.DeviceActivated);
    }

    /**
     * Takes an active device out of service ({@code ACTIVE → SUSPENDED}); the gateway then refuses it. Caller:
     * {@code admin} of the owner organisation.
     *
     * @param ctx the transaction context
     * @param request {@code {"deviceId","reason"}}, reason required
     * @return the device record
     * @throws org.hyperledger.fabric.shim.ChaincodeException {@code INVALID_ARGUMENT}, {@code ACCESS_DENIED},
     *     {@code DEVICE_NOT_FOUND}, {@code DEVICE_INVALID_TRANSITION}
     */
    @Transaction(name = "SuspendDevice", intent = Transaction.TYPE.SUBMIT)
    public String suspendDevice(final Context ctx, final String request) {
        return transition(ctx, request, DeviceStatus.SUSPENDED, true, EventType.DeviceSuspended);
    }

    /**
     * Returns a suspended device to service ({@code SUSPENDED → ACTIVE}). Caller: {@code admin} of the owner
     * organisation.
     *
     * @param ctx the transaction context
     * @param request {@code {"deviceId","reason"?}}
     * @return the device record
     * @throws org.hyperledger.fabric.shim.ChaincodeException {@code INVALID_ARGUMENT}, {@code ACCESS_DENIED},
     *     {@code DEVICE_NOT_FOUND}, {@code DEVICE_INVALID_TRANSITION}
     */
    @Transaction(name = "ReactivateDevice", intent = Transaction.TYPE.SUBMIT)
    public String reactivateDevice(final Context ctx, final String request) {
        return transition(ctx, request, DeviceStatus.ACTIVE, false, EventType.DeviceReactivated);
    }

    /**
     * Retires a suspended device for good ({@code SUSPENDED → DECOMMISSIONED}); the record stays for audit.
     * Caller: {@code admin} of the owner organisation.
     *
     * @param ctx the transaction context
     * @param request {@code {"deviceId","reason"?}}
     * @return the device record
     * @throws org.hyperledger.fabric.shim.ChaincodeException {@code INVALID_ARGUMENT}, {@code ACCESS_DENIED},
     *     {@code DEVICE_NOT_FOUND}, {@code DEVICE_INVALID_TRANSITION}
     */
    @Transaction(name = "DecommissionDevice", intent = Transaction.TYPE.SUBMIT)
    public String decommissionDevice(final Context ctx, final String request) {
        return transition(ctx, request, DeviceStatus.DECOMMISSIONED, false, EventType.DeviceDecommissioned);
    }

    /**
     * Replaces the key of a claimed device; the old fingerprint is appended to {@code previousFingerprints} and
     * can never be registered again for it. Caller: {@code admin} or {@code gateway} of the owner organisation.
     *
     * @param ctx the transaction context
     * @param request {@code {"deviceId","publicKeyPem","certFingerprint"}}
     * @return the device record
     * @throws org.hyperledger.fabric.shim.ChaincodeException {@code INVALID_ARGUMENT}, {@code ACCESS_DENIED},
     *     {@code DEVICE_NOT_FOUND}, {@code DEVICE_DECOMMISSIONED}, {@code DEVICE_NOT_CLAIMED},
     *     {@code DEVICE_KEY_REUSED}
     */
    @Transaction(name = "RotateDeviceKey", intent = Transaction.TYPE.SUBMIT)
    public String rotateDeviceKey(final Context ctx, final String request) {
        final Tx tx = Tx.of(ctx);
        final Device device = new DeviceRegistry(tx)
                .rotateKey(Json.parse(request, DeviceKeyRequest.class).validate());
        return emit(tx, EventType.DeviceKeyRotated, device);
    }

    /**
     * Replaces a device's metadata and optionally moves it to another group. Caller: {@code admin} of the owner
     * organisation.
     *
     * @param ctx the transaction context
     * @param request {@code {"deviceId","metadata":{name:value},"group"?}}
     * @return the device record
     * @throws org.hyperledger.fabric.shim.ChaincodeException {@code INVALID_ARGUMENT}, {@code ACCESS_DENIED},
     *     {@code DEVICE_NOT_FOUND}, {@code DEVICE_DECOMMISSIONED}, {@code GROUP_MEMBERSHIP_CONFLICT}
     */
    @Transaction(name = "UpdateDeviceMetadata", intent = Transaction.TYPE.SUBMIT)
    public String updateDeviceMetadata(final Context ctx, final String request) {
        final Tx tx = Tx.of(ctx);
        final Device device = new DeviceRegistry(tx)
                .updateMetadata(
                        Json.parse(request, UpdateDeviceMetadataRequest.class).validate());
        return emit(tx, EventType.DeviceMetadataUpdated, device);
    }

    /**
     * Reads a device. Caller: any BIoT-DM role.
     *
     * @param ctx the transaction context
     * @param deviceId the device id
     * @return the device record
     * @throws org.hyperledger.fabric.shim.ChaincodeException {@code INVALID_ARGUMENT}, {@code ACCESS_DENIED},
     *     {@code DEVICE_NOT_FOUND}
     */
    @Transaction(name = "GetDevice", intent = Transaction.TYPE.EVALUATE)
    public String getDevice(final Context ctx, final String deviceId) {
        final Tx tx = Tx.of(ctx);
        Access.requireReader(tx.caller());
        return Json.write(new DeviceStore(tx.stub()).get(Check.id("deviceId", deviceId)));
    }

    /**
     * Reads several devices at once, as listed by a batch event ({@code DevicesRegistered}, {@code DevicesClaimed}).
     * Caller: any BIoT-DM role.
     *
     * @param ctx the transaction context
     * @param query {@code {"deviceIds":[…]}}, 1 to {@value DeviceBatch#MAX_ITEMS} ids
     * @return {@code [device…]}: the records of the ids that exist, in query order
     * @throws org.hyperledger.fabric.shim.ChaincodeException {@code INVALID_ARGUMENT}, {@code ACCESS_DENIED}
     */
    @Transaction(name = "GetDevices", intent = Transaction.TYPE.EVALUATE)
    public String getDevices(final Context ctx, final String query) {
        final Tx tx = Tx.of(ctx);
        Access.requireReader(tx.caller());
        final DeviceStore store = new DeviceStore(tx.stub());
        return Json.write(Json.parse(query, GetDevicesQuery.class, DeviceBatch.MAX_ARGUMENT_BYTES).ids().stream()
                .map(store::find)
                .flatMap(Optional::stream)
                .collect(Collectors.toList()));
    }

    /**
     * Lists devices by owner, status or group, one page at a time, in device id order. Caller: any BIoT-DM role.
     *
     * @param ctx the transaction context
     * @param query {@code {"ownerMsp"?,"status"?,"group"?,"pageSize"?,"bookmark"?}}; group needs ownerMsp
     * @return {@code {"bookmark","fetchedCount","records":[device…]}}
     * @throws org.hyperledger.fabric.shim.ChaincodeException {@code INVALID_ARGUMENT}, {@code ACCESS_DENIED}
     */
    @Transaction(name = "ListDevices", intent = Transaction.TYPE.EVALUATE)
    public String listDevices(final Context ctx, final String query) {
        final Tx tx = Tx.of(ctx);
        Access.requireReader(tx.caller());
        return Json.write(new DeviceStore(tx.stub())
                .list(Json.parse(query, ListDevicesQuery.class).validate()));
    }

    /**
     * Returns every committed version of a device record, newest first, with transaction, time and actor. Caller:
     * any BIoT-DM role.
     *
     * @param ctx the transaction context
     * @param deviceId the device id
     * @return {@code [{"actorId","actorMsp","deleted","record","timestamp","txId"}…]}
     * @throws org.hyperledger.fabric.shim.ChaincodeException {@code INVALID_ARGUMENT}, {@code ACCESS_DENIED},
     *     {@code DEVICE_NOT_FOUND}
     */
    @Transaction(name = "GetDeviceHistory", intent = Transaction.TYPE.EVALUATE)
    public String getDeviceHistory(final Context ctx, final String deviceId) {
        final Tx tx = Tx.of(ctx);
        Access.requireReader(tx.caller());
        final List<AuditEntry> history =
                new AuditStore(tx.stub()).history(DeviceStore.key(Check.id("deviceId", deviceId)));
        if (history.isEmpty()) {
            throw ErrorCode.DEVICE_NOT_FOUND.error("Device " + deviceId + " does not exist");
        }
        return Json.write(history);
    }

    private static String transition(
            final Context ctx,
            final String request,
            final DeviceStatus target,
            final boolean reasonRequired,
            final EventType event) {
        final Tx tx = Tx.of(ctx);
        final Device device = new DeviceRegistry(tx)
                .transition(Json.parse(request, DeviceStatusRequest.class).validate(reasonRequired), target);
        return emit(tx, event, device);
    }

    private static String emit(final Tx tx, final EventType event, final Device device) {
        Events.emit(tx, event, AuditEntity.DEVICE, device.getDeviceId(), device.getDeviceId());
        return Json.write(device);
    }
}
