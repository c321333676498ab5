package org.biotdm.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.biotdm.gateway.error.ApiException;
import org.biotdm.gateway.error.ErrorCode;
import org.junit.jupiter.api.Test;

class ReadingRateLimiterTest {
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    private ReadingRateLimiter limiter(boolean enabled, int perSecond, int burst) {
        return new ReadingRateLimiter(
                new RateLimitConfiguration(
                        enabled, Duration.ofSeconds(1), 20, 100, 20, 100, 20, 100, perSecond, burst, List.of()),
                nanos::get);
    }

    @Test
    void readings_beyond_the_burst_are_refused_with_rate_limited_and_the_seconds_to_wait() {
        ReadingRateLimiter limiter = limiter(true, 100, 1000);
        limiter.charge("mote-flood", 600);

        ApiException refused = catchThrowableOfType(ApiException.class, () -> limiter.charge("mote-flood", 500));

        assertThat(refused.code()).isEqualTo(ErrorCode.RATE_LIMITED);
        assertThat(refused.retryAfterSeconds()).isEqualTo(1);
    }

    @Test
    void the_budget_counts_readings_not_requests() {
        ReadingRateLimiter limiter = limiter(true, 10, 50);
        for (int i = 0; i < 5; i++) {
            limiter.charge("mote-1", 10);
        }

        assertThat(catchThrowableOfType(ApiException.class, () -> limiter.charge("mote-1", 1)))
                .isNotNull();
    }

    @Test
    void one_device_spending_its_budget_leaves_another_device_untouched() {
        ReadingRateLimiter limiter = limiter(true, 100, 1000);
        limiter.charge("mote-flood", 1000);

        assertThatNoException().isThrownBy(() -> limiter.charge("mote-normal", 1000));
    }

    @Test
    void the_budget_refills_at_the_configured_rate() {
        ReadingRateLimiter limiter = limiter(true, 100, 1000);
        limiter.charge("mote-1", 1000);
        nanos.addAndGet(TimeUnit.SECONDS.toNanos(3));

        assertThatNoException().isThrownBy(() -> limiter.charge("mote-1", 300));
        assertThat(catchThrowableOfType(ApiException.class, () -> limiter.charge("mote-1", 1)))
                .isNotNull();
    }

    @Test
    void a_batch_larger_than_the_burst_passes_only_with_a_full_bucket() {
        ReadingRateLimiter limiter = limiter(true, 100, 500);

        assertThatNoException().isThrownBy(() -> limiter.charge("mote-1", 1000));
        ApiException refused = catchThrowableOfType(ApiException.class, () -> limiter.charge("mote-1", 1000));
        assertThat(refused.retryAfterSeconds()).isEqualTo(5);
    }

    @Test
    void nothing_is_limited_when_rate_limits_are_disabled() {
        ReadingRateLimiter limiter = limiter(false, 1, 1);

        assertThatNoException().isThrownBy(() -> {
            limiter.charge("mote-1", 1000);
            limiter.charge("mote-1", 1000);
        });
    }
}
