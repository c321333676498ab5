package org.biotdm.cli.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.biotdm.cli.replay.LoadReadings;
import org.biotdm.cli.stack.DatabaseAccount;
import org.biotdm.protocol.telemetry.Reading;
import org.biotdm.protocol.telemetry.ValueKind;

/**
 * The raw batched-insert rate of a MariaDB: JDBC batched {@code INSERT}s into a scratch table created {@code LIKE
 * telemetry} (same columns, keys and partitions; dropped afterwards), one transaction per batch, from several
 * connections at once. It is the ceiling the gateway's end-to-end ingest is compared with.
 */
final class RawInsertBench {
    /** The scratch table, created and dropped by {@link #run}. */
    static final String SCRATCH = "bench_insert_scratch";

    private static final String INSERT = "INSERT INTO " + SCRATCH + " (received_at, device_id, batch_seq, sensor, ts,"
            + " value_num, value_text, value_kind, unit, window_id) VALUES (?,?,?,?,?,?,?,?,?,?)";

    private final String jdbcUrl;
    private final DatabaseAccount account;
    private final int batchSize;
    private final int connections;

    /**
     * Creates the benchmark.
     *
     * @param jdbcUrl the database, for example {@code jdbc:mariadb://127.0.0.1:3306/biotdm}
     * @param account the gateway's application account on it ({@link DatabaseAccount#of})
     * @param batchSize rows per batch (one transaction each)
     * @param connections connections inserting at once
     */
    public RawInsertBench(String jdbcUrl, DatabaseAccount account, int batchSize, int connections) {
        this.jdbcUrl = jdbcUrl;
        this.account = account;
        this.batchSize = batchSize;
        this.connections = connections;
    }

    /**
     * Returns the JDBC URL of the gateway's database on the embedded MariaDB.
     *
     * @param port the embedded MariaDB's port
     * @return {@code jdbc:mariadb://127.0.0.1:PORT/biotdm} with bulk batched statements
     */
    public static String jdbcUrl(int port) {
        return "jdbc:mariadb://127.0.0.1:" + port + "/biotdm?useBulkStmts=true";
    }

    /**
     * Creates the scratch table, inserts batches for the given time from every connection, and drops it.
     *
     * @param seconds how long to insert, s
     * @return rows inserted per second over all connections
     * @throws SQLException when the database refuses
     * @throws InterruptedException when interrupted
     */
    public double run(int seconds) throws SQLException, InterruptedException {
        try (Connection connection = connect();
                Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS " + SCRATCH);
            statement.execute("CREATE TABLE " + SCRATCH + " LIKE telemetry");
        }
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        try {
            long start = System.nanoTime();
            long end = start + seconds * 1_000_000_000L;
            List<Future<Long>> inserters = new ArrayList<>();
            for (int i = 0; i < connections; i++) {
                int index = i;
                inserters.add(pool.submit(() -> insertUntil(index, end)));
            }
            long rows = 0;
            for (Future<Long> inserter : inserters) {
                rows += inserter.get();
            }
            return BenchStats.perSecond(rows, Math.max(1, System.nanoTime() - start));
        } catch (ExecutionException e) {
            throw e.getCause() instanceof SQLException s ? s : new SQLException(e.getCause());
        } finally {
            pool.shutdownNow();
            try (Connection connection = connect();
                    Statement statement = connection.createStatement()) {
                statement.execute("DROP TABLE IF EXISTS " + SCRATCH);
            }
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, account.user(), account.password());
    }

    private static void addRow(
            PreparedStatement insert, Timestamp receivedAt, String deviceId, long seq, Reading reading, long windowId)
            throws SQLException {
        insert.setTimestamp(1, receivedAt);
        insert.setString(2, deviceId);
        insert.setLong(3, seq);
        insert.setString(4, reading.sensor());
        insert.setLong(5, reading.ts());
        if (reading.kind() == ValueKind.N) {
            insert.setDouble(6, Double.parseDouble(reading.valueText()));
        } else {
            insert.setNull(6, java.sql.Types.DOUBLE);
        }
        insert.setString(7, reading.valueText());
        insert.setString(8, reading.kind().name());
        insert.setString(9, reading.unit());
        insert.setLong(10, windowId);
        insert.addBatch();
    }

    private long insertUntil(int index, long endNanos) throws SQLException {
        LoadReadings generator = new LoadReadings(1000L + index);
        String deviceId = "raw-" + index;
        long rows = 0;
        long seq = 0;
        try (Connection connection = connect();
                PreparedStatement insert = connection.prepareStatement(INSERT)) {
            connection.setAutoCommit(false);
            while (System.nanoTime() < endNanos) {
                long now = System.currentTimeMillis();
                Timestamp receivedAt = new Timestamp(now);
                seq++;
                for (Reading reading : generator.next(batchSize, now)) {
                    addRow(insert, receivedAt, deviceId, seq, reading, now / 60_000);
                }
                insert.executeBatch();
                connection.commit();
                rows += batchSize;
            }
        }
        return rows;
    }
}
