package org.biotdm.gateway.alert;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.biotdm.gateway.error.InputRules;

/**
 * The body of {@code POST /api/v1/alert-rules} and {@code PUT /api/v1/alert-rules/{ruleId}}. Unknown fields are
 * refused.
 *
 * @param name a free label, at most 128 characters, or null
 * @param scope {@code device}, {@code group} or {@code fleet} (every device of the admin's organisation)
 * @param deviceId the device, required for scope {@code device} and absent otherwise; it must be owned by the
 *     admin's organisation
 * @param group the device group, required for scope {@code group} and absent otherwise
 * @param sensor the sensor name ({@link org.biotdm.protocol.name.SensorNames})
 * @param comparison {@code >}, {@code >=}, {@code <}, {@code <=}, {@code ==} or {@code !=}
 * @param value the threshold, a finite number in the sensor's unit
 * @param consecutive readings in a row that must match, 1 to 1000; absent for 1
 * @param severity {@code info}, {@code warning} or {@code critical}
 * @param enabled false to store the rule without evaluating it; absent for true
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = false)
public record AlertRuleRequest(
        @Nullable @Size(min = 1, max = 128) @Pattern(regexp = InputRules.NOT_BLANK, message = "must not be blank")
                String name,
        @Nullable @NotNull String scope,
        @Nullable @Pattern(regexp = InputRules.ID, message = InputRules.ID_MESSAGE) String deviceId,
        @Nullable @Pattern(regexp = InputRules.ID, message = InputRules.ID_MESSAGE) String group,
        @Nullable @NotNull @Size(min = 1, max = 64) String sensor,
        @Nullable @NotNull String comparison,
        @Nullable @NotNull Double value,
        @Nullable @Min(1) @Max(1000) Integer consecutive,
        @Nullable @NotNull String severity,
        @Nullable Boolean enabled) {}
