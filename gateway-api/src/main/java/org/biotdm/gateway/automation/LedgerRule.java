package org.biotdm.gateway.automation;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * An automation rule exactly as the chaincode's {@code rules} contract returns it.
 *
 * @param ruleId the rule ID
 * @param ownerMsp the owner organisation
 * @param description free text, or null
 * @param condition the condition
 * @param action the action, its parameters as canonical JSON text with their SHA-256
 * @param cooldownSeconds the least time between two firings, seconds
 * @param enabled whether it may fire
 * @param endorsingMsps the organisations whose peers must endorse the rule's next write
 * @param createdAt registration time, epoch ms
 * @param updatedAt last write, epoch ms
 * @param updatedBy the last writer's Fabric ID
 * @param updatedByMsp the last writer's MSP ID
 */
@Serdeable
public record LedgerRule(
        String ruleId,
        String ownerMsp,
        @Nullable String description,
        RuleConditionBody condition,
        Action action,
        long cooldownSeconds,
        boolean enabled,
        List<String> endorsingMsps,
        long createdAt,
        long updatedAt,
        @Nullable String updatedBy,
        @Nullable String updatedByMsp) {
    /**
     * Copies the list.
     *
     * @param ruleId the rule ID
     * @param ownerMsp the owner
     * @param description the description
     * @param condition the condition
     * @param action the action
     * @param cooldownSeconds the cooldown
     * @param enabled the flag
     * @param endorsingMsps the endorsing organisations
     * @param createdAt registration time
     * @param updatedAt last write
     * @param updatedBy last writer
     * @param updatedByMsp last writer's MSP
     */
    public LedgerRule {
        endorsingMsps = endorsingMsps == null ? List.of() : List.copyOf(endorsingMsps);
    }

    /**
     * A rule's action as stored.
     *
     * @param commandType the command type
     * @param parameters the canonical JSON text of the parameters object
     * @param parametersSha256 SHA-256 of {@code parameters}' UTF-8 bytes, lower-case hex
     * @param deviceId the target device, or null
     * @param groupId the target group, or null
     */
    @Serdeable
    public record Action(
            String commandType,
            String parameters,
            String parametersSha256,
            @Nullable String deviceId,
            @Nullable String groupId) {}
}
