package org.biotdm.gateway.automation;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/**
 * Settings of the automation rule evaluator, under {@code biotdm.automation}; defaults are in {@code application.yml}.
 *
 * @param enabled whether this instance evaluates rules and issues their commands; the routes work either way
 * @param queueCapacity how many committed groups and raised alerts may wait for evaluation; 1 or more
 * @param maxRules the most rules of this organisation held in memory and evaluated; 1 to 10 000
 * @param identityName the enrolment ID of the automation identity ({@code biotdm.role=automation})
 */
@Context
@ConfigurationProperties("biotdm.automation")
record AutomationConfiguration(
        boolean enabled,
        @Min(1) int queueCapacity,
        @Min(1) @Max(10_000) int maxRules,
        @NotBlank @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}") String identityName) {}
