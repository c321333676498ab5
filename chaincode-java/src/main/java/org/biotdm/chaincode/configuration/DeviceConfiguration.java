package org.biotdm.chaincode.configuration;

import com.owlike.genson.annotation.JsonProperty;
import org.hyperledger.fabric.contract.annotation.DataType;
import org.hyperledger.fabric.contract.annotation.Property;

/**
 * Holds a device's configuration record, stored as sorted JSON under {@code biotdm.configuration/<deviceId>}: the
 * latest desired version, the latest version the device reported applied ({@code reported}, absent until the first
 * {@code SUCCEEDED} report) and its latest report of any outcome ({@code lastReport}). The device drifts while
 * {@code reported} is absent or its hash differs from the desired one. Immutable; changes make a new record.
 */
@DataType
public final class DeviceConfiguration {
    @Property
    private final String deviceId;

    @Property
    private final String ownerMsp;

    @Property
    private final DesiredConfiguration desired;

    @Property
    private final ConfigurationReport reported;

    @Property
    private final ConfigurationReport lastReport;

    /**
     * Creates the record; Genson uses this constructor to read stored records.
     *
     * @param deviceId the device
     * @param ownerMsp the MSP ID of the device's owner
     * @param desired the latest desired version
     * @param reported the latest applied version the device reported, or {@code null}
     * @param lastReport the device's latest report of any outcome, or {@code null}
     */
    public DeviceConfiguration(
            @JsonProperty("deviceId") final String deviceId,
            @JsonProperty("ownerMsp") final String ownerMsp,
            @JsonProperty("desired") final DesiredConfiguration desired,
            @JsonProperty("reported") final ConfigurationReport reported,
            @JsonProperty("lastReport") final ConfigurationReport lastReport) {
        this.deviceId = deviceId;
        this.ownerMsp = ownerMsp;
        this.desired = desired;
        this.reported = reported;
        this.lastReport = lastReport;
    }

    /**
     * Returns the device.
     *
     * @return the device
     */
    public String getDeviceId() {
        return deviceId;
    }

    /**
     * Returns the owner's MSP ID.
     *
     * @return the owner's MSP ID
     */
    public String getOwnerMsp() {
        return ownerMsp;
    }

    /**
     * Returns the latest desired version.
     *
     * @return the latest desired version
     */
    public DesiredConfiguration getDesired() {
        return desired;
    }

    /**
     * Returns the latest applied version reported, or {@code null}.
     *
     * @return the latest applied version reported, or {@code null}
     */
    public ConfigurationReport getReported() {
        return reported;
    }

    /**
     * Returns the latest report of any outcome, or {@code null}.
     *
     * @return the latest report of any outcome, or {@code null}
     */
    public ConfigurationReport getLastReport() {
        return lastReport;
    }

    /**
     * Returns a copy with a new desired version; the reports stay.
     *
     * @param next the new desired version
     * @return the new record
     */
    DeviceConfiguration withDesired(final DesiredConfiguration next) {
        return new DeviceConfiguration(deviceId, ownerMsp, next, reported, lastReport);
    }

    /**
     * Returns a copy with a new report: it becomes {@code lastReport}, and {@code reported} too when it succeeded.
     *
     * @param report the report
     * @return the new record
     */
    DeviceConfiguration withReport(final ConfigurationReport report) {
        final boolean applied = report.getStatus() == org.biotdm.chaincode.command.CommandStatus.SUCCEEDED;
        return new DeviceConfiguration(deviceId, ownerMsp, desired, applied ? report : reported, report);
    }

    /**
     * Returns the newest version the device reported on, of any outcome.
     *
     * @return that version, or 0 before the first report
     */
    long lastReportedVersion() {
        return lastReport == null ? 0 : lastReport.getVersion();
    }
}
