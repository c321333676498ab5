package org.biotdm.chaincode.configuration;

import java.util.Optional;
import org.biotdm.chaincode.device.DeviceStore;
import org.biotdm.chaincode.support.ErrorCode;
import org.biotdm.chaincode.support.Json;
import org.biotdm.chaincode.support.Keys;
import org.hyperledger.fabric.shim.ChaincodeStub;

/**
 * Owns the configuration keys: the record under {@code biotdm.configuration/<deviceId>} and the command index under
 * {@code biotdm.configuration.command/<commandId>}. Every write also writes the device's guard key, so the owner's
 * peer must endorse it.
 */
final class ConfigurationStore {
    private final ChaincodeStub stub;

    ConfigurationStore(final ChaincodeStub stub) {
        this.stub = stub;
    }

    Optional<DeviceConfiguration> find(final String deviceId) {
        final byte[] value = stub.getState(Keys.of(Keys.CONFIGURATION, deviceId));
        return value == null || value.length == 0
                ? Optional.empty()
                : Optional.of(Json.read(value, DeviceConfiguration.class));
    }

    DeviceConfiguration get(final String deviceId) {
        return find(deviceId)
                .orElseThrow(
                        () -> ErrorCode.CONFIGURATION_NOT_FOUND.error("Device " + deviceId + " has no configuration"));
    }

    ConfigurationCommand command(final String commandId) {
        final byte[] value = stub.getState(Keys.of(Keys.CONFIGURATION_BY_COMMAND, commandId));
        if (value == null || value.length == 0) {
            throw ErrorCode.COMMAND_NOT_FOUND.error("Command " + commandId + " carries no configuration");
        }
        return Json.read(value, ConfigurationCommand.class);
    }

    void put(final DeviceConfiguration configuration) {
        stub.putState(Keys.of(Keys.CONFIGURATION, configuration.getDeviceId()), Json.bytes(configuration));
        new DeviceStore(stub).requireOwnerEndorsement(configuration.getDeviceId(), configuration.getOwnerMsp());
    }

    void index(final String commandId, final ConfigurationCommand entry) {
        stub.putState(Keys.of(Keys.CONFIGURATION_BY_COMMAND, commandId), Json.bytes(entry));
    }
}
