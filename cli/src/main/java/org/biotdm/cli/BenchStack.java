package org.biotdm.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
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

    private Stack stack;
    private Path temporary;
    private Thread hook;

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
        StackOptions options = new StackOptions();
        if (dataDir == null) {
            temporary = Files.createTempDirectory("biotdm-bench-");
            options.dataDir = temporary;
        } else {
            options.dataDir = dataDir;
        }
        options.apiPort = 0;
        options.devicePort = 0;
        options.devnetPort = 0;
        stack = new Stack(home, options, err);
        hook = UpCommand.StackRunner.stopOnShutdown(stack, err);
        try {
            UpCommand.StackRunner.startAndAnnounce(stack, err, err);
        } catch (Exception e) {
            if (temporary != null) {
                err.println("Keeping " + temporary + " for its logs");
                temporary = null;
            }
            throw e;
        }
        return stack;
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
                deleteTree(temporary);
            } catch (IOException e) {
                System.err.println("Could not delete " + temporary + ": " + e.getMessage());
            }
            temporary = null;
        }
    }

    private static void deleteTree(Path root) throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
