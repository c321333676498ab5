package org.biotdm.chaincode.command;

import com.owlike.genson.annotation.JsonProperty;
import org.biotdm.chaincode.automation.RuleTrigger;
import org.hyperledger.fabric.contract.annotation.DataType;
import org.hyperledger.fabric.contract.annotation.Property;

/**
 * Holds a command record, stored as sorted JSON under {@code biotdm.command/<commandId>}: what an operator asked a
 * device to do, under which grant (or, for {@code rule}, which automation rule and readings), and how the device answered. Records are immutable; changes go through
 * {@link #toBuilder()}.
 */
@DataType
public final class Command {
    @Property
    private final String commandId;

    @Property
    private final String deviceId;

    @Property
    private final String ownerMsp;

    @Property
    private final String commandType;

    @Property
    private final String parametersSha256;

    @Property
    private final long expiresAt;

    @Property
    private final String grantId;

    @Property
    private final RuleTrigger rule;

    @Property
    private final CommandStatus status;

    @Property
    private final long issuedAt;

    @Property
    private final String issuedBy;

    @Property
    private final String issuedByMsp;

    @Property
    private final Long deliveredAt;

    @Property
    private final Long completedAt;

    @Property
    private final String resultSha256;

    @Property
    private final String receiptSignature;

    @Property
    private final long updatedAt;

    @Property
    private final String updatedBy;

    @Property
    private final String updatedByMsp;

    /**
     * Creates a record; Genson uses this constructor to read stored records.
     *
     * @param commandId the command id, chosen by the issuer
     * @param deviceId the target device
     * @param ownerMsp the MSP ID of the device's owner
     * @param commandType the command type, such as {@code reboot}
     * @param parametersSha256 the SHA-256 of the command parameters held off-chain, lower-case hex
     * @param expiresAt when the command expires, epoch milliseconds
     * @param grantId the grant that authorised the command, or {@code null} when a rule did
     * @param rule the automation rule that authorised the command and its triggering readings, or {@code null}
     * @param status the command status
     * @param issuedAt when the command was issued, epoch milliseconds
     * @param issuedBy the Fabric id of the issuing operator
     * @param issuedByMsp the MSP ID of the issuing operator
     * @param deliveredAt when the gateway recorded delivery, epoch milliseconds, or {@code null}
     * @param completedAt when the completion was recorded, epoch milliseconds, or {@code null}
     * @param resultSha256 the SHA-256 of the device's result, lower-case hex, or {@code null}
     * @param receiptSignature the device's receipt signature, base64, or {@code null}
     * @param updatedAt when the record was last written, epoch milliseconds
     * @param updatedBy the Fabric id of the last writer
     * @param updatedByMsp the MSP ID of the last writer
     */
    public Command(
            @JsonProperty("commandId") final String commandId,
            @JsonProperty("deviceId") final String deviceId,
            @JsonProperty("ownerMsp") final String ownerMsp,
            @JsonProperty("commandType") final String commandType,
            @JsonProperty("parametersSha256") final String parametersSha256,
            @JsonProperty("expiresAt") final long expiresAt,
            @JsonProperty("grantId") final String grantId,
            @JsonProperty("rule") final RuleTrigger rule,
            @JsonProperty("status") final CommandStatus status,
            @JsonProperty("issuedAt") final long issuedAt,
            @JsonProperty("issuedBy") final String issuedBy,
            @JsonProperty("issuedByMsp") final String issuedByMsp,
            @JsonProperty("deliveredAt") final Long deliveredAt,
            @JsonProperty("completedAt") final Long completedAt,
            @JsonProperty("resultSha256") final String resultSha256,
            @JsonProperty("receiptSignature") final String receiptSignature,
            @JsonProperty("updatedAt") final long updatedAt,
            @JsonProperty("updatedBy") final String updatedBy,
            @JsonProperty("updatedByMsp") final String updatedByMsp) {
        this.commandId = commandId;
        this.deviceId = deviceId;
        this.ownerMsp = ownerMsp;
        this.commandType = commandType;
        this.parametersSha256 = parametersSha256;
        this.expiresAt = expiresAt;
        this.grantId = grantId;
        this.rule = rule;
        this.status = status;
        this.issuedAt = issuedAt;
        this.issuedBy = issuedBy;
        this.issuedByMsp = issuedByMsp;
        this.deliveredAt = deliveredAt;
        this.completedAt = completedAt;
        this.resultSha256 = resultSha256;
        this.receiptSignature = receiptSignature;
        this.updatedAt = updatedAt;
        this.updatedBy = updatedBy;
        this.updatedByMsp = updatedByMsp;
    }

