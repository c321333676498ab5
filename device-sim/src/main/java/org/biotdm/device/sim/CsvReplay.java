package org.biotdm.device.sim;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.zip.GZIPInputStream;
import org.biotdm.protocol.telemetry.Reading;

/**
 * Replays the rows of a CSV file as readings of devices, mapped by {@link ReplayOptions}, with no code per data set.
 *
 * <p><b>Time.</b> The gateway accepts readings from the last 24 hours only, so a replay moves the file's timeline to
 * now: the first row's time (or, with {@code --interval-ms}, a device's row {@code k} at {@code k·interval}) becomes
 * the replay's start, and a row whose time lies {@code Δ} after it is sent at {@code start + Δ / speedup} with that
 * time as its reading time. Rows are read in file order; a row whose time has already passed is sent at once (its
 * reading time is still {@code start + Δ / speedup}, but at most 23 hours in the past). With speedup 0
 * rows are sent as fast as the devices' buffers accept them, each stamped with the time it is read.
 *
 * <p><b>Values.</b> A number is sent as the exact text of the file when it is a JSON number, otherwise in JSON form
 * ({@code +3} → {@code 3}, {@code .5} → {@code 0.5}); {@code true}/{@code false} as booleans; any other text of 1–64
 * characters without {@code |} as a state ({@code ON}, {@code OFF}, {@code OPEN}). A value equal to a {@code
 * --missing} marker is counted and not sent.
 *
 * <p><b>Bad rows.</b> A row with a missing column, an unreadable time, a bad device ID or sensor name, or a value that
 * is neither a number nor a state is skipped as a whole: counted, and reported with its line number and reason
 * through the skipped-row callback and in the {@link ReplayReport}. Nothing is dropped silently and nothing is
 * invented. Blank lines are not rows.
 */
public final class CsvReplay {
    /** How far behind the clock a late row's time may fall: the gateway's 24 h, less an hour of margin. */
    private static final long MAX_LATE_MS = Duration.ofHours(23).toMillis();

    private final ReplayOptions options;
    private final LongSupplier clock;
    private final Sleeper sleeper;
    private Consumer<ReplayReport.SkippedRow> onSkipped = row -> {};
    private Consumer<ReplayReport> onProgress = report -> {};
    private Consumer<String> onRenamed = line -> {};
    private long progressEveryMs = Long.MAX_VALUE;

    /** Waits until a replay time; replaceable in tests. */
    @FunctionalInterface
    public interface Sleeper {
        /**
         * Sleeps.
         *
         * @param millis how long, positive
         * @throws InterruptedException when interrupted
         */
        void sleep(long millis) throws InterruptedException;
    }

    /**
     * Creates a replay on the system clock.
     *
     * @param options the file and its mapping
     */
    public CsvReplay(ReplayOptions options) {
        this(options, System::currentTimeMillis, Thread::sleep);
    }

