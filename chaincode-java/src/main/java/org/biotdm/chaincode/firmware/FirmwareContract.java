package org.biotdm.chaincode.firmware;

import org.biotdm.chaincode.audit.AuditEntity;
import org.biotdm.chaincode.audit.EventType;
import org.biotdm.chaincode.audit.Events;
import org.biotdm.chaincode.device.Device;
import org.biotdm.chaincode.support.Access;
import org.biotdm.chaincode.support.Check;
import org.biotdm.chaincode.support.Json;
import org.biotdm.chaincode.support.SemanticVersion;
import org.biotdm.chaincode.support.Tx;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.ContractInterface;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.Transaction;

/**
 * Exposes the firmware catalogue as contract {@code firmware}; clients call {@code firmware:<Transaction>}. A
 * model names its manufacturer: {@code Org1MSP/env-sensor} is published by admins of {@code Org1MSP}.
 */
@Contract(
        name = "firmware",
        info = @Info(title = "BIoT-DM firmware", description = "Genuine firmware per device model", version = "0.1.0"))
public final class FirmwareContract implements ContractInterface {

    /**
     * Publishes a firmware version for a model. Caller: {@code admin} of the manufacturer organisation named in the
     * model.
     *
     * @param ctx the transaction context
     * @param request {@code {"model","version","sha256","size","signature"}}
     * @return the firmware record
     * @throws org.hyperledger.fabric.shim.ChaincodeException {@code INVALID_ARGUMENT}, {@code ACCESS_DENIED},
     *     {@code FIRMWARE_EXISTS}
     */
    @Transaction(name = "PublishFirmware", intent = Transaction.TYPE.SUBMIT)
    public String publishFirmware(final Context ctx, final String request) {
        final Tx tx = Tx.of(ctx);
        final Firmware firmware = new FirmwareCatalogue(tx)
                .publish(Json.parse(request, PublishFirmwareRequest.class).validate());
        return emit(tx, EventType.FirmwarePublished, firmware);
    }

    /**
     * Revokes a firmware version: no device may be updated to it any more. Caller: {@code admin} of the
     * manufacturer organisation named in the model.
     *
     * @param ctx the transaction context
     * @param request {@code {"model","version","reason"}}
     * @return the revoked firmware record
     * @throws org.hyperledger.fabric.shim.ChaincodeException {@code INVALID_ARGUMENT}, {@code ACCESS_DENIED},
     *     {@code FIRMWARE_NOT_FOUND}, {@code FIRMWARE_REVOKED}
     */
    @Transaction(name = "RevokeFirmware", intent = Transaction.TYPE.SUBMIT)
    public String revokeFirmware(final Context ctx, final String request) {
        final Tx tx = Tx.of(ctx);
        final Firmware firmware = new FirmwareCatalogue(tx)
                .revoke(Json.parse(request, RevokeFirmwareRequest.class).validate());
        return emit(tx, EventType.FirmwareRevoked, firmware);
    }

    /**
     * Records that a device now runs a firmware version, which must be published for its model, unrevoked and not
     * lower than the current version. Caller: {@code admin} or {@code gateway} of the device's owner organisation.
     *
     * @param ctx the transaction context
     * @param request {@code {"deviceId","version"}}
     * @return the device record
     * @throws org.hyperledger.fabric.shim.ChaincodeException {@code INVALID_ARGUMENT}, {@code ACCESS_DENIED},
     *     {@code DEVICE_NOT_FOUND}, {@code DEVICE_DECOMMISSIONED}, {@code FIRMWARE_NOT_FOUND},
     *     {@code FIRMWARE_REVOKED}, {@code FIRMWARE_DOWNGRADE}
     */
    @Transaction(name = "RecordFirmwareUpdate", intent = Transaction.TYPE.SUBMIT)
    public String recordFirmwareUpdate(final Context ctx, final String request) {
        final Tx tx = Tx.of(ctx);
        final Device device = new FirmwareCatalogue(tx)
                .recordUpdate(
                        Json.parse(request, RecordFirmwareUpdateRequest.class).validate());
        Events.emit(
                tx, EventType.DeviceFirmwareUpdated, AuditEntity.DEVICE, device.getDeviceId(), device.getDeviceId());
        return Json.write(device);
    }

    /**
     * Reads a firmware version. Caller: any BIoT-DM role.
     *
     * @param ctx the transaction context
     * @param model the device model
     * @param version the firmware version
     * @return the firmware record
     * @throws org.hyperledger.fabric.shim.ChaincodeException {@code INVALID_ARGUMENT}, {@code ACCESS_DENIED},
     *     {@code FIRMWARE_NOT_FOUND}
     */
    @Transaction(name = "GetFirmware", intent = Transaction.TYPE.EVALUATE)
    public String getFirmware(final Context ctx, final String model, final String version) {
        final Tx tx = Tx.of(ctx);
        Access.requireReader(tx.caller());
        return Json.write(new FirmwareStore(tx.stub())
                .get(
                        Check.model("model", model),
                        SemanticVersion.parse("version", version).toString()));
    }

    /**
     * Lists a model's firmware versions, revoked ones included, in version text order. Caller: any BIoT-DM role.
     *
     * @param ctx the transaction context
     * @param query {@code {"model","pageSize"?,"bookmark"?}}
     * @return {@code {"bookmark","fetchedCount","records":[firmware…]}}
     * @throws org.hyperledger.fabric.shim.ChaincodeException {@code INVALID_ARGUMENT}, {@code ACCESS_DENIED}
     */
    @Transaction(name = "ListFirmware", intent = Transaction.TYPE.EVALUATE)
    public String listFirmware(final Context ctx, final String query) {
        final Tx tx = Tx.of(ctx);
        Access.requireReader(tx.caller());
        return Json.write(new FirmwareStore(tx.stub())
                .list(Json.parse(query, ListFirmwareQuery.class).validate()));
    }

    private static String emit(final Tx tx, final EventType event, final Firmware firmware) {
        Events.emit(tx, event, AuditEntity.FIRMWARE, firmware.getModel() + "@" + firmware.getVersion(), null);
        return Json.write(firmware);
    }
}
