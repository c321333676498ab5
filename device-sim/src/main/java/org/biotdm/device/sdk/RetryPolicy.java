package org.biotdm.device.sdk;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * When to retry a failed request: exponential backoff with jitter, never sooner than the gateway's {@code
 * Retry-After}.
 *
 * <p>After the n-th failed attempt (n &ge; 1) the base delay is {@code min(maxDelay, initialDelay · multiplier^(n−1))};
 * the actual delay is drawn uniformly from {@code [base/2, base]} ("equal jitter", so a fleet that failed together
 * does not retry together, and no retry comes immediately); when the answer carried {@code Retry-After} (429, 503)
 * the delay is at least that, capped at {@code maxRetryAfter}. Immutable and thread-safe.
 */
public final class RetryPolicy {
    private final Duration initialDelay;
    private final Duration maxDelay;
    private final double multiplier;
    private final int maxAttempts;
    private final Duration maxRetryAfter;
    private final DoubleSupplier random;

    private RetryPolicy(Builder builder) {
        this.initialDelay = builder.initialDelay;
        this.maxDelay = builder.maxDelay;
        this.multiplier = builder.multiplier;
        this.maxAttempts = builder.maxAttempts;
        this.maxRetryAfter = builder.maxRetryAfter;
        this.random = builder.random;
    }

    /**
     * Returns the default policy: 250 ms doubling up to 30 s, unlimited attempts, {@code Retry-After} honoured up to
     * 10 minutes.
     *
     * @return the policy
     */
    public static RetryPolicy defaults() {
        return builder().build();
    }

    /**
     * Starts a policy from the defaults.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Tells whether another attempt may follow.
     *
     * @param failedAttempts how many attempts failed so far
     * @return true while under the attempt limit (always with no limit)
     */
    public boolean allowsRetry(int failedAttempts) {
        return maxAttempts == 0 || failedAttempts < maxAttempts;
    }

    /**
     * Computes the wait before the next attempt.
     *
     * @param failedAttempts how many attempts failed so far, at least 1
     * @param retryAfter the gateway's {@code Retry-After}, or null
     * @return the delay
     */
    public Duration delay(int failedAttempts, Duration retryAfter) {
        double base = Math.min(
                maxDelay.toMillis(), initialDelay.toMillis() * Math.pow(multiplier, Math.max(0, failedAttempts - 1)));
        long jittered = (long) (base / 2 + random.getAsDouble() * base / 2);
        if (retryAfter != null) {
            long asked = Math.min(retryAfter.toMillis(), maxRetryAfter.toMillis());
            jittered = Math.max(jittered, asked);
        }
        return Duration.ofMillis(jittered);
    }

    /**
     * Tells whether an HTTP status means "try the same request again later" for an idempotent request (telemetry
     * batches, receipts): 408, 425, 429, 500, 502, 503 and 504.
     *
     * @param status the status
     * @return true when retrying may succeed
     */
    public static boolean retryableStatus(int status) {
        return status == 408 || status == 425 || status == 429 || status == 500 || status >= 502 && status <= 504;
    }

    /**
     * Parses a {@code Retry-After} header (RFC 9110 §10.2.3): delay-seconds or an HTTP date.
     *
     * @param header the header value, or null
     * @param nowMillis the current time, epoch ms, for an HTTP date
     * @return the delay (zero for a date in the past), or null when absent or unreadable
     */
    public static Duration parseRetryAfter(String header, long nowMillis) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.trim();
        try {
            long seconds = Long.parseLong(value);
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException notSeconds) {
            try {
                long at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant()
                        .toEpochMilli();
                return Duration.ofMillis(Math.max(0, at - nowMillis));
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }

    /** Builds a {@link RetryPolicy}. */
    public static final class Builder {
        private Duration initialDelay = Duration.ofMillis(250);
        private Duration maxDelay = Duration.ofSeconds(30);
        private double multiplier = 2.0;
        private int maxAttempts;
        private Duration maxRetryAfter = Duration.ofMinutes(10);
        private DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();

        private Builder() {}

        /**
         * Sets the delay after the first failure.
         *
         * @param delay a positive delay (default 250 ms)
         * @return this builder
         */
        public Builder initialDelay(Duration delay) {
            this.initialDelay = positive(delay, "initialDelay");
            return this;
        }

        /**
         * Sets the longest backoff delay (a {@code Retry-After} may ask for more).
         *
         * @param delay a positive delay (default 30 s)
         * @return this builder
         */
        public Builder maxDelay(Duration delay) {
            this.maxDelay = positive(delay, "maxDelay");
            return this;
        }

        /**
         * Sets the growth factor between attempts.
         *
         * @param factor at least 1 (default 2)
         * @return this builder
         */
        public Builder multiplier(double factor) {
            if (!(factor >= 1)) {
                throw new IllegalArgumentException("multiplier must be at least 1");
            }
            this.multiplier = factor;
            return this;
        }

        /**
         * Limits the attempts.
         *
         * @param attempts the most attempts in all, or 0 for no limit (the default)
         * @return this builder
         */
        public Builder maxAttempts(int attempts) {
            if (attempts < 0) {
                throw new IllegalArgumentException("maxAttempts must be 0 or more");
            }
            this.maxAttempts = attempts;
            return this;
        }

        /**
         * Caps how long a {@code Retry-After} may make the device wait.
         *
         * @param cap a positive duration (default 10 min)
         * @return this builder
         */
        public Builder maxRetryAfter(Duration cap) {
            this.maxRetryAfter = positive(cap, "maxRetryAfter");
            return this;
        }

        /**
         * Sets the jitter source, for reproducible tests.
         *
         * @param seeded a random generator
         * @return this builder
         */
        public Builder random(Random seeded) {
            Objects.requireNonNull(seeded, "random");
            this.random = seeded::nextDouble;
            return this;
        }

        /**
         * Builds the policy.
         *
         * @return the policy
         */
        public RetryPolicy build() {
            return new RetryPolicy(this);
        }

        private static Duration positive(Duration value, String name) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(name + " must be positive");
            }
            return value;
        }
    }
}