    /**
     * Returns the command id, chosen by the issuer.
     *
     * @return the command id
     */
    public String getCommandId() {
        return commandId;
    }

    /**
     * Returns the target device.
     *
     * @return the target device
     */
    public String getDeviceId() {
        return deviceId;
    }

    /**
     * Returns the MSP ID of the device's owner.
     *
     * @return the MSP ID of the device's owner
     */
    public String getOwnerMsp() {
        return ownerMsp;
    }

    /**
     * Returns the command type, such as {@code reboot}.
     *
     * @return the command type
     */
    public String getCommandType() {
        return commandType;
    }

    /**
     * Returns the SHA-256 of the command parameters held off-chain, lower-case hex.
     *
     * @return the SHA-256 of the command parameters held off-chain
     */
    public String getParametersSha256() {
        return parametersSha256;
    }

    /**
     * Returns when the command expires, epoch milliseconds.
     *
     * @return when the command expires
     */
    public long getExpiresAt() {
        return expiresAt;
    }

    /**
     * Returns the grant that authorised the command.
     *
     * @return the grant that authorised the command
     */
    public String getGrantId() {
        return grantId;
    }

    /**
     * Returns the automation rule that authorised the command and the readings that triggered it.
     *
     * @return the trigger, or {@code null} for a command a grant authorised
     */
    public RuleTrigger getRule() {
        return rule;
    }

    /**
     * Returns the command status.
     *
     * @return the command status
     */
    public CommandStatus getStatus() {
        return status;
    }

    /**
     * Returns when the command was issued, epoch milliseconds.
     *
     * @return when the command was issued
     */
    public long getIssuedAt() {
        return issuedAt;
    }

    /**
     * Returns the Fabric id of the issuing operator.
     *
     * @return the Fabric id of the issuing operator
     */
    public String getIssuedBy() {
        return issuedBy;
    }

    /**
     * Returns the MSP ID of the issuing operator.
     *
     * @return the MSP ID of the issuing operator
     */
    public String getIssuedByMsp() {
        return issuedByMsp;
    }

    /**
     * Returns when the gateway recorded delivery, epoch milliseconds, or {@code null}.
     *
     * @return when the gateway recorded delivery
     */
    public Long getDeliveredAt() {
        return deliveredAt;
    }

    /**
     * Returns when the completion was recorded, epoch milliseconds, or {@code null}.
     *
     * @return when the completion was recorded
     */
    public Long getCompletedAt() {
        return completedAt;
    }

    /**
     * Returns the SHA-256 of the device's result, lower-case hex, or {@code null}.
     *
     * @return the SHA-256 of the device's result
     */
    public String getResultSha256() {
        return resultSha256;
    }

    /**
     * Returns the device's receipt signature, base64, or {@code null}.
     *
     * @return the device's receipt signature
     */
    public String getReceiptSignature() {
        return receiptSignature;
    }

    /**
     * Returns when the record was last written, epoch milliseconds.
     *
     * @return when the record was last written
     */
    public long getUpdatedAt() {
        return updatedAt;
    }

    /**
     * Returns the Fabric id of the last writer.
     *
     * @return the Fabric id of the last writer
     */
    public String getUpdatedBy() {
        return updatedBy;
    }

    /**
     * Returns the MSP ID of the last writer.
     *
     * @return the MSP ID of the last writer
     */
    public String getUpdatedByMsp() {
        return updatedByMsp;
    }

