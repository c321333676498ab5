package org.biotdm.gateway.config;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Constrains a request parameter to at most the value of a setting ({@link SettingBound}), so a bound that operators
 * configure is still checked at the API's edge by Bean Validation, with the one {@code INVALID_ARGUMENT} answer naming
 * the parameter, rather than in a service. A null value is left to {@code @NotNull}. Checked by {@link
 * SettingConstraints}; the violation message names the bound and its setting, such as {@code must be at most 200
 * (biotdm.alerts.max-page-size)}.
 */
@Documented
@Retention(RUNTIME)
@Target({FIELD, PARAMETER})
@Constraint(validatedBy = {})
public @interface AtMostSetting {
    /**
     * Returns the setting that bounds the value.
     *
     * @return the setting
     */
    SettingBound value();

    /**
     * Returns the violation message; {@link SettingConstraints} replaces it with one that names the bound.
     *
     * @return the message template
     */
    String message() default "must be at most the configured bound";

    /**
     * Returns the validation groups.
     *
     * @return none by default
     */
    Class<?>[] groups() default {};

    /**
     * Returns the payload.
     *
     * @return none by default
     */
    Class<? extends Payload>[] payload() default {};
}
