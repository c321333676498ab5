package org.biotdm.gateway.configuration;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * A device's configuration state: desired, reported and whether they differ.
 *
 * @param deviceId the device
 * @param ownerMsp its owner's MSP ID
 * @param desiredVersion the latest desired version
 * @param desiredSha256 its hash
 * @param desiredAt when it was set, epoch ms
 * @param reportedVersion the latest version the device reported applying, or null before the first
 * @param reportedSha256 SHA-256 of the canonical configuration it applied (its signed receipt's result), or null
 * @param reportedAt when that report was recorded, epoch ms, or null
 * @param reportedTransactionId its ReportConfiguration transaction, or null
 * @param lastReportVersion the version of the device's latest report of any outcome, or null
 * @param lastReportStatus {@code SUCCEEDED}, {@code FAILED} or {@code REJECTED}, or null
 * @param lastReportCode the device's refusal code (such as {@code CONFIGURATION_INVALID}), or null
 * @param lastReportAt when, epoch ms, or null
 * @param drift true while the device has not reported applying the desired document (desired ≠ reported)
 */
@Serdeable
public record ConfigurationResponse(
        String deviceId,
        String ownerMsp,
        long desiredVersion,
        String desiredSha256,
        long desiredAt,
        @Nullable Long reportedVersion,
        @Nullable String reportedSha256,
        @Nullable Long reportedAt,
        @Nullable String reportedTransactionId,
        @Nullable Long lastReportVersion,
        @Nullable String lastReportStatus,
        @Nullable String lastReportCode,
        @Nullable Long lastReportAt,
        boolean drift) {

    /**
     * Builds the view of a row.
     *
     * @param row the row
     * @return the response
     */
    static ConfigurationResponse of(ConfigurationRow row) {
        return new ConfigurationResponse(
                row.deviceId(),
                row.ownerMsp(),
                row.desiredVersion(),
                row.desiredSha256(),
                row.desiredAt(),
                row.reportedVersion(),
                row.reportedSha256(),
                row.reportedAt(),
                row.reportedTxId(),
                row.lastReportVersion(),
                row.lastReportStatus(),
                row.lastReportCode(),
                row.lastReportAt(),
                row.drifting());
    }
}
