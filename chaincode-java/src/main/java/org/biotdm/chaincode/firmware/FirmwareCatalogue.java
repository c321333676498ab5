package org.biotdm.chaincode.firmware;

import static java.nio.charset.StandardCharsets.UTF_8;

import org.biotdm.chaincode.device.Device;
import org.biotdm.chaincode.device.DeviceRegistry;
import org.biotdm.chaincode.device.DeviceStore;
import org.biotdm.chaincode.support.Access;
import org.biotdm.chaincode.support.Check;
import org.biotdm.chaincode.support.ErrorCode;
import org.biotdm.chaincode.support.Json;
import org.biotdm.chaincode.support.Keys;
import org.biotdm.chaincode.support.Role;
import org.biotdm.chaincode.support.Tx;

/**
 * Applies the firmware rules: only an admin of the manufacturer named in the model publishes or revokes; a manifest
 * is published only when a registered, unrevoked signing key of that manufacturer signed it; the record and the
 * manufacturer's guard fall under the consortium's approval policy; and a device moves only to a published,
 * unrevoked firmware of a higher sequence number, with its own signed receipt.
 */
final class FirmwareCatalogue {
    private static final String APPROVAL_KEY = Keys.of(Keys.FIRMWARE_APPROVAL, Keys.APPROVAL_POLICY_ID);

    private final Tx tx;
    private final FirmwareStore store;

    FirmwareCatalogue(final Tx tx) {
        this.tx = tx;
        this.store = new FirmwareStore(tx.stub());
    }

    Firmware publish(final PublishFirmwareRequest request) {
        final String manufacturer = Check.manufacturerOf(request.model());
        Access.requireOwner(tx.caller(), manufacturer, Role.ADMIN);
        FirmwareSignatures.verifyManifest(new SigningKeyStore(tx.stub()), request);
        if (store.find(request.model(), request.version()).isPresent()) {
            throw ErrorCode.FIRMWARE_EXISTS.error(
                    "Firmware " + request.version() + " is already published for model " + request.model());
        }
        final Firmware firmware = request.toFirmware(tx);
        final byte[] endorsement = approvalPolicy().endorsementFor(manufacturer);
        store.put(firmware);
        tx.stub()
                .setStateValidationParameter(
                        FirmwareStore.key(firmware.getModel(), firmware.getVersion()), endorsement);
        final String guard = Keys.of(Keys.FIRMWARE_GUARD, manufacturer);
        tx.stub().putState(guard, (firmware.getModel() + "@" + firmware.getVersion()).getBytes(UTF_8));
        tx.stub().setStateValidationParameter(guard, endorsement);
        return firmware;
    }

    Firmware revoke(final RevokeFirmwareRequest request) {
        Access.requireOwner(tx.caller(), Check.manufacturerOf(request.model()), Role.ADMIN);
        final Firmware firmware = store.get(request.model(), request.version());
        requireNotRevoked(firmware);
        final Firmware revoked = firmware.toBuilder()
                .revoked(true)
                .revokedAt(tx.nowMillis())
                .revocationReason(request.reason())
                .updatedAt(tx.nowMillis())
                .updatedBy(tx.caller().id())
                .updatedByMsp(tx.caller().mspId())
                .build();
        store.put(revoked);
        return revoked;
    }

    Device recordUpdate(final RecordFirmwareUpdateRequest request) {
        final DeviceStore devices = new DeviceStore(tx.stub());
        final Device device = devices.get(request.deviceId());
        Access.requireOwner(tx.caller(), device.getOwnerMsp(), Role.ADMIN, Role.GATEWAY);
        DeviceRegistry.requireInService(device);
        final Firmware target = store.get(device.getModel(), request.version());
        requireNotRevoked(target);
        FirmwareSignatures.verifyReceipt(device, target, request.signature());
        final long installed = store.find(device.getModel(), device.getFirmwareVersion())
                .map(Firmware::getSequence)
                .orElse(0L);
        if (target.getSequence() <= installed) {
            throw ErrorCode.FIRMWARE_DOWNGRADE.error("Device " + device.getDeviceId() + " runs sequence " + installed
                    + "; " + target.getVersion() + " has sequence " + target.getSequence() + ", not higher");
        }
        final Device updated = DeviceRegistry.touched(tx, device)
                .firmwareVersion(target.getVersion())
                .build();
        devices.update(device, updated);
        return updated;
    }

    ApprovalPolicy setApprovalPolicy(final ApprovalPolicy request) {
        Access.requireRole(tx.caller(), Role.ADMIN);
        final ApprovalPolicy policy = request.validate();
        if (!policy.getMembers().contains(tx.caller().mspId())) {
            throw Check.invalid(
                    "members",
                    "must include the caller's organisation " + tx.caller().mspId());
        }
        tx.stub().putState(APPROVAL_KEY, Json.bytes(policy));
        tx.stub().setStateValidationParameter(APPROVAL_KEY, policy.everyMember());
        return policy;
    }

    ApprovalPolicy approvalPolicy() {
        final byte[] value = tx.stub().getState(APPROVAL_KEY);
        return value == null || value.length == 0
                ? ApprovalPolicy.MANUFACTURER_ONLY
                : Json.read(value, ApprovalPolicy.class);
    }

    private static void requireNotRevoked(final Firmware firmware) {
        if (firmware.isRevoked()) {
            throw ErrorCode.FIRMWARE_REVOKED.error(
                    "Firmware " + firmware.getVersion() + " of model " + firmware.getModel() + " is revoked");
        }
    }
}