    /**
     * Creates a replay on a given clock.
     *
     * @param options the file and its mapping
     * @param clock epoch milliseconds
     * @param sleeper how to wait for a row's time
     */
    public CsvReplay(ReplayOptions options, LongSupplier clock, Sleeper sleeper) {
        this.options = options;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /**
     * Sets a callback for each skipped row, as it happens (for example to print it).
     *
     * @param callback the callback
     * @return this replay
     */
    public CsvReplay onSkipped(Consumer<ReplayReport.SkippedRow> callback) {
        this.onSkipped = callback;
        return this;
    }

    /**
     * Sets a callback for each label the naming rule ({@code protocol/names.md}) maps to another sensor name or device
     * ID, called once per distinct label with a line {@code RENAMED device|sensor '<label>' -> '<name>'}.
     *
     * @param callback the callback
     * @return this replay
     */
    public CsvReplay onRenamed(Consumer<String> callback) {
        this.onRenamed = callback;
        return this;
    }

    /**
     * Sets a callback for progress: an interim report (acknowledgements so far) at most once per interval of the
     * replay clock, while rows are read.
     *
     * @param callback the callback
     * @param every the interval
     * @return this replay
     */
    public CsvReplay onProgress(Consumer<ReplayReport> callback, Duration every) {
        this.onProgress = callback;
        this.progressEveryMs = every.toMillis();
        return this;
    }

    /**
     * Runs the replay to the end of the file (or {@code --limit}), then waits for the sink's acknowledgements.
     *
     * @param sink where the readings go
     * @param ackTimeout how long to wait for the acknowledgements at the end
     * @return the counts
     * @throws IOException when the file cannot be read, a named column does not exist, or the sink fails
     * @throws InterruptedException when interrupted
     */
    public ReplayReport run(ReplaySink sink, Duration ackTimeout) throws IOException, InterruptedException {
        try (BufferedReader in = open()) {
            CsvReader csv = new CsvReader(in, options.delimiter());
            List<String> header = List.of();
            if (options.header()) {
                String first = csv.next();
                header = first == null ? List.of() : csv.split(first);
            }
            RowMapper mapper = new RowMapper(options, header, onRenamed);
            try {
                mapper.checkColumns();
            } catch (RowMapper.RowException e) {
                throw new IOException(e.getMessage(), e);
            }
            Counts counts = new Counts();
            long start = clock.getAsLong();
            Long firstTime = null;
            long lastProgress = start;
            for (String line = csv.next();
                    line != null && (options.limit() == 0 || counts.rows < options.limit());
                    line = csv.next()) {
                if (line.isBlank()) {
                    continue;
                }
                counts.rows++;
                RowMapper.Row row;
                try {
                    row = mapper.map(csv.split(line));
                } catch (RowMapper.RowException | IllegalArgumentException e) {
                    counts.skip(new ReplayReport.SkippedRow(csv.lineNumber(), e.getMessage()));
                    continue;
                }
                if (firstTime == null) {
                    firstTime = options.intervalMs() > 0 ? 0L : row.time();
                }
                long ts = replayTime(start, row.time() - firstTime);
                counts.missing += row.missing();
                if (!row.values().isEmpty()) {
                    List<Reading> readings = new ArrayList<>(row.values().size());
                    for (RowMapper.Value value : row.values()) {
                        readings.add(value.at(ts));
                    }
                    sink.accept(row.deviceId(), readings);
                    counts.readings += readings.size();
                    counts.devices.add(row.deviceId());
                }
                long now = clock.getAsLong();
                sink.tick(now);
                if (now - lastProgress >= progressEveryMs) {
                    lastProgress = now;
                    onProgress.accept(counts.report(sink.acknowledged()));
                }
            }
            return counts.report(sink.finish(ackTimeout));
        }
    }

    /** Waits until the row's replay time and returns the reading time to give it. */
    private long replayTime(long start, long offset) throws InterruptedException {
        long now = clock.getAsLong();
        if (options.speedup() == 0) {
            return now;
        }
        long due = start + (long) (Math.max(0, offset) / options.speedup());
        if (due > now) {
            sleeper.sleep(due - now);
            return due;
        }
        // The gateway refuses readings more than 24 h older than their batch.
        return Math.max(due, now - MAX_LATE_MS);
    }

    private BufferedReader open() throws IOException {
        InputStream in = Files.newInputStream(options.csv());
        if (options.csv().getFileName().toString().endsWith(".gz")) {
            in = new GZIPInputStream(in, 1 << 16);
        }
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
    }

    private final class Counts {
        long rows;
        long readings;
        long skipped;
        long missing;
        final Set<String> devices = new HashSet<>();
        final List<ReplayReport.SkippedRow> details = new ArrayList<>();

        ReplayReport report(long acked) {
            return new ReplayReport(devices.size(), rows, readings, skipped, missing, acked, List.copyOf(details));
        }

        void skip(ReplayReport.SkippedRow row) {
            skipped++;
            if (details.size() < ReplayReport.MAX_DETAILS) {
                details.add(row);
            }
            onSkipped.accept(row);
        }
    }
}
