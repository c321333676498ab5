package org.biotdm.cli.stack;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * Restarts the parts of a stack that die, the way a service manager would: when a supervised child exits while the
 * stack is not stopping, it is started again (same command, so same ports and data) after a back-off of 1 s,
 * doubling after each quick failure up to 30 s, and back to 1 s once a restart has run for a minute. Each part is
 * watched by a daemon thread of its own, which also notes the processes the part started: those a killed part leaves
 * running (the dev network's chaincode JVMs, the gateway's MariaDB) are stopped before it starts again. Every restart is announced on standard error as {@code RESTARTED <part>
 * down_s=<seconds> status=<exit status>} and reported to the listeners.
 */
final class Supervisor {
    private static final Duration FIRST_BACK_OFF = Duration.ofSeconds(1);
    private static final Duration MAX_BACK_OFF = Duration.ofSeconds(30);
    private static final Duration STABLE = Duration.ofMinutes(1);
    private static final Duration FAMILY_CHECK = Duration.ofSeconds(2);
    private static final Duration ORPHAN_GRACE = Duration.ofSeconds(30);

    /** Starts a part again and waits until it is ready. */
    @FunctionalInterface
    public interface Restart {
        /**
         * Starts the part.
         *
         * @return the running, ready part
         * @throws InterruptedException when interrupted
         * @throws StackException when it cannot start
         */
        ChildProcess start() throws InterruptedException;
    }

    /** Told of every restart. */
    @FunctionalInterface
    public interface Listener {
        /**
         * Called once a part runs and is ready again.
         *
         * @param part what it is ("gateway API")
         * @param down from its exit until it was ready again
         */
        void restarted(String part, Duration down);
    }

    private final PrintStream err;
    private final BooleanSupplier stopping;
    private final CopyOnWriteArrayList<Listener> listeners = new CopyOnWriteArrayList<>();

    Supervisor(PrintStream err, BooleanSupplier stopping) {
        this.err = err;
        this.stopping = stopping;
    }

    void addListener(Listener listener) {
        listeners.add(listener);
    }

    /**
     * Watches a running part from now on.
     *
     * @param first the part as started
     * @param restart how to start it again
     */
    void watch(ChildProcess first, Restart restart) {
        Thread thread = new Thread(() -> superviseQuietly(first, restart), "biotdm-supervise-" + first.name());
        thread.setDaemon(true);
        thread.start();
    }

    private void superviseQuietly(ChildProcess first, Restart restart) {
        try {
            supervise(first, restart);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void supervise(ChildProcess first, Restart restart) throws InterruptedException {
        ChildProcess current = first;
        Instant started = Instant.now();
        Duration backOff = FIRST_BACK_OFF;
        while (true) {
            Set<ProcessHandle> family = awaitExit(current);
            Instant exited = Instant.now();
            if (stopping.getAsBoolean()) {
                return;
            }
            stopOrphans(current, family);
            if (Duration.between(started, exited).compareTo(STABLE) >= 0) {
                backOff = FIRST_BACK_OFF;
            }
            err.println("The " + current.name() + " exited (status " + current.exitValue() + "); starting it again in "
                    + backOff.toSeconds() + " s. See " + current.log());
            ChildProcess next = restartWithBackOff(current, restart, backOff);
            if (next == null) {
                return;
            }
            Duration down = Duration.between(exited, Instant.now());
            err.printf(
                    "RESTARTED %s down_s=%.1f status=%d%n",
                    current.name(), down.toMillis() / 1000.0, current.exitValue());
            listeners.forEach(listener -> listener.restarted(first.name(), down));
            backOff = backOff.multipliedBy(2).compareTo(MAX_BACK_OFF) > 0 ? MAX_BACK_OFF : backOff.multipliedBy(2);
            current = next;
            started = Instant.now();
        }
    }

    /**
     * Waits for a part to exit, noting the processes it started meanwhile (a SIGKILL leaves them running, orphaned:
     * the dev network's chaincode JVMs, the gateway's MariaDB).
     */
    private static Set<ProcessHandle> awaitExit(ChildProcess part) throws InterruptedException {
        Set<ProcessHandle> family = new HashSet<>();
        while (true) {
            try (var descendants = part.handle().descendants()) {
                descendants.forEach(family::add);
            }
            family.removeIf(member -> !member.isAlive());
            try {
                part.onExit().get(FAMILY_CHECK.toMillis(), TimeUnit.MILLISECONDS);
                return family;
            } catch (TimeoutException e) {
                // Still running: look at its processes again.
            } catch (ExecutionException e) {
                return family;
            }
        }
    }

    /** Stops what a dead part left running: SIGTERM, up to 30 s, then SIGKILL. */
    private void stopOrphans(ChildProcess dead, Set<ProcessHandle> family) throws InterruptedException {
        for (ProcessHandle orphan : family) {
            if (!orphan.isAlive()) {
                continue;
            }
            err.println("Stopping process " + orphan.pid() + " left running by the " + dead.name());
            orphan.destroy();
            try {
                orphan.onExit().get(ORPHAN_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException | ExecutionException e) {
                orphan.destroyForcibly();
            }
        }
    }

    /** Starts the part until it is ready; null when the stack began to stop meanwhile. */
    private ChildProcess restartWithBackOff(ChildProcess dead, Restart restart, Duration firstBackOff)
            throws InterruptedException {
        Duration backOff = firstBackOff;
        while (true) {
            Thread.sleep(backOff.toMillis());
            if (stopping.getAsBoolean()) {
                return null;
            }
            try {
                return restart.start();
            } catch (StackException e) {
                if (stopping.getAsBoolean()) {
                    return null;
                }
                backOff = backOff.multipliedBy(2).compareTo(MAX_BACK_OFF) > 0 ? MAX_BACK_OFF : backOff.multipliedBy(2);
                err.println("The " + dead.name() + " did not start again (" + e.getMessage() + "); next attempt in "
                        + backOff.toSeconds() + " s");
            }
        }
    }
}
