package org.biotdm.gateway.alert;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * A threshold rule as the API shows it.
 *
 * @param ruleId the rule's ID
 * @param ownerMsp the organisation whose devices it watches
 * @param name the label, or null
 * @param scope {@code device}, {@code group} or {@code fleet}
 * @param deviceId the watched device (scope {@code device}), else null
 * @param group the watched device group (scope {@code group}), else null
 * @param sensor the sensor name
 * @param comparison the operator, for example {@code >=}
 * @param value the threshold
 * @param consecutive readings in a row that must match
 * @param severity {@code info}, {@code warning} or {@code critical}
 * @param enabled whether it is evaluated
 * @param createdBy the admin's username
 * @param createdAt creation time, epoch ms
 * @param updatedAt last change, epoch ms
 */
@Serdeable
public record AlertRuleResponse(
        String ruleId,
        String ownerMsp,
        @Nullable String name,
        String scope,
        @Nullable String deviceId,
        @Nullable String group,
        String sensor,
        String comparison,
        double value,
        int consecutive,
        String severity,
        boolean enabled,
        String createdBy,
        long createdAt,
        long updatedAt) {

    /**
     * Describes a rule.
     *
     * @param rule the rule
     * @return its API form
     */
    public static AlertRuleResponse of(AlertRule rule) {
        return new AlertRuleResponse(
                rule.ruleId(),
                rule.ownerMsp(),
                rule.name(),
                rule.scope().value(),
                rule.scope() == RuleScope.DEVICE ? rule.target() : null,
                rule.scope() == RuleScope.GROUP ? rule.target() : null,
                rule.sensor(),
                rule.comparison().symbol(),
                rule.threshold(),
                rule.consecutive(),
                rule.severity().value(),
                rule.enabled(),
                rule.createdBy(),
                rule.createdAt(),
                rule.updatedAt());
    }
}
