package org.biotdm.gateway.command;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The devices' waiting long polls: one future per waiting request, no thread parked. A waiter completes with {@code
 * true} when a command for its device is issued on this gateway instance ({@link #wake}) and with {@code false} when
 * its wait runs out (one shared timer thread).
 */
@Singleton
final class CommandWaiters implements AutoCloseable {
    private final Map<String, Set<CompletableFuture<Boolean>>> waiting = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "command-poll-timer");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * Registers a waiter for a device.
     *
     * @param deviceId the device
     * @param wait how long to wait at most
     * @return completes with true when woken, false when the wait ran out; cancelling it unregisters it
     */
    public CompletableFuture<Boolean> await(String deviceId, Duration wait) {
        CompletableFuture<Boolean> waiter = new CompletableFuture<>();
        waiting.computeIfAbsent(deviceId, id -> ConcurrentHashMap.newKeySet()).add(waiter);
        ScheduledFuture<?> timeout =
                timer.schedule(() -> waiter.complete(false), wait.toMillis(), TimeUnit.MILLISECONDS);
        waiter.whenComplete((woken, failure) -> {
            timeout.cancel(false);
            waiting.computeIfPresent(deviceId, (id, set) -> {
                set.remove(waiter);
                return set.isEmpty() ? null : set;
            });
        });
        return waiter;
    }

    /**
     * Wakes every waiter of a device.
     *
     * @param deviceId the device
     */
    public void wake(String deviceId) {
        Set<CompletableFuture<Boolean>> set = waiting.get(deviceId);
        if (set != null) {
            for (CompletableFuture<Boolean> waiter : List.copyOf(set)) {
                waiter.complete(true);
            }
        }
    }

    /**
     * Returns how many polls are waiting.
     *
     * @return the count over all devices
     */
    public int waitingCount() {
        return waiting.values().stream().mapToInt(Set::size).sum();
    }

    @PreDestroy
    @Override
    public void close() {
        timer.shutdownNow();
    }
}
