package org.biotdm.gateway.device;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;
import org.biotdm.gateway.db.UtcMillisConverter;

/**
 * A row of {@code devices}, the database copy of a ledger device ({@code updated_at} is kept by the database and not
 * mapped; the activity columns are written only by {@link DeviceRows#updateActivity}).
 *
 * @param deviceId the device ID
 * @param ownerMsp the owner's MSP ID
 * @param status the {@link DeviceStatus} name
 * @param deviceType the device type, or null
 * @param model the model, or null
 * @param firmwareVersion the firmware version, or null
 * @param deviceGroup the owner's group, or null
 * @param certFingerprint the SHA-256 fingerprint of the device certificate, hex, or null before provisioning
 * @param publicKeyPem the device's public key, PEM, or null before provisioning
 * @param ledgerTxId the transaction that last changed the device (as far as the gateway knows), or null
 * @param lastSeenAt the device's latest activity noted by the gateway, epoch ms, or null when never heard from
 * @param lastConnectAt the start of its current or latest online period, epoch ms, or null
 */
@MappedEntity("devices")
record DeviceRow(
        @Id String deviceId,
        String ownerMsp,
        String status,
        @Nullable String deviceType,
        @Nullable String model,
        @Nullable String firmwareVersion,
        @Nullable String deviceGroup,
        @Nullable String certFingerprint,
        @Nullable String publicKeyPem,
        @Nullable String ledgerTxId,
        @Nullable @MappedProperty(converter = UtcMillisConverter.class) Long lastSeenAt,
        @Nullable @MappedProperty(converter = UtcMillisConverter.class) Long lastConnectAt) {

    /**
     * Returns the row as the registry sees it.
     *
     * @return the record
     */
    DeviceRecord toRecord() {
        return new DeviceRecord(
                deviceId,
                ownerMsp,
                DeviceStatus.valueOf(status),
                certFingerprint,
                publicKeyPem,
                deviceGroup,
                model,
                firmwareVersion);
    }

    /**
     * Returns the row as the device list shows it.
     *
     * @param onlineSince activity at or after this time (epoch ms) counts as online
     * @return the summary
     */
    DeviceSummary toSummary(long onlineSince) {
        return new DeviceSummary(
                deviceId,
                ownerMsp,
                status,
                deviceType,
                model,
                firmwareVersion,
                deviceGroup,
                lastSeenAt,
                lastConnectAt,
                lastSeenAt != null && lastSeenAt >= onlineSince);
    }
}
