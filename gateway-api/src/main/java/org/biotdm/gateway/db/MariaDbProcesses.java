package org.biotdm.gateway.db;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the {@code mariadbd} processes that serve a data directory, by the {@code --datadir=<dir>} argument every
 * embedded server is started with ({@link EmbeddedMariaDb}), and stops the ones a dead gateway left behind.
 *
 * <p>A gateway killed with SIGKILL cannot stop its MariaDB: the server keeps running, orphaned, and holds the data
 * directory's InnoDB lock and its port, so a new server on the same directory would wait for the lock forever. Such a
 * server is <em>stale</em> when no live JVM is its parent (its parent is gone, or is {@code init} or a subreaper,
 * which is what an orphan is handed to). A server whose parent is another live JVM belongs to a running gateway and
 * is never touched. Process information comes from {@link ProcessHandle} ({@code /proc} on Linux), so only the
 * processes of this user are seen, which are the only ones it could stop anyway.
 */
final class MariaDbProcesses {
    private static final Logger LOG = LoggerFactory.getLogger(MariaDbProcesses.class);
    /** How long a stale server may take to shut down cleanly (InnoDB flushes) before it is killed. */
    private static final Duration STOP_GRACE = Duration.ofSeconds(60);

    private MariaDbProcesses() {}

    /**
     * Returns the live processes started with {@code --datadir=<dataDir>}.
     *
     * @param dataDir the absolute, normalised data directory
     * @return the processes, possibly none
     */
    static List<ProcessHandle> serving(Path dataDir) {
        try (var all = ProcessHandle.allProcesses()) {
            return all.filter(process -> serves(process, dataDir)).toList();
        }
    }

    /**
     * Returns the server this JVM started for a data directory.
     *
     * @param dataDir the absolute, normalised data directory
     * @return its process, or empty when none of this JVM's descendants serves it
     */
    static Optional<ProcessHandle> ownServer(Path dataDir) {
        try (var descendants = ProcessHandle.current().descendants()) {
            return descendants.filter(process -> serves(process, dataDir)).findFirst();
        }
    }

    private static boolean serves(ProcessHandle process, Path dataDir) {
        String argument = "--datadir=" + dataDir;
        return process.info()
                .arguments()
                .map(arguments -> Arrays.asList(arguments).contains(argument))
                .orElse(false);
    }

    /**
     * Stops every server of a data directory that a dead gateway left behind: SIGTERM, up to 60 s for its clean
     * shutdown, then SIGKILL.
     *
     * @param dataDir the absolute, normalised data directory
     * @return how many stale servers were stopped
     * @throws IllegalStateException when a server of another live JVM (a running gateway) serves the directory
     * @throws InterruptedException when interrupted while waiting for one to stop
     */
    static int stopStale(Path dataDir) throws InterruptedException {
        int stopped = 0;
        for (ProcessHandle server : serving(dataDir)) {
            Optional<ProcessHandle> owner = server.parent().filter(MariaDbProcesses::isOtherJvm);
            if (owner.isPresent()) {
                throw new IllegalStateException("MariaDB (process " + server.pid() + ") of the running process "
                        + owner.get().pid() + " already serves " + dataDir + "; stop that gateway first");
            }
            LOG.warn("Stopping MariaDB process {} left running on {} by a gateway that died", server.pid(), dataDir);
            stop(server);
            stopped++;
        }
        return stopped;
    }

    /** SIGTERM, the grace period, then SIGKILL; returns when the process is gone. */
    static void stop(ProcessHandle process) throws InterruptedException {
        process.destroy();
        if (!awaitExit(process, STOP_GRACE)) {
            process.destroyForcibly();
            awaitExit(process, Duration.ofSeconds(10));
        }
    }

    private static boolean awaitExit(ProcessHandle process, Duration timeout) throws InterruptedException {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            return !process.isAlive();
        }
    }

    private static boolean isOtherJvm(ProcessHandle process) {
        return process.pid() != ProcessHandle.current().pid()
                && process.isAlive()
                && process.info()
                        .command()
                        .map(command -> command.endsWith("/java"))
                        .orElse(false);
    }
}
