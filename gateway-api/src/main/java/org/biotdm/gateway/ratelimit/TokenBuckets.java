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
 * A bounded table of token buckets (Bucket4j, greedy refill) keyed by caller: at most {@code maxTracked} buckets, the
 * least recently used evicted first, and each dropped once it has been idle long enough to have refilled (a new bucket
 * is full, so dropping it then changes nothing). The one bucket store of the gateway: request rates, readings per
 * device and sign-in attempts all keep their buckets in one of these. Thread-safe.
 */
public final class TokenBuckets {
    private final TimeMeter meter;
    private final Cache<String, Bucket> buckets;

    /**
     * Creates an empty table.
     *
     * @param maxTracked the most buckets kept at once, at least 1
     * @param idle how long a bucket is kept without use; at least the longest {@link Limit#refillTime()} of the limits
     *     its buckets are created with
     * @param nanos the clock, nanoseconds (tests move it by hand)
     */
    public TokenBuckets(int maxTracked, Duration idle, LongSupplier nanos) {
        this.meter = new Meter(nanos);
        this.buckets = CacheBuilder.newBuilder()
                .maximumSize(maxTracked)
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
     * Takes tokens from a caller's bucket, creating a full one with the given limit for a new caller (a key keeps the
     * limit its bucket was created with).
     *
     * @param key the caller
     * @param tokens the tokens to take, 1 to the limit's capacity
     * @param limit the bucket's capacity and refill
     * @return 0 when the tokens were taken, otherwise the whole seconds (at least 1) until they would fit; nothing is
     *     taken then
     */
    public long take(String key, long tokens, Limit limit) {
        ConsumptionProbe probe = bucket(key, limit).tryConsumeAndReturnRemaining(tokens);
        if (probe.isConsumed()) {
            return 0;
        }
        return Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill() + 999_999_999L));
    }

    /**
     * Gives tokens back to a caller's bucket (never beyond its capacity); nothing happens when the bucket is gone.
     *
     * @param key the caller
     * @param tokens the tokens to give back, at least 1
     */
    public void giveBack(String key, long tokens) {
        Bucket bucket = buckets.getIfPresent(key);
        if (bucket != null) {
            bucket.addTokens(tokens);
        }
    }

    /**
     * Tells whether a caller has a bucket now.
     *
     * @param key the caller
     * @return true when one is kept
     */
    public boolean tracks(String key) {
        return buckets.getIfPresent(key) != null;
    }

    /**
     * Returns how many buckets are kept now, after dropping idle ones.
     *
     * @return the number of buckets
     */
    public long tracked() {
        buckets.cleanUp();
        return buckets.size();
    }

    private Bucket bucket(String key, Limit limit) {
        try {
            return buckets.get(key, () -> Bucket.builder()
                    .withCustomTimePrecision(meter)
                    .addLimit(Bandwidth.builder()
                            .capacity(limit.capacity())
                            .refillGreedy(limit.refill(), limit.every())
                            .build())
                    .build());
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot create a token bucket", e);
        }
    }

    /**
     * A bucket's size and refill: it holds at most {@code capacity} tokens and regains {@code refill} tokens every
     * {@code every}, spread evenly (greedy refill).
     *
     * @param capacity the most tokens, at least 1
     * @param refill tokens regained per {@code every}, at least 1
     * @param every the refill period, at least 1 ms
     */
    public record Limit(long capacity, long refill, Duration every) {
        /**
         * Returns the limit of a per-second rate spread over a refill period.
         *
         * @param period the refill period; the bucket regains {@code perSecond * period-in-seconds} tokens per period
         * @param perSecond tokens regained per second, at least 1
         * @param burst the capacity, at least 1
         * @return the limit
         */
        public static Limit perSecond(Duration period, int perSecond, int burst) {
            return new Limit(burst, Math.max(1, (long) perSecond * Math.max(1, period.toSeconds())), period);
        }

        /**
         * Returns how long an empty bucket takes to fill, rounded up to whole refill periods.
         *
         * @return the time to refill from empty to full
         */
        public Duration refillTime() {
            return every.multipliedBy((capacity + refill - 1) / refill);
        }
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
