package org.biotdm.gateway.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CommandWaitersTest {
    private final CommandWaiters waiters = new CommandWaiters();

    @AfterEach
    void close() {
        waiters.close();
    }

    @Test
    void wake_completes_every_waiter_of_the_device_and_only_those() {
        CompletableFuture<Boolean> first = waiters.await("d-1", Duration.ofMinutes(1));
        CompletableFuture<Boolean> second = waiters.await("d-1", Duration.ofMinutes(1));
        CompletableFuture<Boolean> other = waiters.await("d-2", Duration.ofMinutes(1));

        waiters.wake("d-1");

        assertThat(first.join()).isTrue();
        assertThat(second.join()).isTrue();
        assertThat(other).isNotDone();
        assertThat(waiters.waitingCount()).isEqualTo(1);
    }

    @Test
    void a_wait_that_runs_out_completes_with_false_and_unregisters() {
        CompletableFuture<Boolean> waiter = waiters.await("d-3", Duration.ofMillis(10));

        assertThat(waiter.join()).isFalse();
        assertThat(waiters.waitingCount()).isZero();
    }

    @Test
    void a_cancelled_waiter_is_forgotten() {
        waiters.await("d-4", Duration.ofMinutes(1)).cancel(false);

        waiters.wake("d-4");

        assertThat(waiters.waitingCount()).isZero();
    }
}
