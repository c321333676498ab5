package org.biotdm.gateway.ratelimit;

import com.google.common.base.Ticker;
import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * A bounded table of token buckets (Bucket4j, greedy refill) keyed by caller: at most {@value #MAX_TRACKED} buckets,
 * the least recently used evicted first, and each dropped once it has been idle long enough to have refilled (a new
 * bucket is full, so dropping it then changes nothing). Thread-safe.
 */
final class TokenBuckets {
    /** The most buckets kept at once. */
    static final int MAX_TRACKED = 200_000;

    private final Duration period;
    private final TimeMeter meter;
    private final Cache<String, Bucket> buckets;

    /**
     * Creates an empty table.
     *
     * @param period the refill period; a bucket regains {@code perSecond * period-in-seconds} tokens per period
     * @param idle how long a bucket is kept without use; at least the longest time any bucket needs to refill
     * @param nanos the clock, nanoseconds (tests move it by hand)
     */
    TokenBuckets(Duration period, Duration idle, LongSupplier nanos) {
        this.period = period;
        this.meter = new Meter(nanos);
        this.buckets = CacheBuilder.newBuilder()
                .maximumSize(MAX_TRACKED)
                .expireAfterAccess(idle)
                .ticker(new Ticker() {
                    @Override
                    public long read() {
                        return nanos.getAsLong();
                    }
                })
                .build();
    }

    /**
     * Returns how long an empty bucket of these settings takes to fill, rounded up to whole periods.
     *
     * @param period the refill period
     * @param perSecond tokens regained per second, at least 1
     * @param burst the bucket's capacity, at least 1
     * @return the time to refill from empty to full
     */
    static Duration refillTime(Duration period, int perSecond, int burst) {
        long perPeriod = refillPerPeriod(period, perSecond);
        return period.multipliedBy((burst + perPeriod - 1) / perPeriod);
    }

    /**
     * Takes tokens from a caller's bucket, creating a full one for a new caller.
     *
     * @param key the caller
     * @param tokens the tokens to take, 1 to {@code burst}
     * @param perSecond tokens regained per second, at least 1
     * @param burst the bucket's capacity, at least 1
     * @return 0 when the tokens were taken, otherwise the whole seconds (at least 1) until they would fit; nothing is
     *     taken then
     */
    long take(String key, long tokens, int perSecond, int burst) {
        ConsumptionProbe probe = bucket(key, perSecond, burst).tryConsumeAndReturnRemaining(tokens);
        if (probe.isConsumed()) {
            return 0;
        }
        return Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill() + 999_999_999L));
    }

    private Bucket bucket(String key, int perSecond, int burst) {
        try {
            return buckets.get(key, () -> Bucket.builder()
                    .withCustomTimePrecision(meter)
                    .addLimit(Bandwidth.builder()
                            .capacity(burst)
                            .refillGreedy(refillPerPeriod(period, perSecond), period)
                            .build())
                    .build());
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot create a token bucket", e);
        }
    }

    private static long refillPerPeriod(Duration period, int perSecond) {
        return Math.max(1, (long) perSecond * Math.max(1, period.toSeconds()));
    }

    /** Bucket4j's clock on top of the table's. */
    private record Meter(LongSupplier nanos) implements TimeMeter {
        @Override
        public long currentTimeNanos() {
            return nanos.getAsLong();
        }

        @Override
        public boolean isWallClockBased() {
            return false;
        }
    }
}
