package org.biotdm.gateway.config;

import io.micronaut.context.annotation.Factory;
import io.micronaut.validation.validator.constraints.ConstraintValidator;
import jakarta.inject.Singleton;
import java.time.Duration;

/** Provides the validator of {@link DurationMin} to Micronaut's Bean Validation. */
@Factory
final class DurationConstraints {
    /**
     * Returns the {@link DurationMin} check: null passes (that is {@code @NotNull}'s job), otherwise the duration must
     * be at least the bound in milliseconds.
     *
     * @return the validator
     */
    @Singleton
    public ConstraintValidator<DurationMin, Duration> durationMinValidator() {
        return (value, annotation, context) ->
                value == null || value.toMillis() >= annotation.longValue().orElse(0L);
    }
}
