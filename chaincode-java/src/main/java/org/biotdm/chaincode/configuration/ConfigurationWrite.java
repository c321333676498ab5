package org.biotdm.chaincode.configuration;

import com.owlike.genson.annotation.JsonProperty;
import org.biotdm.chaincode.command.Command;
import org.hyperledger.fabric.contract.annotation.DataType;
import org.hyperledger.fabric.contract.annotation.Property;

/**
 * Holds what SetDesiredConfiguration and ReportConfiguration return: the {@code configuration} command they issued or
 * completed and the device's new configuration record, both written by the one transaction.
 */
@DataType
public final class ConfigurationWrite {
    @Property
    private final Command command;

    @Property
    private final DeviceConfiguration configuration;

    /**
     * Creates the result.
     *
     * @param command the issued or completed command
     * @param configuration the device's configuration record after the write
     */
    public ConfigurationWrite(
            @JsonProperty("command") final Command command,
            @JsonProperty("configuration") final DeviceConfiguration configuration) {
        this.command = command;
        this.configuration = configuration;
    }

    /**
     * Returns the issued or completed command.
     *
     * @return the issued or completed command
     */
    public Command getCommand() {
        return command;
    }

    /**
     * Returns the configuration record after the write.
     *
     * @return the configuration record after the write
     */
    public DeviceConfiguration getConfiguration() {
        return configuration;
    }
}