    /**
     * Starts a modified copy of this record.
     *
     * @return a builder holding this record's values
     */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /**
     * Starts a new record.
     *
     * @return an empty builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link Command} records; each setter sets the field of the same name and returns the builder. */
    public static final class Builder {
        private String commandId;
        private String deviceId;
        private String ownerMsp;
        private String commandType;
        private String parametersSha256;
        private long expiresAt;
        private String grantId;
        private RuleTrigger rule;
        private CommandStatus status;
        private long issuedAt;
        private String issuedBy;
        private String issuedByMsp;
        private Long deliveredAt;
        private Long completedAt;
        private String resultSha256;
        private String receiptSignature;
        private long updatedAt;
        private String updatedBy;
        private String updatedByMsp;

        private Builder() {}

        private Builder(final Command record) {
            this.commandId = record.commandId;
            this.deviceId = record.deviceId;
            this.ownerMsp = record.ownerMsp;
            this.commandType = record.commandType;
            this.parametersSha256 = record.parametersSha256;
            this.expiresAt = record.expiresAt;
            this.grantId = record.grantId;
            this.rule = record.rule;
            this.status = record.status;
            this.issuedAt = record.issuedAt;
            this.issuedBy = record.issuedBy;
            this.issuedByMsp = record.issuedByMsp;
            this.deliveredAt = record.deliveredAt;
            this.completedAt = record.completedAt;
            this.resultSha256 = record.resultSha256;
            this.receiptSignature = record.receiptSignature;
            this.updatedAt = record.updatedAt;
            this.updatedBy = record.updatedBy;
            this.updatedByMsp = record.updatedByMsp;
        }

        public Builder commandId(final String value) {
            this.commandId = value;
            return this;
        }

        public Builder deviceId(final String value) {
            this.deviceId = value;
            return this;
        }

        public Builder ownerMsp(final String value) {
            this.ownerMsp = value;
            return this;
        }

        public Builder commandType(final String value) {
            this.commandType = value;
            return this;
        }

        public Builder parametersSha256(final String value) {
            this.parametersSha256 = value;
            return this;
        }

        public Builder expiresAt(final long value) {
            this.expiresAt = value;
            return this;
        }

        public Builder grantId(final String value) {
            this.grantId = value;
            return this;
        }

        public Builder rule(final RuleTrigger value) {
            this.rule = value;
            return this;
        }

        public Builder status(final CommandStatus value) {
            this.status = value;
            return this;
        }

        public Builder issuedAt(final long value) {
            this.issuedAt = value;
            return this;
        }

        public Builder issuedBy(final String value) {
            this.issuedBy = value;
            return this;
        }

        public Builder issuedByMsp(final String value) {
            this.issuedByMsp = value;
            return this;
        }

        public Builder deliveredAt(final Long value) {
            this.deliveredAt = value;
            return this;
        }

        public Builder completedAt(final Long value) {
            this.completedAt = value;
            return this;
        }

        public Builder resultSha256(final String value) {
            this.resultSha256 = value;
            return this;
        }

        public Builder receiptSignature(final String value) {
            this.receiptSignature = value;
            return this;
        }

        public Builder updatedAt(final long value) {
            this.updatedAt = value;
            return this;
        }

        public Builder updatedBy(final String value) {
            this.updatedBy = value;
            return this;
        }

        public Builder updatedByMsp(final String value) {
            this.updatedByMsp = value;
            return this;
        }

        /**
         * Builds the record.
         *
         * @return the immutable record
         */
        public Command build() {
            return new Command(
                    commandId,
                    deviceId,
                    ownerMsp,
                    commandType,
                    parametersSha256,
                    expiresAt,
                    grantId,
                    rule,
                    status,
                    issuedAt,
                    issuedBy,
                    issuedByMsp,
                    deliveredAt,
                    completedAt,
                    resultSha256,
                    receiptSignature,
                    updatedAt,
                    updatedBy,
                    updatedByMsp);
        }
    }
}
