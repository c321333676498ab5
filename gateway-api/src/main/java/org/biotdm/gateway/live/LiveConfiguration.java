package org.biotdm.gateway.live;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.biotdm.gateway.config.DurationMin;

/**
 * Holds the {@code biotdm.live.*} settings of the {@code /ws/events} WebSocket.
 *
 * <p>Defaults are in {@code application.yml}; the record is created at startup
 * ({@code @Context}), so a missing or out-of-range setting stops it.
 *
 * @param sessionQueueCapacity how many messages wait for one slow session at most; 256 by default
 * @param dispatchQueueCapacity how many published events wait for the dispatcher at most (the oldest is dropped
 *     beyond); 10000 by default
 * @param slowSessionPolicy what happens to a session whose queue is full; {@code DROP_OLDEST} by default
 * @param telemetrySummaryInterval how often telemetry summaries are published; each device gets at most one per
 *     interval; 1 s by default
 * @param telemetryQueueCapacity how many committed telemetry groups wait for summarising at most (more are dropped and
 *     counted); 10000 by default
 * @param maxSessionsPerUser how many {@code /ws/events} sessions one person may hold at once; opening one more closes
 *     their oldest (code 4029); 5 by default
 */
@Context
@ConfigurationProperties("biotdm.live")
public record LiveConfiguration(
        @Min(1) int sessionQueueCapacity,
        @Min(1) int dispatchQueueCapacity,
        @NotNull SlowSessionPolicy slowSessionPolicy,
        @NotNull @DurationMin(0) Duration telemetrySummaryInterval,
        @Min(1) int telemetryQueueCapacity,
        @Min(1) int maxSessionsPerUser) {
    /** What happens when a session's queue is full because the client reads too slowly. */
    public enum SlowSessionPolicy {
        /** Drop the oldest queued message, count it, and tell the client how many were dropped. */
        DROP_OLDEST,
        /** Close the session with code 4008 and reason {@code LIVE_SLOW_CONSUMER}. */
        CLOSE
    }
}
