package org.biotdm.chaincode.configuration;

import org.biotdm.chaincode.command.Command;
import org.biotdm.chaincode.command.ReservedCommands;
import org.biotdm.chaincode.device.Device;
import org.biotdm.chaincode.device.DeviceStatus;
import org.biotdm.chaincode.device.DeviceStore;
import org.biotdm.chaincode.support.Access;
import org.biotdm.chaincode.support.ErrorCode;
import org.biotdm.chaincode.support.Role;
import org.biotdm.chaincode.support.Tx;

/**
 * Applies the configuration rules: an admin of the owner organisation sets the next desired version of an active
 * device, which issues its {@code configuration} command; the owner's gateway reports the device's verified receipt,
 * never for a version older than one already reported.
 */
final class ConfigurationRules {
    private final Tx tx;
    private final ConfigurationStore store;

    ConfigurationRules(final Tx tx) {
        this.tx = tx;
        this.store = new ConfigurationStore(tx.stub());
    }

    ConfigurationWrite setDesired(final SetDesiredConfigurationRequest request) {
        final Device device = new DeviceStore(tx.stub()).get(request.deviceId());
        Access.requireOwner(tx.caller(), device.getOwnerMsp(), Role.ADMIN);
        if (device.getStatus() != DeviceStatus.ACTIVE) {
            throw ErrorCode.DEVICE_NOT_ACTIVE.error(
                    "Device " + device.getDeviceId() + " is " + device.getStatus() + ", not ACTIVE");
        }
        final DeviceConfiguration current = store.find(device.getDeviceId())
                .orElse(new DeviceConfiguration(device.getDeviceId(), device.getOwnerMsp(), null, null, null));
        final long expected =
                current.getDesired() == null ? 1 : current.getDesired().getVersion() + 1;
        if (request.version() != expected) {
            throw ErrorCode.CONFIGURATION_VERSION_STALE.error("Device " + device.getDeviceId()
                    + "'s next configuration version is " + expected + ", not " + request.version());
        }
        final Command command = ReservedCommands.issue(tx, device, request.command());
        final DeviceConfiguration next = current.withDesired(new DesiredConfiguration(
                request.version(),
                request.sha256(),
                request.sizeBytes(),
                request.commandId(),
                tx.nowMillis(),
                tx.caller().id(),
                tx.caller().mspId()));
        store.put(next);
        store.index(request.commandId(), new ConfigurationCommand(device.getDeviceId(), request.version()));
        return new ConfigurationWrite(command, next);
    }

    ConfigurationWrite report(final ReportConfigurationRequest request) {
        final ConfigurationCommand entry = store.command(request.commandId());
        final DeviceConfiguration current = store.get(entry.getDeviceId());
        Access.requireOwner(tx.caller(), current.getOwnerMsp(), Role.GATEWAY);
        if (entry.getVersion() <= current.lastReportedVersion()) {
            throw ErrorCode.CONFIGURATION_VERSION_STALE.error("Device " + entry.getDeviceId() + " already reported "
                    + "version " + current.lastReportedVersion() + "; version " + entry.getVersion() + " is older");
        }
        final Command command = ReservedCommands.complete(tx, request.receipt(), ReservedCommands.CONFIGURATION);
        final DeviceConfiguration next = current.withReport(new ConfigurationReport(
                entry.getVersion(),
                command.getStatus(),
                command.getResultSha256(),
                request.code(),
                command.getCommandId(),
                tx.nowMillis()));
        store.put(next);
        return new ConfigurationWrite(command, next);
    }
}
