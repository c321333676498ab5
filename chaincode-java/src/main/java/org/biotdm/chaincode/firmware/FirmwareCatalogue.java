package org.biotdm.chaincode.firmware;

import org.biotdm.chaincode.device.Device;
import org.biotdm.chaincode.device.DeviceRegistry;
import org.biotdm.chaincode.device.DeviceStore;
import org.biotdm.chaincode.support.Access;
import org.biotdm.chaincode.support.Check;
import org.biotdm.chaincode.support.ErrorCode;
import org.biotdm.chaincode.support.Role;
import org.biotdm.chaincode.support.SemanticVersion;
import org.biotdm.chaincode.support.Tx;

/**
 * Applies the firmware rules: only an admin of the manufacturer named in the model publishes or revokes, and a
 * device may only move to a published, unrevoked version of its model that is not lower than its current one.
 */
final class FirmwareCatalogue {
    private final Tx tx;
    private final FirmwareStore store;

    FirmwareCatalogue(final Tx tx) {
        this.tx = tx;
        this.store = new FirmwareStore(tx.stub());
    }

    Firmware publish(final PublishFirmwareRequest request) {
        Access.requireOwner(tx.caller(), Check.manufacturerOf(request.model()), Role.ADMIN);
        if (store.find(request.model(), request.version()).isPresent()) {
            throw ErrorCode.FIRMWARE_EXISTS.error(
                    "Firmware " + request.version() + " is already published for model " + request.model());
        }
        final Firmware firmware = request.toFirmware(tx);
        store.put(firmware);
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
        final SemanticVersion target = request.version();
        requireNotRevoked(store.get(device.getModel(), target.toString()));
        if (target.compareTo(SemanticVersion.parse("firmwareVersion", device.getFirmwareVersion())) < 0) {
            throw ErrorCode.FIRMWARE_DOWNGRADE.error("Device " + device.getDeviceId() + " runs "
                    + device.getFirmwareVersion() + "; " + target + " would be a downgrade");
        }
        final Device updated = DeviceRegistry.touched(tx, device)
                .firmwareVersion(target.toString())
                .build();
        devices.update(device, updated);
        return updated;
    }

    private static void requireNotRevoked(final Firmware firmware) {
        if (firmware.isRevoked()) {
            throw ErrorCode.FIRMWARE_REVOKED.error(
                    "Firmware " + firmware.getVersion() + " of model " + firmware.getModel() + " is revoked");
        }
    }
}
