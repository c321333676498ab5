package org.biotdm.chaincode.configuration;

import com.owlike.genson.annotation.JsonProperty;
import org.biotdm.chaincode.command.Command;
import org.hyperledger.fabric.contract.annotation.DataType;
import org.hyperledger.fabric.contract.annotation.Property;

/**
 * Holds what ReportConfiguration returns: the completed {@code configuration} command and the device's new
 * configuration record, both written by the one transaction.
 */
@DataType
public final class ConfigurationReported {
    @Property
    private final Command command;

    @Property
    private final DeviceConfiguration configuration;

    /**
     * Creates the result.
     *
     * @param command the completed command
     * @param configuration the device's configuration record after the report
     */
    public ConfigurationReported(
            @JsonProperty("command") final Command command,
            @JsonProperty("configuration") final DeviceConfiguration configuration) {
        this.command = command;
        this.configuration = configuration;
    }

    /**
     * Returns the completed command.
     *
     * @return the completed command
     */
    public Command getCommand() {
        return command;
    }

    /**
     * Returns the configuration record after the report.
     *
     * @return the configuration record after the report
     */
    public DeviceConfiguration getConfiguration() {
        return configuration;
    }
}
