package org.biotdm.chaincode.configuration;

import com.owlike.genson.annotation.JsonProperty;
import org.biotdm.chaincode.command.CommandStatus;
import org.hyperledger.fabric.contract.annotation.DataType;
import org.hyperledger.fabric.contract.annotation.Property;

/**
 * Holds what a device reported for one desired version, from its verified receipt: {@code SUCCEEDED} with the
 * SHA-256 of the configuration it applied (the receipt's {@code resultSha256}), or {@code FAILED}/{@code REJECTED}
 * with the code it gave. Immutable.
 */
@DataType
public final class ConfigurationReport {
    @Property
    private final long version;

    @Property
    private final CommandStatus status;

    @Property
    private final String sha256;

    @Property
    private final String code;

    @Property
    private final String commandId;

    @Property
    private final long reportedAt;

    /**
     * Creates the record; Genson uses this constructor to read stored records.
     *
     * @param version the desired version the command carried
     * @param status {@code SUCCEEDED}, {@code FAILED} or {@code REJECTED}
     * @param sha256 the receipt's {@code resultSha256}: for {@code SUCCEEDED} the SHA-256 of the canonical JSON of
     *     the configuration the device applied
     * @param code the device's refusal code, {@code null} on success
     * @param commandId the completed {@code configuration} command
     * @param reportedAt the transaction time, epoch milliseconds
     */
    public ConfigurationReport(
            @JsonProperty("version") final long version,
            @JsonProperty("status") final CommandStatus status,
            @JsonProperty("sha256") final String sha256,
            @JsonProperty("code") final String code,
            @JsonProperty("commandId") final String commandId,
            @JsonProperty("reportedAt") final long reportedAt) {
        this.version = version;
        this.status = status;
        this.sha256 = sha256;
        this.code = code;
        this.commandId = commandId;
        this.reportedAt = reportedAt;
    }

    /**
     * Returns the reported version.
     *
     * @return the reported version
     */
    public long getVersion() {
        return version;
    }

    /**
     * Returns the outcome.
     *
     * @return the outcome
     */
    public CommandStatus getStatus() {
        return status;
    }

    /**
     * Returns the receipt's result hash, lower-case hex.
     *
     * @return the receipt's result hash, lower-case hex
     */
    public String getSha256() {
        return sha256;
    }

    /**
     * Returns the device's refusal code, or {@code null}.
     *
     * @return the device's refusal code, or {@code null}
     */
    public String getCode() {
        return code;
    }

    /**
     * Returns the completed command.
     *
     * @return the completed command
     */
    public String getCommandId() {
        return commandId;
    }

    /**
     * Returns when it was reported, epoch milliseconds.
     *
     * @return when it was reported, epoch milliseconds
     */
    public long getReportedAt() {
        return reportedAt;
    }
}
