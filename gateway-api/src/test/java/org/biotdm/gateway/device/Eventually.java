package org.biotdm.gateway.device;

import java.time.Duration;
import java.util.function.Supplier;

/** Polls a condition until it holds or a deadline passes, as Awaitility does; the caller asserts the final value. */
final class Eventually {
    private static final long POLL_MILLIS = 10;

    private Eventually() {}

    /**
     * Polls until the supplier's value satisfies the condition or the deadline passes.
     *
     * @param deadline the longest wait from now
     * @param supplier produces the value to test
     * @param condition the awaited property
     * @param <T> the value type
     * @return the last value produced (satisfying the condition unless the deadline passed)
     */
    static <T> T poll(Duration deadline, Supplier<T> supplier, java.util.function.Predicate<T> condition) {
        long end = System.nanoTime() + deadline.toNanos();
        T value = supplier.get();
        while (!condition.test(value) && System.nanoTime() - end < 0) {
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return value;
            }
            value = supplier.get();
        }
        return value;
    }
}
