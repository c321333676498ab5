package org.biotdm.gateway.anchor;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.biotdm.protocol.anchor.ReadingLeaf;

/**
 * JDBC access to {@code anchor_windows}, {@code anchor_leaves} and the telemetry rows of a window. Every method works
 * on the caller's connection and transaction.
 *
 * <p>Hand-written JDBC rather than a Micronaut Data repository: sealing is one READ COMMITTED transaction that the
 * sealer drives itself on a connection of its own ({@code SELECT … FOR UPDATE} on the window row, waiting for the
 * writers' shared locks, then the window's readings, leaves, status and outbox row), and the same code runs without
 * an application context in the anchoring tests; a repository only joins transactions Micronaut's own transaction
 * manager opened.
 */
public final class WindowRepository {
    private static final String READING_COLUMNS =
            "id, window_id, device_id, batch_seq, sensor, ts, value_kind, value_text, unit, value_num";
    private static final String WINDOW_COLUMNS =
            "window_id, start_ms, end_ms, status, leaf_count, merkle_root, hash_scheme, ledger_window_id";
    private static final int INSERT_CHUNK = 500;

    private final WindowLayout layout;

    /**
     * Creates the repository.
     *
     * @param layout the window layout, for the bounds of rows it creates
     */
    public WindowRepository(WindowLayout layout) {
        this.layout = layout;
    }

