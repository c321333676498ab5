package org.biotdm.gateway.live;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/** Holds the {@code biotdm.live.*} settings of the {@code /ws/events} WebSocket. */
@ConfigurationProperties("biotdm.live")
public class LiveConfiguration {
    /** What happens when a session's queue is full because the client reads too slowly. */
    public enum SlowSessionPolicy {
        /** Drop the oldest queued message, count it, and tell the client how many were dropped. */
        DROP_OLDEST,
        /** Close the session with code 4008 and reason {@code LIVE_SLOW_CONSUMER}. */
        CLOSE
    }

    private int sessionQueueCapacity = 256;
    private int dispatchQueueCapacity = 10_000;
    private SlowSessionPolicy slowSessionPolicy = SlowSessionPolicy.DROP_OLDEST;
    private Duration telemetrySummaryInterval = Duration.ofSeconds(1);
    private int telemetryQueueCapacity = 10_000;

    /**
     * Returns how many messages wait for one slow session at most.
     *
     * @return 256 by default
     */
    public int getSessionQueueCapacity() {
        return sessionQueueCapacity;
    }

    /**
     * Sets the per-session queue size.
     *
     * @param sessionQueueCapacity messages
     */
    public void setSessionQueueCapacity(int sessionQueueCapacity) {
        this.sessionQueueCapacity = sessionQueueCapacity;
    }

    /**
     * Returns how many published events wait for the dispatcher at most (the oldest is dropped beyond).
     *
     * @return 10000 by default
     */
    public int getDispatchQueueCapacity() {
        return dispatchQueueCapacity;
    }

    /**
     * Sets the dispatch queue size.
     *
     * @param dispatchQueueCapacity events
     */
    public void setDispatchQueueCapacity(int dispatchQueueCapacity) {
        this.dispatchQueueCapacity = dispatchQueueCapacity;
    }

    /**
     * Returns what happens to a session whose queue is full.
     *
     * @return {@code DROP_OLDEST} by default
     */
    public SlowSessionPolicy getSlowSessionPolicy() {
        return slowSessionPolicy;
    }

    /**
     * Sets the slow-session policy.
     *
     * @param slowSessionPolicy the policy
     */
    public void setSlowSessionPolicy(SlowSessionPolicy slowSessionPolicy) {
        this.slowSessionPolicy = slowSessionPolicy;
    }

    /**
     * Returns how often telemetry summaries are published; each device gets at most one per interval.
     *
     * @return 1 s by default
     */
    public Duration getTelemetrySummaryInterval() {
        return telemetrySummaryInterval;
    }

    /**
     * Sets the telemetry summary interval.
     *
     * @param telemetrySummaryInterval the interval
     */
    public void setTelemetrySummaryInterval(Duration telemetrySummaryInterval) {
        this.telemetrySummaryInterval = telemetrySummaryInterval;
    }

    /**
     * Returns how many committed telemetry groups wait for summarising at most (more are dropped and counted).
     *
     * @return 10000 by default
     */
    public int getTelemetryQueueCapacity() {
        return telemetryQueueCapacity;
    }

    /**
     * Sets the telemetry summary queue size.
     *
     * @param telemetryQueueCapacity groups
     */
    public void setTelemetryQueueCapacity(int telemetryQueueCapacity) {
        this.telemetryQueueCapacity = telemetryQueueCapacity;
    }
}
