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
 * @param lastSeenAt the device's latest activity the gateway noted, epoch ms (written every few seconds, so up to
 *     {@code biotdm.connectivity.flush-interval} behind); null when never heard from
 * @param lastConnectAt the start of its current or latest online period, epoch ms; null when never heard from
 * @param online whether it was active within {@code biotdm.connectivity.inactivity-timeout}
 */
@Serdeable
public record DeviceSummary(
        String deviceId,
        String ownerMsp,
        String status,
        @Nullable String deviceType,
        @Nullable String model,
        @Nullable String firmwareVersion,
        @Nullable String group,
        @Nullable Long lastSeenAt,
        @Nullable Long lastConnectAt,
        boolean online) {}