    /**
     * Creates the row of an open window unless one exists. Run it outside the sealing transaction (autocommit), so
     * the sealing transaction only ever locks an existing row and two sealers cannot deadlock on the insert.
     *
     * @param c the connection
     * @param window the window number
     * @throws SQLException on database failure
     */
    public void ensureOpen(Connection c, long window) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT IGNORE INTO anchor_windows"
                + " (window_id, start_ms, end_ms, status) VALUES (?, ?, ?, '" + WindowRecord.OPEN + "')")) {
            insert.setLong(1, window);
            insert.setLong(2, layout.startOf(window));
            insert.setLong(3, layout.endOf(window));
            insert.executeUpdate();
        }
    }

    /**
     * Locks a window's row exclusively until the transaction ends, waiting for writers that hold it shared.
     *
     * @param c the connection, in a transaction
     * @param window the window number
     * @return the window's status, or empty when it has no row
     * @throws SQLException on database failure
     */
    public Optional<String> lockForSealing(Connection c, long window) throws SQLException {
        try (PreparedStatement select =
                c.prepareStatement("SELECT status FROM anchor_windows WHERE window_id = ? FOR UPDATE")) {
            select.setLong(1, window);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    /**
     * Reads a window's row.
     *
     * @param c the connection
     * @param window the window number
     * @return the row, or empty
     * @throws SQLException on database failure
     */
    public Optional<WindowRecord> find(Connection c, long window) throws SQLException {
        try (PreparedStatement select =
                c.prepareStatement("SELECT " + WINDOW_COLUMNS + " FROM anchor_windows WHERE window_id = ?")) {
            select.setLong(1, window);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(window(rs)) : Optional.empty();
            }
        }
    }

    /**
     * Reads the rows of windows in a range.
     *
     * @param c the connection
     * @param first the first window number
     * @param last the last window number, inclusive
     * @return the rows, by window number
     * @throws SQLException on database failure
     */
    public List<WindowRecord> findRange(Connection c, long first, long last) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT " + WINDOW_COLUMNS
                + " FROM anchor_windows WHERE window_id BETWEEN ? AND ? ORDER BY window_id")) {
            select.setLong(1, first);
            select.setLong(2, last);
            List<WindowRecord> rows = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    rows.add(window(rs));
                }
            }
            return rows;
        }
    }

    /**
     * Returns the newest window that is sealed or anchored.
     *
     * @param c the connection
     * @return its number, or empty when nothing was sealed yet
     * @throws SQLException on database failure
     */
    public Optional<Long> lastSealed(Connection c) throws SQLException {
        return single(
                c,
                "SELECT MAX(window_id) FROM anchor_windows WHERE status IN ('" + WindowRecord.SEALED + "', '"
                        + WindowRecord.ANCHORED + "')");
    }

    /**
     * Returns the oldest window that has a row or telemetry, for the very first sealing run.
     *
     * @param c the connection
     * @return its number, or empty when the database holds neither
     * @throws SQLException on database failure
     */
    public Optional<Long> firstKnown(Connection c) throws SQLException {
        Optional<Long> row = single(c, "SELECT MIN(window_id) FROM anchor_windows");
        Optional<Long> reading = single(c, "SELECT MIN(window_id) FROM telemetry");
        if (row.isEmpty()) {
            return reading;
        }
        return reading.isEmpty() ? row : Optional.of(Math.min(row.get(), reading.get()));
    }

    /**
     * Reads a window's telemetry in canonical order ({@link ReadingLeaf#CANONICAL_ORDER}, then row ID).
     *
     * @param c the connection
     * @param window the window number
     * @return the readings, in leaf order
     * @throws SQLException on database failure
     */
    public List<StoredReading> readings(Connection c, long window) throws SQLException {
        List<StoredReading> readings = new ArrayList<>();
        try (PreparedStatement select =
                c.prepareStatement("SELECT " + READING_COLUMNS + " FROM telemetry WHERE window_id = ?")) {
            select.setLong(1, window);
            select.setFetchSize(1000);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    readings.add(reading(rs));
                }
            }
        }
        readings.sort((a, b) -> {
            int order = ReadingLeaf.CANONICAL_ORDER.compare(a.leaf(), b.leaf());
            return order != 0 ? order : Long.compare(a.id(), b.id());
        });
        return readings;
    }

    /**
     * Reads one telemetry row.
     *
     * @param c the connection
     * @param id the row ID
     * @return the reading, or empty
     * @throws SQLException on database failure
     */
    public Optional<StoredReading> reading(Connection c, long id) throws SQLException {
        try (PreparedStatement select =
                c.prepareStatement("SELECT " + READING_COLUMNS + " FROM telemetry WHERE id = ?")) {
            select.setLong(1, id);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(reading(rs)) : Optional.empty();
            }
        }
    }

    /**
     * Records a sealed window's leaves and numbers its telemetry rows with one set-based update.
     *
     * @param c the connection, in the sealing transaction
     * @param window the window number
     * @param readings the readings, in leaf order
     * @param hashes their leaf hashes, same order
     * @throws SQLException on database failure
     */
    public void insertLeaves(Connection c, long window, List<StoredReading> readings, List<byte[]> hashes)
            throws SQLException {
        for (int from = 0; from < readings.size(); from += INSERT_CHUNK) {
            int to = Math.min(readings.size(), from + INSERT_CHUNK);
            StringBuilder sql = new StringBuilder(
                    "INSERT INTO anchor_leaves (window_id, leaf_index, telemetry_id, leaf_hash) VALUES ");
            for (int i = from; i < to; i++) {
                sql.append(i == from ? "(?, ?, ?, ?)" : ", (?, ?, ?, ?)");
            }
            try (PreparedStatement insert = c.prepareStatement(sql.toString())) {
                int p = 1;
                for (int i = from; i < to; i++) {
                    insert.setLong(p++, window);
                    insert.setInt(p++, i);
                    insert.setLong(p++, readings.get(i).id());
                    insert.setBytes(p++, hashes.get(i));
                }
                insert.executeUpdate();
            }
        }
        try (PreparedStatement update = c.prepareStatement("UPDATE telemetry t JOIN anchor_leaves l"
                + " ON l.window_id = t.window_id AND l.telemetry_id = t.id"
                + " SET t.leaf_index = l.leaf_index WHERE t.window_id = ? AND l.window_id = ?")) {
            update.setLong(1, window);
            update.setLong(2, window);
            update.executeUpdate();
        }
    }

    /**
     * Reads a sealed window's recorded leaves.
     *
     * @param c the connection
     * @param window the window number
     * @return the leaves, by index
     * @throws SQLException on database failure
     */
    public List<StoredLeaf> leaves(Connection c, long window) throws SQLException {
        List<StoredLeaf> leaves = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement("SELECT leaf_index, telemetry_id, leaf_hash"
                + " FROM anchor_leaves WHERE window_id = ? ORDER BY leaf_index")) {
            select.setLong(1, window);
            select.setFetchSize(1000);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    leaves.add(new StoredLeaf(rs.getInt(1), rs.getLong(2), rs.getBytes(3)));
                }
            }
        }
        return leaves;
    }

    /**
     * Marks a window sealed with its anchor.
     *
     * @param c the connection, in the sealing transaction
     * @param window the window number
     * @param anchor the anchor built from its tree
     * @throws SQLException on database failure
     */
    public void markSealed(Connection c, long window, TelemetryAnchor anchor) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE anchor_windows SET status = '"
                + WindowRecord.SEALED + "', leaf_count = ?, merkle_root = ?, hash_scheme = ?,"
                + " ledger_window_id = ?, sealed_at = UTC_TIMESTAMP(3) WHERE window_id = ?")) {
            update.setLong(1, anchor.leafCount());
            update.setString(2, anchor.merkleRoot());
            update.setString(3, anchor.hashScheme());
            update.setString(4, anchor.windowId());
            update.setLong(5, window);
            update.executeUpdate();
        }
    }

    /**
     * Marks a window anchored once the ledger confirmed it.
     *
     * @param c the connection
     * @param window the window number
     * @throws SQLException on database failure
     */
    public void markAnchored(Connection c, long window) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE anchor_windows SET status = '"
                + WindowRecord.ANCHORED + "' WHERE window_id = ? AND status = '" + WindowRecord.SEALED + "'")) {
            update.setLong(1, window);
            update.executeUpdate();
        }
    }

    private static Optional<Long> single(Connection c, String sql) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(sql);
                ResultSet rs = select.executeQuery()) {
            if (rs.next()) {
                long value = rs.getLong(1);
                return rs.wasNull() ? Optional.empty() : Optional.of(value);
            }
            return Optional.empty();
        }
    }

    private static WindowRecord window(ResultSet rs) throws SQLException {
        int leafCount = rs.getInt(5);
        Integer count = rs.wasNull() ? null : leafCount;
        return new WindowRecord(
                rs.getLong(1),
                rs.getLong(2),
                rs.getLong(3),
                rs.getString(4),
                count,
                rs.getString(6),
                rs.getString(7),
                rs.getString(8));
    }

    private static StoredReading reading(ResultSet rs) throws SQLException {
        double num = rs.getDouble(10);
        Double valueNum = rs.wasNull() ? null : num;
        return new StoredReading(
                rs.getLong(1),
                rs.getLong(2),
                new ReadingLeaf(
                        rs.getString(3),
                        rs.getLong(4),
                        rs.getString(5),
                        rs.getLong(6),
                        rs.getString(7),
                        rs.getString(8),
                        rs.getString(9)),
                valueNum);
    }
}
