package org.biotdm.chaincode.configuration;

import com.owlike.genson.annotation.JsonProperty;
import org.hyperledger.fabric.contract.annotation.DataType;
import org.hyperledger.fabric.contract.annotation.Property;

/**
 * Holds the index entry of a {@code configuration} command, under {@code biotdm.configuration.command/<commandId>}:
 * the device and the desired version it carries, so a report of an earlier command still names its own version.
 */
@DataType
public final class ConfigurationCommand {
    @Property
    private final String deviceId;

    @Property
    private final long version;

    /**
     * Creates the entry; Genson uses this constructor to read stored entries.
     *
     * @param deviceId the device
     * @param version the desired version the command carries
     */
    public ConfigurationCommand(
            @JsonProperty("deviceId") final String deviceId, @JsonProperty("version") final long version) {
        this.deviceId = deviceId;
        this.version = version;
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
     * Returns the version the command carries.
     *
     * @return the version the command carries
     */
    public long getVersion() {
        return version;
    }
}
