package org.biotdm.chaincode.automation;

import com.owlike.genson.annotation.JsonProperty;
import java.util.List;
import org.biotdm.chaincode.support.Tx;
import org.hyperledger.fabric.contract.annotation.DataType;
import org.hyperledger.fabric.contract.annotation.Property;

/**
 * Holds an automation rule, stored as sorted JSON under {@code biotdm.rule/<ruleId>}: when {@code condition} holds,
 * the owner's automation identity may issue {@code action} at most once per {@code cooldownSeconds} (the gateway keeps
 * the cooldown), while {@code enabled}. {@code endorsingMsps} are the organisations the rule key's policy names for
 * its next write: the owner, plus the co-endorsing grant holders of the groups the rule names.
 */
@DataType
public final class AutomationRule {
    @Property
    private final String ruleId;

    @Property
    private final String ownerMsp;

    @Property
    private final String description;

    @Property
    private final RuleCondition condition;

    @Property
    private final RuleAction action;

    @Property
    private final long cooldownSeconds;

    @Property
    private final boolean enabled;

    @Property
    private final List<String> endorsingMsps;

    @Property
    private final long createdAt;

    @Property
    private final long updatedAt;

    @Property
    private final String updatedBy;

    @Property
    private final String updatedByMsp;

    /**
     * Creates a record; Genson uses this constructor to read stored records.
     *
     * @param ruleId the rule id, unique on the channel
     * @param ownerMsp the owner organisation's MSP ID
     * @param description free text, or {@code null}
     * @param condition the condition
     * @param action the action
     * @param cooldownSeconds the least time between two firings, seconds
     * @param enabled whether the rule authorises commands
     * @param endorsingMsps the MSP IDs the rule key's policy requires, sorted
     * @param createdAt when the rule was registered, epoch milliseconds
     * @param updatedAt when the record was last written, epoch milliseconds
     * @param updatedBy the Fabric id of the last writer
     * @param updatedByMsp the MSP ID of the last writer
     */
    public AutomationRule(
            @JsonProperty("ruleId") final String ruleId,
            @JsonProperty("ownerMsp") final String ownerMsp,
            @JsonProperty("description") final String description,
            @JsonProperty("condition") final RuleCondition condition,
            @JsonProperty("action") final RuleAction action,
            @JsonProperty("cooldownSeconds") final long cooldownSeconds,
            @JsonProperty("enabled") final boolean enabled,
            @JsonProperty("endorsingMsps") final List<String> endorsingMsps,
            @JsonProperty("createdAt") final long createdAt,
            @JsonProperty("updatedAt") final long updatedAt,
            @JsonProperty("updatedBy") final String updatedBy,
            @JsonProperty("updatedByMsp") final String updatedByMsp) {
        this.ruleId = ruleId;
        this.ownerMsp = ownerMsp;
        this.description = description;
        this.condition = condition;
        this.action = action;
        this.cooldownSeconds = cooldownSeconds;
        this.enabled = enabled;
        this.endorsingMsps = List.copyOf(endorsingMsps);
        this.createdAt = createdAt;
        this.updatedAt = updatedAt;
        this.updatedBy = updatedBy;
        this.updatedByMsp = updatedByMsp;
    }

    /**
     * Returns the rule as changed by the caller of this transaction.
     *
     * @param tx the transaction
     * @param request the validated request (its {@code enabled}, when absent, keeps the current value)
     * @param newEnabled the new enabled flag
     * @param msps the organisations the rule key's policy names after the write
     * @return the changed record
     */
    AutomationRule changed(final Tx tx, final RuleRequest request, final boolean newEnabled, final List<String> msps) {
        return new AutomationRule(
                ruleId,
                ownerMsp,
                request.description(),
                request.condition(),
                request.action(),
                request.cooldownSeconds(),
                newEnabled,
                msps,
                createdAt,
                tx.nowMillis(),
                tx.caller().id(),
                tx.caller().mspId());
    }

    /**
     * Returns the rule enabled or disabled by the caller of this transaction.
     *
     * @param tx the transaction
     * @param newEnabled the new flag
     * @param msps the organisations the rule key's policy names after the write
     * @return the changed record
     */
    AutomationRule withEnabled(final Tx tx, final boolean newEnabled, final List<String> msps) {
        return new AutomationRule(
                ruleId,
                ownerMsp,
                description,
                condition,
                action,
                cooldownSeconds,
                newEnabled,
                msps,
                createdAt,
                tx.nowMillis(),
                tx.caller().id(),
                tx.caller().mspId());
    }

    /**
     * Returns the rule id.
     *
     * @return the id
     */
    public String getRuleId() {
        return ruleId;
    }

    /**
     * Returns the owner organisation's MSP ID.
     *
     * @return the MSP ID
     */
    public String getOwnerMsp() {
        return ownerMsp;
    }

    /**
     * Returns the description.
     *
     * @return the text, or {@code null}
     */
    public String getDescription() {
        return description;
    }

    /**
     * Returns the condition.
     *
     * @return the condition
     */
    public RuleCondition getCondition() {
        return condition;
    }

    /**
     * Returns the action.
     *
     * @return the action
     */
    public RuleAction getAction() {
        return action;
    }

    /**
     * Returns the least time between two firings.
     *
     * @return seconds
     */
    public long getCooldownSeconds() {
        return cooldownSeconds;
    }

    /**
     * Tells whether the rule authorises commands.
     *
     * @return the flag
     */
    public boolean isEnabled() {
        return enabled;
    }

    /**
     * Returns the organisations whose peers must endorse the next write of the rule, sorted.
     *
     * @return the MSP IDs
     */
    public List<String> getEndorsingMsps() {
        return endorsingMsps;
    }

    /**
     * Returns when the rule was registered, epoch milliseconds.
     *
     * @return the time
     */
    public long getCreatedAt() {
        return createdAt;
    }

    /**
     * Returns when the record was last written, epoch milliseconds.
     *
     * @return the time
     */
    public long getUpdatedAt() {
        return updatedAt;
    }

    /**
     * Returns the Fabric id of the last writer.
     *
     * @return the id
     */
    public String getUpdatedBy() {
        return updatedBy;
    }

    /**
     * Returns the MSP ID of the last writer.
     *
     * @return the MSP ID
     */
    public String getUpdatedByMsp() {
        return updatedByMsp;
    }
}
