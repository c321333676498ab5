package org.biotdm.cli.bench;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.biotdm.cli.KeyValues;
import org.biotdm.cli.stack.ChildProcess;
import org.biotdm.cli.stack.StackException;

/**
 * What the client processes of {@code bench connections} ({@link ConnectionsWorker}) report in their logs, one line
 * a second: {@code PROVISIONED …}, {@code CONNECTED …}, {@code HOLD …} and the {@code -ALL} lines that end a phase.
 */
final class WorkerLogs {
    private WorkerLogs() {}

    /**
     * Returns the last line of a log that starts with a prefix, looking at the log's last 64 KiB.
     *
     * @param log the log
     * @param prefix the prefix
     * @return the line, or empty when there is none
     * @throws IOException when the log cannot be read
     */
    static Optional<String> lastLine(Path log, String prefix) throws IOException {
        if (!Files.exists(log)) {
            return Optional.empty();
        }
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long length = file.length();
            int size = (int) Math.min(length, 64 * 1024);
            byte[] tail = new byte[size];
            file.seek(length - size);
            file.readFully(tail);
            String[] lines = new String(tail, StandardCharsets.UTF_8).split("\n");
            for (int i = lines.length - 1; i >= 0; i--) {
                // A last line without its newline may still be being written: only complete lines count.
                boolean complete = i < lines.length - 1 || (size > 0 && tail[size - 1] == '\n');
                if (complete && lines[i].startsWith(prefix)) {
                    return Optional.of(lines[i].stripTrailing());
                }
            }
            return Optional.empty();
        }
    }

    /** Sums the clients' last {@code HOLD} lines: long polls completed and failed. */
    static long[] pollFigures(List<ChildProcess> clients) throws IOException {
        long polls = 0;
        long errors = 0;
        for (ChildProcess client : clients) {
            Optional<String> line = lastLine(client.log(), "HOLD ");
            if (line.isPresent()) {
                Map<String, String> figures = KeyValues.parse("HOLD", line.get());
                polls += Long.parseLong(figures.getOrDefault("polls", "0"));
                errors += Long.parseLong(figures.getOrDefault("errors", "0"));
            }
        }
        return new long[] {polls, errors};
    }

    /** The summed progress of a phase's workers, read from the last progress line of each one's log. */
    static final class PhaseProgress {
        long done;
        long failed;
        int finished;

        /**
         * Adds a worker's progress: its {@code <tag>-ALL} line when it has one, else its last {@code <tag>} line. It
         * has finished when it exited ({@code untilExit}) or printed its {@code -ALL} line.
         *
         * @throws StackException when the worker exited before finishing
         */
        void read(ChildProcess worker, String tag, boolean untilExit) throws IOException {
            Optional<String> all = lastLine(worker.log(), tag + "-ALL ");
            Optional<String> line = all.isPresent() ? all : lastLine(worker.log(), tag + " ");
            if (line.isPresent()) {
                Map<String, String> figures =
                        KeyValues.parse(line.get().substring(0, line.get().indexOf(' ')), line.get());
                done += Long.parseLong(figures.getOrDefault(tag.equals("CONNECTED") ? "open" : "done", "0"));
                failed += Long.parseLong(figures.getOrDefault("failed", "0"));
            }
            if (untilExit ? !worker.isAlive() : all.isPresent()) {
                finished++;
            } else if (!worker.isAlive()) {
                throw new StackException("The " + worker.name() + " exited with status " + worker.exitValue(), worker);
            }
        }
    }
}
