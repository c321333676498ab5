package org.biotdm.cli.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.biotdm.cli.stack.DatabaseAccount;

/**
 * Samples what a long run could make grow in the gateway: its live heap after a full collection ({@link
 * ProcessProbe#liveHeapBytes}), its threads ({@code Threads:} of {@code /proc/<pid>/status}), its open file
 * descriptors (the entries of {@code /proc/<pid>/fd}), and MariaDB's bytes per stored reading (the {@code telemetry}
 * table's data and index length from {@code information_schema.TABLES} after {@code ANALYZE TABLE}, over its row count).
 * Linux only.
 */
final class SoakProbe {
    private static final Pattern THREADS = Pattern.compile("(?m)^Threads:\\s+(\\d+)");

    /**
     * One sample.
     *
     * @param minutes minutes since the soak began
     * @param liveHeapBytes the gateway's heap after a full collection, bytes
     * @param threads the gateway's threads
     * @param openFiles the gateway's open file descriptors (sockets included)
     * @param telemetryRows stored readings
     * @param telemetryBytes the telemetry table's data and index, bytes
     */
    record Sample(
            double minutes, long liveHeapBytes, int threads, int openFiles, long telemetryRows, long telemetryBytes) {
        /**
         * Returns MariaDB's bytes per stored reading.
         *
         * @return bytes per reading, NaN when none is stored
         */
        double bytesPerReading() {
            return telemetryRows == 0 ? Double.NaN : (double) telemetryBytes / telemetryRows;
        }

        /**
         * Formats the sample as one progress line.
         *
         * @return {@code minute=… heap_mb=… threads=… fds=… readings=… bytes_per_reading=…}
         */
        String line() {
            return String.format(
                    Locale.ROOT,
                    "minute=%.1f heap_mb=%.1f threads=%d fds=%d readings=%d bytes_per_reading=%.1f",
                    minutes,
                    liveHeapBytes / 1048576.0,
                    threads,
                    openFiles,
                    telemetryRows,
                    bytesPerReading());
        }
    }

    private final long gatewayPid;
    private final String jdbcUrl;
    private final DatabaseAccount account;

    /**
     * Creates a probe.
     *
     * @param gatewayPid the gateway's JVM
     * @param jdbcUrl the gateway's database
     * @param account the gateway's database account
     */
    SoakProbe(long gatewayPid, String jdbcUrl, DatabaseAccount account) {
        this.gatewayPid = gatewayPid;
        this.jdbcUrl = jdbcUrl;
        this.account = account;
    }

    /**
     * Takes a sample.
     *
     * @param minutes minutes since the soak began
     * @return the sample
     * @throws IOException when {@code /proc} or jcmd cannot be read
     * @throws SQLException when the database cannot be queried
     * @throws InterruptedException when interrupted
     */
    Sample sample(double minutes) throws IOException, SQLException, InterruptedException {
        long heap = ProcessProbe.liveHeapBytes(gatewayPid);
        int threads = threads(Files.readString(Path.of("/proc", Long.toString(gatewayPid), "status")));
        int openFiles;
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(gatewayPid), "fd"))) {
            openFiles = (int) fds.count();
        }
        try (Connection db = DriverManager.getConnection(jdbcUrl, account.user(), account.password());
                Statement statement = db.createStatement()) {
            statement.execute("ANALYZE TABLE telemetry");
            long rows = single(statement, "SELECT COUNT(*) FROM telemetry");
            long bytes = single(
                    statement,
                    "SELECT DATA_LENGTH + INDEX_LENGTH FROM information_schema.TABLES"
                            + " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = 'telemetry'");
            return new Sample(minutes, heap, threads, openFiles, rows, bytes);
        }
    }

    /**
     * Reads the thread count of a {@code /proc/<pid>/status} text.
     *
     * @param status the file's text
     * @return the {@code Threads:} figure
     * @throws IOException when the text has none
     */
    static int threads(String status) throws IOException {
        Matcher matcher = THREADS.matcher(status);
        if (!matcher.find()) {
            throw new IOException("no Threads: line in /proc/<pid>/status");
        }
        return Integer.parseInt(matcher.group(1));
    }

    private static long single(Statement statement, String sql) throws SQLException {
        try (ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
