package org.biotdm.gateway.configuration;

import io.micronaut.core.annotation.Nullable;

/**
 * One row of {@code device_configurations} with the desired version's document from {@code
 * device_configuration_versions}: the mirror of a device's configuration record.
 *
 * @param deviceId the device
 * @param ownerMsp its owner's MSP ID
 * @param desiredVersion the latest desired version
 * @param desiredSha256 its hash
 * @param desiredAt when it was set, epoch ms
 * @param desiredJson its canonical document, or null when another instance set it and this one has not its row
 * @param desiredCommandId its command
 * @param desiredSetBy the admin's username, or null as for the document
 * @param desiredTxId the SetDesiredConfiguration transaction, or null
 * @param reportedVersion the latest applied version reported, or null
 * @param reportedSha256 its hash, or null
 * @param reportedAt when, epoch ms, or null
 * @param reportedTxId the ReportConfiguration transaction, or null
 * @param lastReportVersion the latest report's version, or null
 * @param lastReportStatus its status, or null
 * @param lastReportCode the device's refusal code, or null
 * @param lastReportAt when, epoch ms, or null
 */
record ConfigurationRow(
        String deviceId,
        String ownerMsp,
        long desiredVersion,
        String desiredSha256,
        long desiredAt,
        @Nullable String desiredJson,
        @Nullable String desiredCommandId,
        @Nullable String desiredSetBy,
        @Nullable String desiredTxId,
        @Nullable Long reportedVersion,
        @Nullable String reportedSha256,
        @Nullable Long reportedAt,
        @Nullable String reportedTxId,
        @Nullable Long lastReportVersion,
        @Nullable String lastReportStatus,
        @Nullable String lastReportCode,
        @Nullable Long lastReportAt) {

    /**
     * Tells whether the device drifts: it has not reported applying a configuration, or what it applied last is not
     * the desired document.
     *
     * @return true while desired ≠ reported
     */
    public boolean drifting() {
        return reportedSha256 == null || !reportedSha256.equals(desiredSha256);
    }
}
