package org.biotdm.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TokenBucketsTest {
    private final AtomicLong now = new AtomicLong();
    private final TokenBuckets buckets = new TokenBuckets(3, Duration.ofMinutes(1), now::get);
    private final TokenBuckets.Limit fivePerMinute = new TokenBuckets.Limit(5, 5, Duration.ofMinutes(1));

    @Test
    void an_empty_bucket_answers_the_whole_seconds_until_a_token_fits() {
        for (int i = 0; i < 5; i++) {
            assertThat(buckets.take("k", 1, fivePerMinute)).isZero();
        }
        assertThat(buckets.take("k", 1, fivePerMinute)).isEqualTo(12);
        now.addAndGet(Duration.ofSeconds(12).toNanos());
        assertThat(buckets.take("k", 1, fivePerMinute)).isZero();
    }

    @Test
    void tokens_given_back_never_exceed_the_capacity() {
        buckets.take("k", 1, fivePerMinute);
        buckets.giveBack("k", 3);
        for (int i = 0; i < 5; i++) {
            assertThat(buckets.take("k", 1, fivePerMinute)).isZero();
        }
        assertThat(buckets.take("k", 1, fivePerMinute)).isPositive();
    }

    @Test
    void giving_back_to_an_unknown_caller_creates_no_bucket() {
        buckets.giveBack("nobody", 1);
        assertThat(buckets.tracks("nobody")).isFalse();
        assertThat(buckets.tracked()).isZero();
    }

    @Test
    void the_table_keeps_at_most_its_bound_and_drops_idle_buckets() {
        for (int i = 0; i < 10; i++) {
            buckets.take("k" + i, 1, fivePerMinute);
        }
        assertThat(buckets.tracked()).isLessThanOrEqualTo(3);
        now.addAndGet(Duration.ofMinutes(2).toNanos());
        assertThat(buckets.tracked()).isZero();
    }

    @Test
    void a_per_second_limit_refills_rate_times_period_and_fills_in_whole_periods() {
        TokenBuckets.Limit limit = TokenBuckets.Limit.perSecond(Duration.ofSeconds(2), 20, 100);
        assertThat(limit).isEqualTo(new TokenBuckets.Limit(100, 40, Duration.ofSeconds(2)));
        assertThat(limit.refillTime()).isEqualTo(Duration.ofSeconds(6));
    }
}
