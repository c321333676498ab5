package org.biotdm.cli.chaos;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.biotdm.cli.stack.Stack;
import org.biotdm.cli.stack.StackException;

/**
 * Injects the chaos run's faults into a running, supervised stack, one at a time at random moments, and waits for
 * each to recover without anyone acting: SIGKILL of the first gateway instance, of a second one that shares its
 * MariaDB, of the embedded MariaDB and of the dev network, and SIGSTOP of the dev network (the ledger frozen, neither
 * answering nor refusing) for a while before SIGCONT. A fault has recovered once, after its end (the kill, or
 * SIGCONT), a device of the killed gateway (any device for MariaDB and the ledger) had a batch acknowledged, or, for
 * a dev network kill, once the supervisor had the network ready again; it counts as a manual step after five minutes.
 * How long the part itself took to be back is then read from the logs ({@link #loggedRecovery}).
 */
final class Faults {
    /** The kinds of fault. */
    enum Kind {
        /** SIGKILL of the first gateway instance. */
        GATEWAY,
        /** SIGKILL of the second gateway instance, which shares the first one's MariaDB. */
        SECOND_GATEWAY,
        /** SIGKILL of the embedded {@code mariadbd}. */
        MARIADB,
        /** SIGKILL of the dev network's JVM. */
        DEVNET,
        /** SIGSTOP of the dev network's JVM, SIGCONT after the set time. */
        LEDGER_STOP
    }

    /**
     * The figures of one injected fault.
     *
     * @param kind the fault
     * @param end when it ended: the kill, or SIGCONT
     * @param recoverSeconds from the end until recovery was seen (or given up), s
     * @param recovered false when not within five minutes
     */
    record Outcome(Kind kind, Instant end, double recoverSeconds, boolean recovered) {}

    private static final Duration RECOVERY_LIMIT = Duration.ofMinutes(5);

    private final Stack stack;
    private final ChaosHistory history;
    private final PrintStream err;
    private final Duration ledgerStop;
    private final List<String> restarts = Collections.synchronizedList(new ArrayList<>());
    private final List<Set<String>> devicesByGateway;

    /**
     * Supervises the stack and prepares the faults.
     *
     * @param stack the running stack
     * @param history where faults and recoveries are recorded, and acknowledgements seen
     * @param err where each fault is announced
     * @param ledgerStop how long a SIGSTOP lasts
     * @param devicesByGateway per gateway instance, first one first, the devices it serves
     */
    Faults(
            Stack stack,
            ChaosHistory history,
            PrintStream err,
            Duration ledgerStop,
            List<Set<String>> devicesByGateway) {
        this.stack = stack;
        this.history = history;
        this.err = err;
        this.ledgerStop = ledgerStop;
        this.devicesByGateway = List.copyOf(devicesByGateway);
        stack.supervise((part, down) -> restarts.add(part));
    }

    /**
     * Returns the faults in a random order.
     *
     * @param counts how many of each {@link Kind}, in its order
     * @param random the source of randomness
     * @return the plan
     */
    static List<Kind> plan(int[] counts, Random random) {
        List<Kind> plan = new ArrayList<>();
        Kind[] kinds = Kind.values();
        for (int i = 0; i < kinds.length; i++) {
            plan.addAll(Collections.nCopies(counts[i], kinds[i]));
        }
        Collections.shuffle(plan, random);
        return plan;
    }

    /**
     * Returns random moments for the faults, sorted, between 10 % and 85 % of the run.
     *
     * @param count how many
     * @param run the run's length
     * @param random the source of randomness
     * @return offsets from the run's start
     */
    static List<Duration> moments(int count, Duration run, Random random) {
        long[] offsets = new long[count];
        long span = run.toMillis() * 75 / 100;
        for (int i = 0; i < count; i++) {
            offsets[i] = run.toMillis() / 10 + (long) (random.nextDouble() * span);
        }
        Arrays.sort(offsets);
        return Arrays.stream(offsets).mapToObj(Duration::ofMillis).toList();
    }

