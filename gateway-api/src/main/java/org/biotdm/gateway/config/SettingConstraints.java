package org.biotdm.gateway.config;

import io.micronaut.context.BeanLocator;
import io.micronaut.context.annotation.Factory;
import io.micronaut.validation.validator.constraints.ConstraintValidator;
import jakarta.inject.Singleton;

/** Provides the validator of {@link AtMostSetting} to Micronaut's Bean Validation. */
@Factory
final class SettingConstraints {
    /**
     * Returns the {@link AtMostSetting} check: null passes (that is {@code @NotNull}'s job), otherwise the number must
     * not exceed the setting's value; the violation reads {@code must be at most <bound> (<setting>)}.
     *
     * @param beans where the settings records are
     * @return the validator
     */
    @Singleton
    public ConstraintValidator<AtMostSetting, Number> atMostSettingValidator(BeanLocator beans) {
        return (value, annotation, context) -> {
            if (value == null) {
                return true;
            }
            SettingBound bound =
                    annotation.enumValue("value", SettingBound.class).orElseThrow();
            long max = bound.value(beans);
            if (value.longValue() <= max) {
                return true;
            }
            context.messageTemplate("must be at most " + max + " (" + bound.setting() + ")");
            return false;
        };
    }
}
