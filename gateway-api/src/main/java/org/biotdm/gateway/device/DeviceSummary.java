package org.biotdm.gateway.device;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * One device in a device list, from the gateway's copy of the ledger registry.
 *
 * @param deviceId the device ID
 * @param ownerMsp the owner organisation's MSP ID
 * @param status the lifecycle status
 * @param deviceType the device type
 * @param model the model, {@code <manufacturer MSP>/<name>}
 * @param firmwareVersion the installed firmware version
 * @param group the device group
 */
@Serdeable
public record DeviceSummary(
        String deviceId,
        String ownerMsp,
        String status,
        @Nullable String deviceType,
        @Nullable String model,
        @Nullable String firmwareVersion,
        @Nullable String group) {}
