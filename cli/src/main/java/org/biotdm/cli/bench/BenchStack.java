package org.biotdm.cli.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.biotdm.cli.Console;
import org.biotdm.cli.Home;
import org.biotdm.cli.stack.DataDir;
import org.biotdm.cli.stack.Stack;
import org.biotdm.cli.stack.StackException;
import org.biotdm.cli.stack.StackOptions;
import org.biotdm.cli.stack.StackRunner;
import picocli.CommandLine.Option;

/**
 * The stack a benchmark runs against, started as {@code up} does but on free ports and, unless {@code --data-dir}
 * is given, in a temporary data directory deleted afterwards (kept, with its logs, when the stack fails to start), so a
 * benchmark neither clashes with a running stack nor leaves data behind. A picocli mixin; {@link #start} and {@link #close}.
 */
public final class BenchStack implements AutoCloseable {
    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            description = "Keep the benchmark's stack in DIR (default: a temporary directory, deleted afterwards).")
    Path dataDir;

    @Option(
            names = "--batch-timeout-ms",
            paramLabel = "MS",
            defaultValue = "100",
            description = "The dev network orderer's batch timeout (default: ${DEFAULT-VALUE}, as biotdm up).")
    long batchTimeoutMillis = 100;

    private final Map<String, String> gatewayProperties = new LinkedHashMap<>();
    private final List<String> gatewayJvmOptions = new ArrayList<>();
    private boolean fixedDatabasePort;
    private Stack stack;
    private Path temporary;
    private Thread hook;

    /**
     * Returns the dev network orderer's batch timeout the stack runs with.
     *
     * @return milliseconds
     */
    public long batchTimeoutMillis() {
        return batchTimeoutMillis;
    }

    /**
     * Starts the embedded MariaDB on a port chosen now rather than by the gateway, so that more gateway instances
     * can share it ({@link Stack#startAdditionalGateway()}). Call before {@link #start}.
     */
    public void fixDatabasePort() {
        fixedDatabasePort = true;
    }

    /**
     * Adds a setting every gateway of the stack starts with, for example {@code biotdm.rate-limits.enabled=false}.
     * Call before {@link #start}.
     *
     * @param name the Micronaut property
     * @param value its value
     */
    public void gatewayProperty(String name, String value) {
        gatewayProperties.put(name, value);
    }

    /**
     * Adds a JVM option every gateway of the stack starts with, for example {@code -XX:NativeMemoryTracking=summary}.
     * Call before {@link #start}.
     *
     * @param option the option
     */
    public void gatewayJvmOption(String option) {
        gatewayJvmOptions.add(option);
    }

    /**
     * Starts the stack on free ports and prints its READY line to {@code err} (a benchmark's standard output ends
     * with its BENCH line).
     *
     * @param home the project
     * @param err where progress goes
     * @return the running stack
     * @throws Exception when the stack cannot start ({@link StackException} says which part and why)
     */
    public Stack start(Home home, PrintStream err) throws Exception {
        if (batchTimeoutMillis < 1 || batchTimeoutMillis > 60_000) {
            throw new StackException("--batch-timeout-ms must be 1-60000, was " + batchTimeoutMillis);
        }
        if (dataDir == null) {
            temporary = Files.createTempDirectory("biotdm-bench-");
        }
        StackOptions options = StackOptions.onFreePorts(
                dataDir == null ? temporary : dataDir, batchTimeoutMillis, databasePort(), gatewayProperties);
        gatewayJvmOptions.forEach(options::gatewayJvmOption);
        stack = new Stack(home, options, err);
        hook = StackRunner.stopOnShutdown(stack, err);
        try {
            StackRunner.startAndAnnounce(stack, err, err);
        } catch (Exception e) {
            if (temporary != null) {
                err.println("Keeping " + temporary + " for its logs");
                temporary = null;
            }
            throw e;
        }
        return stack;
    }

    private int databasePort() throws IOException {
        if (!fixedDatabasePort) {
            return 0;
        }
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** What a benchmark measures on the running stack. */
    @FunctionalInterface
    public interface Measurement {
        /**
         * Measures and prints the figures.
         *
         * @param stack the running stack
         * @return the benchmark's exit status
         * @throws Exception when the measurement fails
         */
        int measure(Stack stack) throws Exception;
    }

    /**
     * Starts the stack ({@link #start}), runs the measurement on it and stops it ({@link #close}); a stack that cannot
     * start is described on {@code err} (which part, why, the end of its log) with exit status 1.
     *
     * @param err where progress and messages go
     * @param measurement the benchmark's work
     * @return the measurement's exit status, or 1 when the stack did not start
     * @throws Exception when the measurement fails
     */
    public int run(PrintStream err, Measurement measurement) throws Exception {
        try (BenchStack running = this) {
            Stack stack;
            try {
                stack = running.start(Home.detect(), err);
            } catch (StackException e) {
                err.println(e.describe());
                return 1;
            }
            return measurement.measure(stack);
        }
    }

    /**
     * Refuses the arguments when they have a problem (exit status 2, before anything starts), else {@link #run(PrintStream,
     * Measurement) runs} the measurement on a stack of its own.
     *
     * @param console where progress, messages and the refusal go
     * @param problem the benchmark's first problem with its arguments, or null when none
     * @param measurement the benchmark's work
     * @return 2 for a problem, else as {@link #run(PrintStream, Measurement)}
     * @throws Exception when the measurement fails
     */
    public int run(Console console, String problem, Measurement measurement) throws Exception {
        return problem != null ? console.refuse(problem) : run(console.err(), measurement);
    }

    /**
     * Stops the stack and deletes the temporary data directory.
     *
     * @throws InterruptedException when interrupted while stopping
     */
    @Override
    public void close() throws InterruptedException {
        if (stack != null) {
            stack.stop();
            Runtime.getRuntime().removeShutdownHook(hook);
            stack = null;
        }
        if (temporary != null) {
            try {
                DataDir.deleteTree(temporary);
            } catch (IOException e) {
                System.err.println("Could not delete " + temporary + ": " + e.getMessage());
            }
            temporary = null;
        }
    }
}
