package org.biotdm.chaincode.firmware;

import org.biotdm.chaincode.audit.AuditEntity;
import org.biotdm.chaincode.audit.EventType;
import org.biotdm.chaincode.audit.Events;
import org.biotdm.chaincode.device.Device;
import org.biotdm.chaincode.support.Access;
import org.biotdm.chaincode.support.Check;
import org.biotdm.chaincode.support.Json;
import org.biotdm.chaincode.support.Keys;
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
     * Publishes a firmware version for a model from its signed manifest ({@code protocol/firmware-manifest-v1.md}),
     * after steps 1 to 4 of the manifest verification. The record, and the manufacturer's firmware guard that every
     * publication rewrites, fall under the approval policy's key-level endorsement: a peer of the manufacturer and
     * the configured number of other members' peers. Caller: {@code admin} of the manufacturer organisation named in
     * the model.
     *
     * @param ctx the transaction context
     * @param request {@code {"format","model","version","sequence","size","sha256","keyId","signature"}}
     * @return the firmware record
     * @throws org.hyperledger.fabric.shim.ChaincodeException {@code FIRMWARE_MANIFEST_INVALID}, {@code
     *     FIRMWARE_UNSIGNED}, {@code ACCESS_DENIED}, {@code FIRMWARE_SIGNING_KEY_UNKNOWN}, {@code
     *     FIRMWARE_SIGNING_KEY_REVOKED}, {@code FIRMWARE_SIGNATURE_INVALID}, {@code FIRMWARE_EXISTS}
     */
    @Transaction(name = "PublishFirmware", intent = Transaction.TYPE.SUBMIT)
    public String publishFirmware(final Context ctx, final String request) {
        final Tx tx = Tx.of(ctx);
        final Firmware firmware = new FirmwareCatalogue(tx).publish(PublishFirmwareRequest.parse(request));
        return emit(tx, EventType.FirmwarePublished, firmware);
    }

    /**
     * Registers a firmware-signing public key for the caller's organisation; its ID is the SHA-256 of its DER
     * SubjectPublicKeyInfo. The record falls under the organisation's key-level endorsement. Caller: {@code admin}.
     *
     * @param ctx the transaction context
     * @param request {@code {"publicKeyPem"}}, a P-256 key
     * @return the key record
     * @throws org.hyperledger.fabric.shim.ChaincodeException {@code INVALID_ARGUMENT}, {@code ACCESS_DENIED},
     *     {@code FIRMWARE_SIGNING_KEY_EXISTS}
     */
    @Transaction(name = "RegisterFirmwareSigningKey", intent = Transaction.TYPE.SUBMIT)
    public String registerFirmwareSigningKey(final Context ctx, final String request) {
        final Tx tx = Tx.of(ctx);
        return emit(
                tx,
                EventType.FirmwareSigningKeyRegistered,
                new SigningKeyRegistry(tx).register(Json.parse(request, SigningKeyRequest.class)));
    }

    /**
     * Revokes a firmware-signing key: no manifest it signed is published any more (what it published stays; revoke
     * that firmware separately). Caller: {@code admin} of the key's organisation.
     *
     * @param ctx the transaction context
     * @param request {@code {"manufacturerMsp","keyId","reason"}}
     * @return the revoked key record
     * @throws org.hyperledger.fabric.shim.ChaincodeException {@code INVALID_ARGUMENT}, {@code ACCESS_DENIED},
     *     {@code FIRMWARE_SIGNING_KEY_NOT_FOUND}, {@code FIRMWARE_SIGNING_KEY_REVOKED}
     */
    @Transaction(name = "RevokeFirmwareSigningKey", intent = Transaction.TYPE.SUBMIT)
    public String revokeFirmwareSigningKey(final Context ctx, final String request) {
        final Tx tx = Tx.of(ctx);
        return emit(
                tx,
                EventType.FirmwareSigningKeyRevoked,
                new SigningKeyRegistry(tx).revoke(Json.parse(request, SigningKeyRequest.class)));
    }

    /**
     * Lists a manufacturer's firmware-signing keys, revoked ones included, in key ID order. Caller: any BIoT-DM role.
     *
     * @param ctx the transaction context
     * @param manufacturerMsp the manufacturer's MSP ID
     * @return a JSON array of key records
     * @throws org.hyperledger.fabric.shim.ChaincodeException {@code INVALID_ARGUMENT}, {@code ACCESS_DENIED}
     */
    @Transaction(name = "ListFirmwareSigningKeys", intent = Transaction.TYPE.EVALUATE)
    public String listFirmwareSigningKeys(final Context ctx, final String manufacturerMsp) {
        final Tx tx = Tx.of(ctx);
        return Json.write(new SigningKeyRegistry(tx).list(Check.id("manufacturerMsp", manufacturerMsp)));
    }

    /**
     * Sets the consortium's firmware approval policy: how many members besides the manufacturer must endorse each
     * publication. Once set, changing it needs a peer of every listed member. Caller: {@code admin} of a listed member.
     *
     * @param ctx the transaction context
     * @param request {@code {"members":[msp…],"approvals"}}, approvals 0 to members − 1
     * @return the policy, members sorted
     * @throws org.hyperledger.fabric.shim.ChaincodeException {@code INVALID_ARGUMENT}, {@code ACCESS_DENIED}
     */
    @Transaction(name = "SetFirmwareApprovalPolicy", intent = Transaction.TYPE.SUBMIT)
    public String setFirmwareApprovalPolicy(final Context ctx, final String request) {
        final Tx tx = Tx.of(ctx);
        final ApprovalPolicy policy =
                new FirmwareCatalogue(tx).setApprovalPolicy(Json.parse(request, ApprovalPolicy.class));
        Events.emit(
                tx, EventType.FirmwareApprovalPolicySet, AuditEntity.FIRMWARE_APPROVAL, Keys.APPROVAL_POLICY_ID, null);
        return Json.write(policy);
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
     * Records that a device now runs a firmware version, which must be published for its model, unrevoked, of a
     * higher sequence number than the installed one, and confirmed by the device's signed installation receipt. Caller: {@code admin} or {@code gateway} of the device's owner organisation.
     *
     * @param ctx the transaction context
     * @param request {@code {"deviceId","version","signature"}}: the device's signature over its {@code
     *     biotdm-firmware-receipt-v1} installation receipt, checked against its current key
     * @return the device record
     * @throws org.hyperledger.fabric.shim.ChaincodeException {@code INVALID_ARGUMENT}, {@code ACCESS_DENIED},
     *     {@code DEVICE_NOT_FOUND}, {@code DEVICE_DECOMMISSIONED}, {@code FIRMWARE_NOT_FOUND},
     *     {@code FIRMWARE_REVOKED}, {@code RECEIPT_SIGNATURE_INVALID}, {@code FIRMWARE_DOWNGRADE} (a sequence number
     *     not higher than that of the firmware the device is recorded to run)
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

    private static String emit(final Tx tx, final EventType event, final FirmwareSigningKey key) {
        Events.emit(tx, event, AuditEntity.FIRMWARE_KEY, key.getManufacturerMsp() + "@" + key.getKeyId(), null);
        return Json.write(key);
    }

    private static String emit(final Tx tx, final EventType event, final Firmware firmware) {
        Events.emit(tx, event, AuditEntity.FIRMWARE, firmware.getModel() + "@" + firmware.getVersion(), null);
        return Json.write(firmware);
    }
}
