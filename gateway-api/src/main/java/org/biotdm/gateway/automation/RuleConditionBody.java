package org.biotdm.gateway.automation;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.biotdm.gateway.error.InputRules;

/**
 * A rule's condition, as the chaincode stores it and the API takes it: {@code metric} (a reading of {@code sensor}
 * compares true with {@code threshold}) or {@code alert} (an alert of gateway alert rule {@code alertRuleId}, or of
 * kind {@code threshold}/{@code anomaly}, is raised), for one device or the members of one group. The chaincode checks
 * the combination (exactly one of device and group; the fields of the kind only).
 *
 * @param kind {@code metric} or {@code alert}
 * @param sensor the sensor (metric), or null
 * @param comparison one of {@code > >= < <= == !=} (metric), or null
 * @param threshold the threshold as a decimal string, at most 32 characters (metric), or null
 * @param alertRuleId the gateway alert rule (alert), or null
 * @param alertKind {@code threshold} or {@code anomaly} (alert), or null
 * @param deviceId the watched device, or null
 * @param groupId the watched group, or null
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RuleConditionBody(
        @NotNull @Pattern(regexp = "metric|alert", message = "must be metric or alert") String kind,
        @Nullable @Pattern(regexp = InputRules.ID, message = InputRules.ID_MESSAGE) String sensor,
        @Nullable @Pattern(regexp = ">|>=|<|<=|==|!=", message = "must be one of > >= < <= == !=") String comparison,
        @Nullable @Size(max = 32) @Pattern(regexp = "-?[0-9]+(\\.[0-9]+)?", message = "must be a decimal number")
                String threshold,
        @Nullable @Pattern(regexp = InputRules.ID, message = InputRules.ID_MESSAGE) String alertRuleId,
        @Nullable @Pattern(regexp = "threshold|anomaly", message = "must be threshold or anomaly") String alertKind,
        @Nullable @Pattern(regexp = InputRules.ID, message = InputRules.ID_MESSAGE) String deviceId,
        @Nullable @Pattern(regexp = InputRules.ID, message = InputRules.ID_MESSAGE) String groupId) {}
