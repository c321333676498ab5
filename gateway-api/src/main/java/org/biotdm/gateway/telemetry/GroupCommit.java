package org.biotdm.gateway.telemetry;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.biotdm.gateway.anchor.AnchorWindowGate;

/**
 * The SQL of one group-commit transaction, run by a {@link TelemetryWriter} thread on a connection with auto-commit
 * off. One instance per writer thread (it caches statement texts); not thread-safe.
 *
 * <p>Order inside the transaction:
 *
 * <ol>
 *   <li>batches repeated inside the group are set aside, and for batches the sequence window has seen (or every
 *       batch, on a retry after a race) the existing {@code telemetry_batches} rows are read: same content hash
 *       means a duplicate (original acknowledgement), a different one a sequence conflict;
 *   <li>the window lock, through the anchoring feature's {@link AnchorWindowGate}: {@code INSERT IGNORE} of the
 *       {@code anchor_windows} row of the receive time (status {@code OPEN}), then {@code SELECT status …
 *       LOCK IN SHARE MODE}; a sealed window moves the group to the next open one. The shared lock is held to the
 *       commit, so the sealer, which locks the row exclusively before it reads the window's readings and flips it
 *       to {@code SEALED}, waits for this transaction and then sees all its rows, and no reading can join a window
 *       after it was sealed;
 *   <li>multi-row {@code INSERT IGNORE} into {@code telemetry_batches}: if fewer rows are inserted than offered, a
 *       concurrent writer (another instance) committed one of the sequence numbers meanwhile, and {@link
 *       DuplicateRaceException} asks the caller to roll back and retry with every batch checked;
 *   <li>multi-row {@code INSERT} of the readings into {@code telemetry}, in statements of up to {@value #ROWS_PER_STATEMENT}
 *       rows.
 * </ol>
 *
 * <p>Hand-written JDBC rather than a Micronaut Data repository: the measured ingest rate ({@code bench ingest}, about
 * 74,000 readings/s in the README) rests on one multi-row {@code INSERT} per {@value #ROWS_PER_STATEMENT} readings and
 * on the affected-row count of the multi-row {@code INSERT IGNORE}, inside a transaction this writer drives with the
 * window's shared lock; a repository's {@code saveAll} sends one row per statement and hides the count.
 */
final class GroupCommit {
    /** Readings per multi-row INSERT statement; 10 parameters each. */
    static final int ROWS_PER_STATEMENT = 500;

    private static final String BATCH_COLUMNS = "INSERT IGNORE INTO telemetry_batches (device_id, batch_seq, batch_ts,"
            + " body_sha256, reading_count, window_id, received_at) VALUES ";
    private static final String BATCH_VALUES = "(?,?,?,?,?,?,?)";
    private static final String READING_COLUMNS = "INSERT INTO telemetry (received_at, device_id, batch_seq, sensor,"
            + " ts, value_num, value_text, value_kind, unit, window_id) VALUES ";
    private static final String READING_VALUES = "(?,?,?,?,?,?,?,?,?,?)";
    private static final String EXISTING = "SELECT device_id, batch_seq, body_sha256, reading_count, window_id,"
            + " received_at FROM telemetry_batches WHERE (device_id, batch_seq) IN (";

    private final AnchorWindowGate windowGate;
    private final String[] batchInserts = new String[ROWS_PER_STATEMENT + 1];
    private final String[] readingInserts = new String[ROWS_PER_STATEMENT + 1];

    /** What became of one batch of the group. */
    enum Kind {
        /** Stored by this transaction. */
        ACCEPTED,
        /** Stored before with the same content; answered with the original acknowledgement. */
        DUPLICATE,
        /** Stored before with a different content; refused with {@code TELEMETRY_SEQ_CONFLICT}. */
        CONFLICT
    }

    /**
     * The result for one batch.
     *
     * @param kind what became of it
     * @param ack the acknowledgement of the stored batch (for a conflict, of the one stored before)
     * @param storedSha256 the content hash of the stored batch
     */
    record Outcome(Kind kind, TelemetryAck ack, String storedSha256) {}

    /** A sequence number was committed by someone else between the duplicate check and the insert. */
    static final class DuplicateRaceException extends Exception {
        private static final long serialVersionUID = 1L;

