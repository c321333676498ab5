package org.biotdm.gateway.ratelimit;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * Holds the {@code biotdm.rate-limits.*} settings: token buckets per signed-in person (API port), per device (device
 * port) and per client address for requests without either.
 *
 * @param enabled whether requests are limited at all
 * @param period the refill period the {@code *-per-second} rates are spread over: a bucket regains {@code
 *     <rate> * period-in-seconds} tokens per period (1s: plain per-second rates)
 * @param userPerSecond requests per second a person may sustain
 * @param userBurst requests a person may send at once after a pause
 * @param devicePerSecond requests per second a device may sustain (a telemetry batch, a command poll...)
 * @param deviceBurst requests a device may send at once after a pause
 * @param anonymousPerSecond requests per second one client address may sustain without a person or device
 * @param anonymousBurst requests one address may send at once without a person or device
 */
@ConfigurationProperties("biotdm.rate-limits")
public record RateLimitConfiguration(
        @Bindable(defaultValue = "true") boolean enabled,
        @Bindable(defaultValue = "1s") Duration period,
        @Bindable(defaultValue = "20") int userPerSecond,
        @Bindable(defaultValue = "100") int userBurst,
        @Bindable(defaultValue = "20") int devicePerSecond,
        @Bindable(defaultValue = "100") int deviceBurst,
        @Bindable(defaultValue = "20") int anonymousPerSecond,
        @Bindable(defaultValue = "100") int anonymousBurst) {}
