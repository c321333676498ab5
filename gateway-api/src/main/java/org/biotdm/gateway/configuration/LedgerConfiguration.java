package org.biotdm.gateway.configuration;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import org.biotdm.gateway.command.CommandState;

/**
 * A device's configuration record exactly as the chaincode's {@code configuration} contract returns it.
 *
 * @param deviceId the device
 * @param ownerMsp the device owner's MSP ID
 * @param desired the latest desired version
 * @param reported the latest applied version the device reported, or null
 * @param lastReport the device's latest report of any outcome, or null
 */
@Serdeable
public record LedgerConfiguration(
        String deviceId, String ownerMsp, Desired desired, @Nullable Report reported, @Nullable Report lastReport) {

    /**
     * One desired version.
     *
     * @param version the version, from 1
     * @param sha256 SHA-256 of the document's canonical JSON, lower-case hex
     * @param sizeBytes the canonical JSON's size in UTF-8 bytes
     * @param commandId the {@code configuration} command carrying it
     * @param setAt the transaction time, epoch ms
     * @param setBy the admin's Fabric ID
     * @param setByMsp the admin's MSP ID
     */
    @Serdeable
    public record Desired(
            long version, String sha256, long sizeBytes, String commandId, long setAt, String setBy, String setByMsp) {}

    /**
     * One report of the device.
     *
     * @param version the desired version its command carried
     * @param status {@code SUCCEEDED}, {@code FAILED} or {@code REJECTED}
     * @param sha256 the receipt's {@code resultSha256}: on success SHA-256 of the canonical applied configuration
     * @param code the device's refusal code, or null
     * @param commandId the completed command
     * @param reportedAt the transaction time, epoch ms
     */
    @Serdeable
    public record Report(
            long version,
            CommandState status,
            String sha256,
            @Nullable String code,
            String commandId,
            long reportedAt) {}
}
