package org.biotdm.gateway.ratelimit;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.function.LongSupplier;
import org.biotdm.gateway.error.ApiException;
import org.biotdm.gateway.error.ErrorCode;

/**
 * Limits the telemetry readings each device may send per second, whatever the number of requests they come in: a
 * token bucket of {@code biotdm.rate-limits.device-readings-burst} readings per device, refilled with {@code
 * device-readings-per-second} readings per second. Ingest charges a batch's readings after parsing and before the
 * signature check and the writer queue, so a flooding device costs neither a signature verification nor a place in
 * the shared group commit once its budget is spent. A batch larger than the burst is charged the whole burst (it
 * passes only with a full bucket). Buckets are kept in a bounded {@link TokenBuckets} table; in memory per instance.
 */
@Singleton
public class ReadingRateLimiter {
    /** The most devices whose buckets are kept at once. */
    static final int MAX_TRACKED = 200_000;

    private final RateLimitConfiguration configuration;
    private final TokenBuckets buckets;
    private final TokenBuckets.Limit limit;

    /**
     * Creates the limiter.
     *
     * @param configuration the limits ({@code enabled}, {@code period}, {@code device-readings-*})
     */
    @Inject
    public ReadingRateLimiter(RateLimitConfiguration configuration) {
        this(configuration, System::nanoTime);
    }

    ReadingRateLimiter(RateLimitConfiguration configuration, LongSupplier nanos) {
        this.configuration = configuration;
        this.limit = TokenBuckets.Limit.perSecond(
                configuration.period(), configuration.deviceReadingsPerSecond(), configuration.deviceReadingsBurst());
        this.buckets = new TokenBuckets(MAX_TRACKED, limit.refillTime(), nanos);
    }

    /**
     * Charges a device for a batch's readings.
     *
     * @param deviceId the device, as its client certificate identified it
     * @param readings the batch's reading count, at least 0
     * @throws ApiException 429 {@code RATE_LIMITED} with {@code Retry-After} (seconds until the batch would fit) when
     *     the device's budget is spent; nothing is charged then
     */
    public void charge(String deviceId, int readings) {
        if (!configuration.enabled() || readings <= 0) {
            return;
        }
        long wait = buckets.take(deviceId, Math.min(readings, limit.capacity()), limit);
        if (wait > 0) {
            throw new ApiException(
                    ErrorCode.RATE_LIMITED,
                    "Too many readings from this device; retry in " + wait + " s",
                    null,
                    wait,
                    null);
        }
    }
}
