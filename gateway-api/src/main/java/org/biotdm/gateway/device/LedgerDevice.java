package org.biotdm.gateway.device;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.Map;

/**
 * A device record exactly as the chaincode's {@code devices} contract returns it (GetDevice, ListDevices, and every
 * device write), with its property names.
 *
 * @param deviceId the device ID
 * @param ownerMsp the owning organisation's MSP ID
 * @param deviceType the device type, such as {@code env-sensor}
 * @param model the model, {@code <manufacturer MSP ID>/<model name>}
 * @param firmwareVersion the installed firmware version (semantic version)
 * @param group the device group within the owner organisation
 * @param metadata free-form metadata, sorted by name; empty when none
 * @param status the lifecycle status
 * @param statusReason why the device was last suspended or decommissioned, or null
 * @param publicKeyPem the device's P-256 public key in canonical PEM, or null until claimed
 * @param certFingerprint lowercase hex SHA-256 of the device certificate's DER, or null until claimed
 * @param previousFingerprints fingerprints replaced by key rotations, oldest first
 * @param claimTokenSha256 lowercase hex SHA-256 of the one-time claim token, or null for a device registered with its
 *     key
 * @param claimedAt when the claim token was spent, epoch milliseconds, or null
 * @param registeredAt when the device was registered, epoch milliseconds
 * @param updatedAt when the record was last written, epoch milliseconds (the transaction's timestamp)
 * @param updatedBy the Fabric ID of the last writer
 * @param updatedByMsp the MSP ID of the last writer
 */
@Serdeable
public record LedgerDevice(
        String deviceId,
        String ownerMsp,
        @Nullable String deviceType,
        @Nullable String model,
        @Nullable String firmwareVersion,
        @Nullable String group,
        @Nullable Map<String, String> metadata,
        DeviceStatus status,
        @Nullable String statusReason,
        @Nullable String publicKeyPem,
        @Nullable String certFingerprint,
        @Nullable List<String> previousFingerprints,
        @Nullable String claimTokenSha256,
        @Nullable Long claimedAt,
        long registeredAt,
        long updatedAt,
        @Nullable String updatedBy,
        @Nullable String updatedByMsp) {

    /**
     * Normalises absent collections to empty ones.
     *
     * @param deviceId the device ID
     * @param ownerMsp the owner MSP
     * @param deviceType the device type
     * @param model the model
     * @param firmwareVersion the firmware version
     * @param group the group
     * @param metadata the metadata
     * @param status the status
     * @param statusReason the status reason
     * @param publicKeyPem the public key
     * @param certFingerprint the certificate fingerprint
     * @param previousFingerprints the previous fingerprints
     * @param claimTokenSha256 the claim token hash
     * @param claimedAt the claim time
     * @param registeredAt the registration time
     * @param updatedAt the update time
     * @param updatedBy the last writer
     * @param updatedByMsp the last writer's MSP
     */
    public LedgerDevice {
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        previousFingerprints = previousFingerprints == null ? List.of() : List.copyOf(previousFingerprints);
    }

    /**
     * Returns the part of the record the gateway's registry keeps.
     *
     * @return the registry view
     */
    public DeviceRecord toRecord() {
        return new DeviceRecord(
                deviceId, ownerMsp, status, certFingerprint, publicKeyPem, group, model, firmwareVersion);
    }
}