        DuplicateRaceException() {
            super("a sequence number was committed concurrently", null, false, false);
        }
    }

    GroupCommit(AnchorWindowGate windowGate) {
        this.windowGate = windowGate;
    }

    /**
     * Writes a group in the caller's transaction; the caller commits.
     *
     * @param connection a connection with auto-commit off
     * @param group the batches, in arrival order
     * @param checkAll true to look up every batch's sequence number, not only the suspects
     * @param now the receive time, epoch milliseconds
     * @return the outcome of each batch, by group position
     * @throws SQLException on any database failure (the caller rolls back)
     * @throws DuplicateRaceException when the caller must roll back and retry with {@code checkAll}
     */
    Outcome[] write(Connection connection, List<PendingBatch> group, boolean checkAll, long now)
            throws SQLException, DuplicateRaceException {
        int size = group.size();
        Outcome[] outcomes = new Outcome[size];
        int[] leaderOf = new int[size];
        List<Integer> toCheck = new ArrayList<>();
        Map<Key, Integer> leaders = new HashMap<>(size * 2);
        for (int i = 0; i < size; i++) {
            PendingBatch pending = group.get(i);
            Integer leader = leaders.putIfAbsent(
                    new Key(pending.deviceId(), pending.batch().seq()), i);
            leaderOf[i] = leader == null ? -1 : leader;
            if (leader == null && (checkAll || pending.suspect())) {
                toCheck.add(i);
            }
        }
        if (!toCheck.isEmpty()) {
            findStored(connection, group, toCheck, outcomes);
        }
        List<Integer> fresh = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            if (leaderOf[i] < 0 && outcomes[i] == null) {
                fresh.add(i);
            }
        }
        if (!fresh.isEmpty()) {
            long window = windowGate.join(connection, now);
            LocalDateTime receivedAt = LocalDateTime.ofEpochSecond(
                    Math.floorDiv(now, 1000), (int) Math.floorMod(now, 1000) * 1_000_000, ZoneOffset.UTC);
            if (insertBatches(connection, group, fresh, window, receivedAt) != fresh.size()) {
                throw new DuplicateRaceException();
            }
            insertReadings(connection, group, fresh, window, receivedAt);
            for (int i : fresh) {
                PendingBatch pending = group.get(i);
                TelemetryAck ack = new TelemetryAck(
                        pending.batch().seq(), pending.batch().readings().size(), window, now);
                outcomes[i] = new Outcome(Kind.ACCEPTED, ack, pending.contentSha256());
            }
        }
        for (int i = 0; i < size; i++) {
            if (leaderOf[i] >= 0) {
                Outcome stored = outcomes[leaderOf[i]];
                Kind kind = stored.storedSha256().equals(group.get(i).contentSha256()) ? Kind.DUPLICATE : Kind.CONFLICT;
                outcomes[i] = new Outcome(kind, stored.ack(), stored.storedSha256());
            }
        }
        return outcomes;
    }

    private static void findStored(
            Connection connection, List<PendingBatch> group, List<Integer> toCheck, Outcome[] out) throws SQLException {
        Map<Key, Integer> wanted = new HashMap<>(toCheck.size() * 2);
        StringBuilder sql = new StringBuilder(EXISTING);
        for (int i = 0; i < toCheck.size(); i++) {
            PendingBatch pending = group.get(toCheck.get(i));
            wanted.put(new Key(pending.deviceId(), pending.batch().seq()), toCheck.get(i));
            sql.append(i == 0 ? "(?,?)" : ",(?,?)");
        }
        sql.append(')');
        try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            int p = 1;
            for (int index : toCheck) {
                statement.setString(p++, group.get(index).deviceId());
                statement.setLong(p++, group.get(index).batch().seq());
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    Integer index = wanted.get(new Key(rows.getString(1), rows.getLong(2)));
                    if (index == null) {
                        continue;
                    }
                    String storedSha256 = rows.getString(3);
                    long receivedAt = rows.getObject(6, LocalDateTime.class)
                            .toInstant(ZoneOffset.UTC)
                            .toEpochMilli();
                    TelemetryAck original =
                            new TelemetryAck(rows.getLong(2), rows.getInt(4), rows.getLong(5), receivedAt);
                    Kind kind = storedSha256.equals(group.get(index).contentSha256()) ? Kind.DUPLICATE : Kind.CONFLICT;
                    out[index] = new Outcome(kind, original, storedSha256);
                }
            }
        }
    }

    private int insertBatches(
            Connection connection, List<PendingBatch> group, List<Integer> fresh, long window, LocalDateTime receivedAt)
            throws SQLException {
        int inserted = 0;
        for (int from = 0; from < fresh.size(); from += ROWS_PER_STATEMENT) {
            int rows = Math.min(ROWS_PER_STATEMENT, fresh.size() - from);
            try (PreparedStatement statement = connection.prepareStatement(batchInsert(rows))) {
                int p = 1;
                for (int i = from; i < from + rows; i++) {
                    PendingBatch pending = group.get(fresh.get(i));
                    statement.setString(p++, pending.deviceId());
                    statement.setLong(p++, pending.batch().seq());
                    statement.setLong(p++, pending.batch().ts());
                    statement.setString(p++, pending.contentSha256());
                    statement.setInt(p++, pending.batch().readings().size());
                    statement.setLong(p++, window);
                    statement.setObject(p++, receivedAt);
                }
                inserted += statement.executeUpdate();
            }
        }
        return inserted;
    }

    private void insertReadings(
            Connection connection, List<PendingBatch> group, List<Integer> fresh, long window, LocalDateTime receivedAt)
            throws SQLException {
        RowCursor cursor = new RowCursor(group, fresh);
        while (cursor.remaining() > 0) {
            int rows = Math.min(ROWS_PER_STATEMENT, cursor.remaining());
            try (PreparedStatement statement = connection.prepareStatement(readingInsert(rows))) {
                int p = 1;
                for (int r = 0; r < rows; r++) {
                    PendingBatch pending = cursor.batch();
                    TelemetryReading reading = cursor.next();
                    statement.setObject(p++, receivedAt);
                    statement.setString(p++, pending.deviceId());
                    statement.setLong(p++, pending.batch().seq());
                    statement.setString(p++, reading.sensor());
                    statement.setLong(
                            p++,
                            reading.hasTs() ? reading.ts() : pending.batch().ts());
                    if (Double.isNaN(reading.valueNumber())) {
                        statement.setNull(p++, Types.DOUBLE);
                    } else {
                        statement.setDouble(p++, reading.valueNumber());
                    }
                    statement.setString(p++, reading.valueText());
                    statement.setString(p++, reading.kind().name());
                    statement.setString(p++, reading.unit());
                    statement.setLong(p++, window);
                }
                statement.executeUpdate();
            }
        }
    }

    private String batchInsert(int rows) {
        String sql = batchInserts[rows];
        if (sql == null) {
            sql = multiRow(BATCH_COLUMNS, BATCH_VALUES, rows);
            batchInserts[rows] = sql;
        }
        return sql;
    }

    private String readingInsert(int rows) {
        String sql = readingInserts[rows];
        if (sql == null) {
            sql = multiRow(READING_COLUMNS, READING_VALUES, rows);
            readingInserts[rows] = sql;
        }
        return sql;
    }

    private static String multiRow(String head, String values, int rows) {
        StringBuilder sql = new StringBuilder(head.length() + rows * (values.length() + 1));
        sql.append(head);
        for (int i = 0; i < rows; i++) {
            if (i > 0) {
                sql.append(',');
            }
            sql.append(values);
        }
        return sql.toString();
    }

    private record Key(String deviceId, long seq) {}

    /** Walks the readings of the fresh batches in order, across batch boundaries. */
    private static final class RowCursor {
        private final List<PendingBatch> group;
        private final List<Integer> fresh;
        private int batch;
        private int reading;
        private int remaining;

        RowCursor(List<PendingBatch> group, List<Integer> fresh) {
            this.group = group;
            this.fresh = fresh;
            for (int index : fresh) {
                remaining += group.get(index).batch().readings().size();
            }
        }

        int remaining() {
            return remaining;
        }

        PendingBatch batch() {
            return group.get(fresh.get(batch));
        }

        TelemetryReading next() {
            List<TelemetryReading> readings = batch().batch().readings();
            TelemetryReading next = readings.get(reading++);
            if (reading == readings.size()) {
                batch++;
                reading = 0;
            }
            remaining--;
            return next;
        }
    }
}
