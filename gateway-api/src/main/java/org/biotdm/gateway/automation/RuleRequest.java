package org.biotdm.gateway.automation;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.biotdm.gateway.error.InputRules;

/**
 * {@code POST /api/v1/automation/rules} and {@code PUT /api/v1/automation/rules/{ruleId}}: a rule of the caller's
 * organisation. On PUT the path names the rule and {@code ruleId} must be absent or equal.
 *
 * @param ruleId the rule ID ({@code [A-Za-z0-9][A-Za-z0-9._-]{0,63}}), or null on PUT
 * @param description free text of at most 256 characters, or null
 * @param condition when the rule fires
 * @param action what it issues
 * @param cooldownSeconds the least time between two firings, 0 to 604800 seconds
 * @param enabled whether it may fire (default true on POST, unchanged on PUT), or null
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = false)
public record RuleRequest(
        @Nullable @Pattern(regexp = InputRules.ID, message = InputRules.ID_MESSAGE) String ruleId,
        @Nullable @Size(max = 256) String description,
        @NotNull @Valid RuleConditionBody condition,
        @NotNull @Valid RuleActionBody action,
        @NotNull @Min(0) @Max(604_800) Long cooldownSeconds,
        @Nullable Boolean enabled) {}
