package org.biotdm.devnet.msp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class VerificationCacheTest {
    private final VerificationCache cache = new VerificationCache(16);
    private final byte[] key = VerificationCache.key(new byte[] {1}, new byte[] {2}, new byte[] {3});
    private final AtomicInteger runs = new AtomicInteger();

    @Test
    void a_caller_arriving_during_a_verification_shares_its_result() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean firstResult = new AtomicBoolean();
        AtomicBoolean secondResult = new AtomicBoolean();
        Thread first = new Thread(() -> firstResult.set(cache.verify(key, () -> {
            runs.incrementAndGet();
            inside.countDown();
            awaitQuietly(release);
            return false;
        })));
        first.start();
        inside.await();
        Thread second = new Thread(() -> secondResult.set(cache.verify(key, this::countedValid)));
        second.start();
        while (second.getState() != Thread.State.WAITING && second.isAlive()) {
            Thread.onSpinWait();
        }
        release.countDown();
        first.join();
        second.join();

        assertThat(runs).hasValue(1);
        assertThat(firstResult).isFalse();
        assertThat(secondResult).as("shared the first caller's answer").isFalse();
    }

    @Test
    void only_valid_signatures_are_remembered() {
        assertThat(cache.verify(key, () -> {
                    runs.incrementAndGet();
                    return false;
                }))
                .isFalse();
        assertThat(cache.verify(key, this::countedValid)).isTrue();
        assertThat(cache.verify(key, this::countedValid)).isTrue();

        assertThat(runs).hasValue(2);
        assertThat(cache.contains(key)).isTrue();
    }

    @Test
    void a_failing_verification_reaches_its_caller_and_is_not_remembered() {
        RuntimeException failure = new IllegalStateException("broken key");
        assertThatThrownBy(() -> cache.verify(key, () -> {
                    throw failure;
                }))
                .isSameAs(failure);

        assertThat(cache.contains(key)).isFalse();
        assertThat(cache.verify(key, this::countedValid)).isTrue();
    }

    private boolean countedValid() {
        runs.incrementAndGet();
        return true;
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
