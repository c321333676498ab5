package org.biotdm.gateway.ratelimit;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.annotation.Nullable;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.biotdm.gateway.config.DurationMin;

/**
 * Holds the {@code biotdm.rate-limits.*} settings: token buckets of requests per signed-in person (API port), per
 * device (device port) and per client address for requests without either, and of telemetry readings per device; and
 * which proxies may tell the client address.
 *
 * <p>Defaults are in {@code application.yml} (1 s period, 20 requests per second and bursts of 100 for each kind;
 * 10 000 readings per second and bursts of 20 000 per device);
 * the record is created at startup
 * ({@code @Context}), so a missing or out-of-range setting stops it.
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
 * @param deviceReadingsPerSecond telemetry readings per second a device may sustain, whatever the number of batches
 * @param deviceReadingsBurst telemetry readings a device may send at once after a pause; a batch with more readings
 *     passes only with a full bucket
 * @param trustedProxies the proxies (load balancers) whose forwarding headers are believed, as CIDR blocks ({@code
 *     10.0.0.0/8}, {@code 2001:db8::/32}) or single addresses; empty by default: every per-address limit (anonymous
 *     requests, sign-in attempts) then keys on the connection's address. See {@link ClientAddresses}
 */
@Context
@ConfigurationProperties("biotdm.rate-limits")
public record RateLimitConfiguration(
        boolean enabled,
        @NotNull @DurationMin(1) Duration period,
        @Min(1) int userPerSecond,
        @Min(1) int userBurst,
        @Min(1) int devicePerSecond,
        @Min(1) int deviceBurst,
        @Min(1) int anonymousPerSecond,
        @Min(1) int anonymousBurst,
        @Min(1) int deviceReadingsPerSecond,
        @Min(1) int deviceReadingsBurst,
        @Nullable List<String> trustedProxies) {

    /**
     * Copies the proxy list; an absent one is empty.
     *
     * @param enabled see the record description
     * @param period see the record description
     * @param userPerSecond see the record description
     * @param userBurst see the record description
     * @param devicePerSecond see the record description
     * @param deviceBurst see the record description
     * @param anonymousPerSecond see the record description
     * @param anonymousBurst see the record description
     * @param deviceReadingsPerSecond see the record description
     * @param deviceReadingsBurst see the record description
     * @param trustedProxies see the record description
     */
    public RateLimitConfiguration {
        trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
    }
}