    /**
     * Injects one fault and waits for its recovery.
     *
     * @param kind the fault
     * @return its figures; not recovered when it took longer than five minutes
     * @throws InterruptedException when interrupted
     */
    Outcome inject(Kind kind) throws InterruptedException {
        history.fault("fault", kind.name(), "");
        err.println("CHAOS fault " + kind);
        int restartsBefore = restarts.size();
        Instant end =
                switch (kind) {
                    case GATEWAY -> kill(stack.gateways().get(0).process().handle());
                    case SECOND_GATEWAY -> kill(
                            stack.gateways().get(1).process().handle());
                    case MARIADB -> kill(mariadb());
                    case DEVNET -> kill(stack.devnetProcess().handle());
                    case LEDGER_STOP -> freeze(stack.devnetProcess().handle());
                };
        boolean recovered =
                switch (kind) {
                    case DEVNET -> awaitRestart(restartsBefore);
                    case GATEWAY -> awaitAck(end, devicesByGateway.get(0));
                    case SECOND_GATEWAY -> awaitAck(end, devicesByGateway.get(1));
                    case MARIADB, LEDGER_STOP -> awaitAck(end, history.devices());
                };
        double seconds = Duration.between(end, Instant.now()).toMillis() / 1000.0;
        history.fault(recovered ? "recovered" : "not-recovered", kind.name(), Double.toString(seconds));
        err.printf("CHAOS %s %s in %.1f s%n", kind, recovered ? "recovered" : "NOT recovered", seconds);
        return new Outcome(kind, end, seconds, recovered);
    }

    /**
     * Reads from the logs how long after a fault its part was back in service ({@link RecoveryLog}): a killed
     * gateway instance once it served again, MariaDB once its server listened again, the dev network (killed or
     * frozen) once the gateway had a transaction committed.
     *
     * @param outcome the fault
     * @return seconds from the fault's end, or empty when the log shows no recovery after it
     */
    Optional<Double> loggedRecovery(Outcome outcome) {
        Path logs = stack.dataDir().logs();
        Path gatewayLog = logs.resolve("gateway.log");
        return switch (outcome.kind()) {
            case GATEWAY -> RecoveryLog.read(gatewayLog).secondsUntil(outcome.end(), RecoveryLog.GATEWAY_STARTED);
            case SECOND_GATEWAY -> RecoveryLog.read(logs.resolve("gateway-2.log"))
                    .secondsUntil(outcome.end(), RecoveryLog.GATEWAY_STARTED);
            case MARIADB -> RecoveryLog.read(gatewayLog).secondsUntil(outcome.end(), RecoveryLog.MARIADB_STARTED);
            case DEVNET, LEDGER_STOP -> RecoveryLog.read(gatewayLog)
                    .secondsUntil(outcome.end(), RecoveryLog.LEDGER_COMMITTED);
        };
    }

    private Instant kill(ProcessHandle process) throws InterruptedException {
        process.destroyForcibly();
        try {
            process.onExit().get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new StackException("Process " + process.pid() + " did not die on SIGKILL");
        }
        return Instant.now();
    }

    private Instant freeze(ProcessHandle process) throws InterruptedException {
        signal("STOP", process);
        try {
            Thread.sleep(ledgerStop.toMillis());
        } finally {
            signal("CONT", process);
        }
        return Instant.now();
    }

    private static void signal(String signal, ProcessHandle process) throws InterruptedException {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
                    .redirectErrorStream(true)
                    .start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new StackException("kill -" + signal + " " + process.pid() + " failed");
            }
        } catch (IOException e) {
            throw new StackException("Cannot run kill -" + signal + ": " + e.getMessage());
        }
    }

    /** The running {@code mariadbd} of the stack's gateway, found by its data directory argument. */
    private ProcessHandle mariadb() {
        String argument = "--datadir="
                + stack.dataDir().gateway().resolve("mariadb").toAbsolutePath().normalize();
        try (var all = ProcessHandle.allProcesses()) {
            return all.filter(process -> process.info()
                            .arguments()
                            .map(args -> Arrays.asList(args).contains(argument))
                            .orElse(false))
                    .findFirst()
                    .orElseThrow(() -> new StackException("No mariadbd runs with " + argument));
        }
    }

    private boolean awaitAck(Instant after, Set<String> devices) throws InterruptedException {
        Instant deadline = after.plus(RECOVERY_LIMIT);
        while (history.lastAckMillis(devices) <= after.toEpochMilli()) {
            if (Instant.now().isAfter(deadline)) {
                return false;
            }
            Thread.sleep(100);
        }
        return true;
    }

    private boolean awaitRestart(int restartsBefore) throws InterruptedException {
        Instant deadline = Instant.now().plus(RECOVERY_LIMIT);
        while (restarts.size() <= restartsBefore) {
            if (Instant.now().isAfter(deadline)) {
                return false;
            }
            Thread.sleep(100);
        }
        return true;
    }
}
