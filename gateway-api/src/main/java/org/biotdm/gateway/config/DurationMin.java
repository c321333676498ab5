package org.biotdm.gateway.config;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * Constrains a {@link java.time.Duration} setting to at least {@link #value()} milliseconds: {@code @DurationMin(0)}
 * refuses a negative duration, {@code @DurationMin(1)} also zero. A null duration is left to {@code @NotNull}. Checked
 * by {@link DurationConstraints}.
 */
@Documented
@Retention(RUNTIME)
@Target({FIELD, METHOD, PARAMETER, RECORD_COMPONENT})
@Constraint(validatedBy = {})
public @interface DurationMin {
    /**
     * Returns the shortest accepted duration.
     *
     * @return milliseconds, at least 0
     */
    long value();

    /**
     * Returns the violation message.
     *
     * @return the message template; {@code {value}} is the bound
     */
    String message() default "must be at least {value} ms";

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
