package org.biotdm.gateway.device;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * {@code GET /api/v1/devices/{deviceId}}: the ledger's registry record and when the device was last heard of.
 *
 * @param device the record as the chaincode's {@code GetDevice} returns it
 * @param firmwareVersion the firmware version the ledger records as installed
 * @param lastReadingAt the time of the device's latest reading, epoch milliseconds of the device clock; null when it
 *     never sent telemetry
 * @param lastSeenAt when the gateway committed that reading, epoch milliseconds; null when it never sent telemetry
 */
@Serdeable
public record DeviceDetailResponse(
        LedgerDevice device,
        @Nullable String firmwareVersion,
        @Nullable Long lastReadingAt,
        @Nullable Long lastSeenAt) {}
