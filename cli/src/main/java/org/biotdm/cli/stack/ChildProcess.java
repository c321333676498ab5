package org.biotdm.cli.stack;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.biotdm.cli.OwnerOnlyFiles;
import org.biotdm.cli.Progress;

/**
 * A part of the stack running as a child JVM: standard output and error appended to its own log file, started in a
 * session of its own (with {@code setsid} where available) so that Ctrl-C in the terminal reaches only the command
 * line, which then stops the parts in order. Stopping sends SIGTERM, waits, and kills what is left, including the
 * child's own children (chaincode JVMs, MariaDB).
 */
public final class ChildProcess {
    private static final Path SETSID = Path.of("/usr/bin/setsid");

    private final String name;
    private final Process process;
    private final Path log;
    private final long logStart;

    private ChildProcess(String name, Process process, Path log, long logStart) {
        this.name = name;
        this.process = process;
        this.log = log;
        this.logStart = logStart;
    }

    /**
     * Starts a child process.
     *
     * @param name what it is, for messages ("dev network")
     * @param command the command and its arguments
     * @param workingDir its working directory
     * @param log the log file its output is appended to
     * @return the running child
     * @throws UncheckedIOException when it cannot be started or the log cannot be written
     */
    public static ChildProcess start(String name, List<String> command, Path workingDir, Path log) {
        return start(name, command, Map.of(), workingDir, log);
    }

    /**
     * Starts a child process with extra environment variables (which, unlike the command line, other users of the
     * host cannot read, and which are not written to the log).
     *
     * @param name what it is, for messages ("dev network")
     * @param command the command and its arguments
     * @param environment variables added to this process's environment
     * @param workingDir its working directory
     * @param log the log file its output is appended to
     * @return the running child
     * @throws UncheckedIOException when it cannot be started or the log cannot be written
     */
    public static ChildProcess start(
            String name, List<String> command, Map<String, String> environment, Path workingDir, Path log) {
        try {
            OwnerOnlyFiles.createFile(log);
            String banner = "==== " + Instant.now() + " biotdm starts the " + name + ": " + String.join(" ", command)
                    + System.lineSeparator();
            Files.writeString(
                    log, banner, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            long start = Files.size(log);
            List<String> full = new ArrayList<>();
            if (Files.isExecutable(SETSID)) {
                full.add(SETSID.toString());
            }
            full.addAll(command);
            ProcessBuilder builder = new ProcessBuilder(full);
            builder.environment().putAll(environment);
            Process process = builder.directory(workingDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
                    .start();
            return new ChildProcess(name, process, log, start);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the " + name, e);
        }
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }

    /**
     * Returns what the child is.
     *
     * @return its name
     */
    public String name() {
        return name;
    }

    /**
     * Returns the child's log file.
     *
     * @return the log
     */
    public Path log() {
        return log;
    }

    /**
     * Returns the child's process handle.
     *
     * @return the handle
     */
    public ProcessHandle handle() {
        return process.toHandle();
    }

    /**
     * Tells whether the child still runs.
     *
     * @return true while it runs
     */
    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Returns the child's exit status.
     *
     * @return the status, or -1 while it runs
     */
    public int exitValue() {
        return process.isAlive() ? -1 : process.exitValue();
    }

    /**
     * Returns a future completed when the child exits.
     *
     * @return the future
     */
    public java.util.concurrent.CompletableFuture<Process> onExit() {
        return process.onExit();
    }

    /**
     * Waits for a line of this run's output (the log from this start on) that satisfies a condition.
     *
     * @param condition the condition
     * @param timeout the longest wait
     * @param progress shows the wait
     * @return the line
     * @throws StackException when the child exits first or the wait times out
     * @throws InterruptedException when interrupted
     */
    public String awaitLine(Predicate<String> condition, Duration timeout, Progress progress)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long position = logStart;
            StringBuilder partial = new StringBuilder();
            while (true) {
                int read = readFrom(file, position, partial);
                if (read > 0) {
                    position += read;
                    Optional<String> found = takeLines(partial, condition);
                    if (found.isPresent()) {
                        return found.get();
                    }
                    continue;
                }
                failIfExitedOrLate(deadline, timeout);
                progress.tick();
                Thread.sleep(200);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + log, e);
        }
    }

    /** Appends what the log holds from {@code position} on (at most 1 MiB) and returns the bytes read. */
    private static int readFrom(RandomAccessFile file, long position, StringBuilder partial) throws IOException {
        long length = file.length();
        if (length <= position) {
            return 0;
        }
        file.seek(position);
        byte[] bytes = new byte[(int) Math.min(length - position, 1 << 20)];
        file.readFully(bytes);
        partial.append(new String(bytes, StandardCharsets.UTF_8));
        return bytes.length;
    }

    private void failIfExitedOrLate(Instant deadline, Duration timeout) {
        if (!process.isAlive()) {
            throw new StackException(
                    "The " + name + " exited with status " + process.exitValue() + " before it was ready", this);
        }
        if (Instant.now().isAfter(deadline)) {
            throw new StackException("The " + name + " was not ready within " + timeout.toSeconds() + " s", this);
        }
    }

    private static Optional<String> takeLines(StringBuilder partial, Predicate<String> condition) {
        int newline;
        while ((newline = partial.indexOf("\n")) >= 0) {
            String line = partial.substring(0, newline).stripTrailing();
            partial.delete(0, newline + 1);
            if (condition.test(line)) {
                return Optional.of(line);
            }
        }
        return Optional.empty();
    }

    /**
     * Returns the last lines of the log, for error messages.
     *
     * @param count how many lines
     * @return the lines, oldest first
     */
    public List<String> tail(int count) {
        Deque<String> lines = new ArrayDeque<>();
        try (var stream = Files.lines(log, StandardCharsets.UTF_8)) {
            stream.forEach(line -> {
                lines.addLast(line);
                if (lines.size() > count) {
                    lines.removeFirst();
                }
            });
        } catch (IOException | UncheckedIOException e) {
            return List.of("(cannot read " + log + ": " + e.getMessage() + ")");
        }
        return List.copyOf(lines);
    }

    /**
     * Stops the child: SIGTERM, up to {@code grace} for it to exit, then SIGKILL; then waits for (and if need be
     * kills) the processes it had started.
     *
     * @param grace how long the child may take to stop cleanly
     * @return true when it stopped by itself within the grace period
     * @throws InterruptedException when interrupted
     */
    public boolean stop(Duration grace) throws InterruptedException {
        Set<ProcessHandle> family = new LinkedHashSet<>(process.descendants().toList());
        boolean clean = true;
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                clean = false;
                family.addAll(process.descendants().toList());
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
        for (ProcessHandle member : family) {
            if (!awaitExit(member, Duration.ofSeconds(10))) {
                clean = false;
                member.destroyForcibly();
                awaitExit(member, Duration.ofSeconds(5));
            }
        }
        return clean;
    }

    private static boolean awaitExit(ProcessHandle handle, Duration timeout) throws InterruptedException {
        if (!handle.isAlive()) {
            return true;
        }
        try {
            handle.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return !handle.isAlive();
        } catch (ExecutionException e) {
            return !handle.isAlive();
        }
    }
}
