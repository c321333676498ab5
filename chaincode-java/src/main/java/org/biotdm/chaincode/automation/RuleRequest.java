package org.biotdm.chaincode.automation;

import com.owlike.genson.annotation.JsonProperty;
import org.biotdm.chaincode.support.Check;

/**
 * Reads the argument of RegisterRule and UpdateRule: {@code {"ruleId","description"?,"condition","action",
 * "cooldownSeconds","enabled"?}}; {@code cooldownSeconds} is 0 to {@value #MAX_COOLDOWN_SECONDS} (a week) and
 * {@code enabled} defaults to true on registration and to the current value on update. EnableRule and DisableRule
 * take {@code {"ruleId"}} only.
 */
public final class RuleRequest {
    /** Longest cooldown: seven days, in seconds. */
    public static final long MAX_COOLDOWN_SECONDS = 7L * 24 * 60 * 60;

    private final String ruleId;
    private final String description;
    private final RuleCondition condition;
    private final RuleAction action;
    private final Long cooldownSeconds;
    private final Boolean enabled;

    /**
     * Creates the request; Genson calls this constructor.
     *
     * @param ruleId the rule id
     * @param description free text, or {@code null}
     * @param condition the condition
     * @param action the action
     * @param cooldownSeconds the cooldown, seconds
     * @param enabled whether the rule is enabled, or {@code null}
     */
    public RuleRequest(
            @JsonProperty("ruleId") final String ruleId,
            @JsonProperty("description") final String description,
            @JsonProperty("condition") final RuleCondition condition,
            @JsonProperty("action") final RuleAction action,
            @JsonProperty("cooldownSeconds") final Long cooldownSeconds,
            @JsonProperty("enabled") final Boolean enabled) {
        this.ruleId = ruleId;
        this.description = description;
        this.condition = condition;
        this.action = action;
        this.cooldownSeconds = cooldownSeconds;
        this.enabled = enabled;
    }

    /**
     * Validates a RegisterRule or UpdateRule argument.
     *
     * @return the request with the action's parameters hash computed
     * @throws org.hyperledger.fabric.shim.ChaincodeException {@code INVALID_ARGUMENT}
     */
    RuleRequest forWrite() {
        Check.id("ruleId", ruleId);
        Check.text("description", description);
        Check.range("cooldownSeconds", cooldownSeconds, 0, MAX_COOLDOWN_SECONDS);
        return new RuleRequest(
                ruleId,
                description,
                RuleCondition.validated(condition),
                RuleAction.validated(action),
                cooldownSeconds,
                enabled);
    }

    /**
     * Validates an EnableRule or DisableRule argument.
     *
     * @return this request
     * @throws org.hyperledger.fabric.shim.ChaincodeException {@code INVALID_ARGUMENT}
     */
    RuleRequest forSwitch() {
        Check.id("ruleId", ruleId);
        if (description != null || condition != null || action != null || cooldownSeconds != null || enabled != null) {
            throw Check.invalid("ruleId", "is the only argument of this transaction");
        }
        return this;
    }

    String ruleId() {
        return ruleId;
    }

    String description() {
        return description;
    }

    RuleCondition condition() {
        return condition;
    }

    RuleAction action() {
        return action;
    }

    long cooldownSeconds() {
        return cooldownSeconds;
    }

    Boolean enabled() {
        return enabled;
    }
}
