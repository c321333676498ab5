package org.biotdm.cli.audit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.biotdm.cli.stack.DatabaseAccount;
import org.biotdm.protocol.anchor.ReadingLeaf;

/**
 * The telemetry a gateway stored for the windows that start in a time range: read straight from its MariaDB database
 * (the gateway's schema: {@code telemetry}, {@code anchor_windows}, {@code anchor_leaves}; {@link #read}), from a copy
 * of it restored from a dump (the same), or through the gateway's auditor API ({@link GatewayReadings}). Nothing here
 * is trusted:
 * the readings are what is being audited, and the stored leaf hashes only name the changed readings once they are
 * shown to rebuild the root read from the peer.
 *
 * @param readings per ledger window ID, the window's readings (any order)
 * @param storedLeaves per ledger window ID, the leaf hashes the gateway kept, in tree order
 * @param gatewayPrefixes the {@code <mspId>-<gatewayId>} parts of every window the source holds in the range
 * @param withheld per ledger window ID, how many of its readings the gateway's API withheld from the auditor (devices
 *     the auditor may not read); such windows cannot be judged. Always empty for a database.
 */
record StoredTelemetry(
        Map<String, List<StoredReading>> readings,
        Map<String, List<StoredLeaf>> storedLeaves,
        Set<String> gatewayPrefixes,
        Map<String, Integer> withheld) {

    private static final String READINGS = "SELECT w.ledger_window_id, t.id, t.device_id, t.batch_seq, t.sensor, t.ts,"
            + " t.value_kind, t.value_text, t.unit FROM anchor_windows w JOIN telemetry t ON t.window_id = w.window_id"
            + " WHERE w.start_ms >= ? AND w.start_ms < ? AND w.ledger_window_id IS NOT NULL";
    private static final String LEAVES = "SELECT w.ledger_window_id, l.telemetry_id, l.leaf_hash FROM anchor_windows w"
            + " JOIN anchor_leaves l ON l.window_id = w.window_id WHERE w.start_ms >= ? AND w.start_ms < ?"
            + " AND w.ledger_window_id IS NOT NULL ORDER BY w.window_id, l.leaf_index";
    private static final String WINDOWS = "SELECT ledger_window_id FROM anchor_windows WHERE start_ms >= ?"
            + " AND start_ms < ? AND ledger_window_id IS NOT NULL";

    /**
     * Reads the windows that start in {@code [from, to)}.
     *
     * @param jdbcUrl the database, for example {@code jdbc:mariadb://127.0.0.1:3306/biotdm}
     * @param account an account that may read it
     * @param from the earliest window start, epoch ms, inclusive
     * @param to the latest window start, epoch ms, exclusive
     * @return what the database holds
     * @throws SQLException when the database cannot be read
     */
    public static StoredTelemetry read(String jdbcUrl, DatabaseAccount account, long from, long to)
            throws SQLException {
        Map<String, List<StoredReading>> readings = new HashMap<>();
        Map<String, List<StoredLeaf>> leaves = new HashMap<>();
        Set<String> prefixes = new HashSet<>();
        try (Connection connection = DriverManager.getConnection(jdbcUrl, account.user(), account.password())) {
            try (ResultSet rows = query(connection, READINGS, from, to)) {
                while (rows.next()) {
                    ReadingLeaf leaf = new ReadingLeaf(
                            rows.getString(3),
                            rows.getLong(4),
                            rows.getString(5),
                            rows.getLong(6),
                            rows.getString(7),
                            rows.getString(8),
                            rows.getString(9));
                    readings.computeIfAbsent(rows.getString(1), k -> new ArrayList<>())
                            .add(new StoredReading(rows.getLong(2), leaf));
                }
            }
            try (ResultSet rows = query(connection, LEAVES, from, to)) {
                while (rows.next()) {
                    leaves.computeIfAbsent(rows.getString(1), k -> new ArrayList<>())
                            .add(new StoredLeaf(rows.getLong(2), rows.getBytes(3)));
                }
            }
            try (ResultSet rows = query(connection, WINDOWS, from, to)) {
                while (rows.next()) {
                    String id = rows.getString(1);
                    prefixes.add(id.substring(0, Math.max(0, id.lastIndexOf('-'))));
                }
            }
        }
        return new StoredTelemetry(readings, leaves, prefixes, Map.of());
    }

    private static ResultSet query(Connection connection, String sql, long from, long to) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        statement.closeOnCompletion();
        statement.setLong(1, from);
        statement.setLong(2, to);
        return statement.executeQuery();
    }

    /**
     * One stored reading.
     *
     * @param id the reading's ID ({@code telemetry.id}, the ID of {@code /api/v1/readings/{id}/proof})
     * @param leaf its anchored content
     */
    public record StoredReading(long id, ReadingLeaf leaf) {}

    /**
     * One leaf hash the gateway kept when it sealed a window.
     *
     * @param readingId the reading it came from
     * @param hash SHA-256(0x00 ‖ leaf bytes), 32 bytes
     */
    public record StoredLeaf(long readingId, byte[] hash) {}
}
