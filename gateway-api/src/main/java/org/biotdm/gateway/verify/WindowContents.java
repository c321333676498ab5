package org.biotdm.gateway.verify;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.biotdm.gateway.error.ApiException;
import org.biotdm.gateway.error.ErrorCode;
import org.biotdm.protocol.anchor.ReadingLeaf;

/**
 * Reads a sealed window's contents page by page for {@code GET /api/v1/windows/{windowId}/readings} and {@code
 * /leaves}: the telemetry rows as stored now (what an auditor checks against the root on their own peer) and the leaf
 * hashes recorded at sealing (which let them name a changed, removed or added reading). Nothing is computed from
 * the ledger here: the point of these pages is that the caller does not have to trust the gateway's comparison.
 *
 * <p>Hand-written JDBC over the window's indexes ({@code telemetry.window_id}, {@code anchor_leaves}' primary key),
 * one bounded page per request, like {@code WindowRepository}.
 */
@Singleton
final class WindowContents {
    private static final HexFormat HEX = HexFormat.of();
    private static final String WINDOW = "SELECT window_id, start_ms, end_ms, status, leaf_count FROM anchor_windows"
            + " WHERE ledger_window_id = ?";
    private static final String READINGS = "SELECT id, device_id, batch_seq, sensor, ts, value_kind, value_text, unit"
            + " FROM telemetry WHERE window_id = ? AND id > ? ORDER BY id LIMIT ?";
    private static final String LEAVES = "SELECT leaf_index, telemetry_id, leaf_hash FROM anchor_leaves"
            + " WHERE window_id = ? AND leaf_index >= ? ORDER BY leaf_index LIMIT ?";

    private final DataSource dataSource;

    /**
     * Creates the reader.
     *
     * @param dataSource the gateway's database (unwrapped from Micronaut Data's transaction-bound proxy: every page
     *     takes a connection of its own)
     */
    WindowContents(DataSource dataSource) {
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
    }

    /**
     * Reads one page of a window's readings as stored now, by ascending reading ID.
     *
     * @param windowId the window's ledger ID
     * @param after only readings with a greater ID; 0 for the first page
     * @param limit at most this many readings, 1 to {@link WindowReadingsPage#MAX_LIMIT}
     * @param scope the caller's content scope: readings of devices it may not read keep only ID and leaf hash
     * @return the page
     * @throws ApiException 404 {@code WINDOW_NOT_FOUND} when no sealed window has this ID
     * @throws SQLException when the database fails
     */
    WindowReadingsPage readings(String windowId, long after, int limit, ContentScope scope) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            Window window = sealed(c, windowId);
            List<WindowReadingsPage.Reading> readings = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement(READINGS)) {
                select.setLong(1, window.number());
                select.setLong(2, after);
                select.setInt(3, limit + 1);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        readings.add(scope.scope(reading(rs)));
                    }
                }
            }
            Long next = null;
            if (readings.size() > limit) {
                readings.remove(limit);
                next = readings.get(limit - 1).readingId();
            }
            return new WindowReadingsPage(windowId, window.startMs(), window.endMs(), window.status(), readings, next);
        }
    }

    /**
     * Reads one page of the leaf hashes recorded when the window was sealed, in tree order.
     *
     * @param windowId the window's ledger ID
     * @param from the first leaf index, 0 for the first page
     * @param limit at most this many leaves, 1 to {@link WindowReadingsPage#MAX_LIMIT}
     * @return the page
     * @throws ApiException 404 {@code WINDOW_NOT_FOUND} when no sealed window has this ID
     * @throws SQLException when the database fails
     */
    WindowLeavesPage leaves(String windowId, long from, int limit) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            Window window = sealed(c, windowId);
            List<WindowLeavesPage.Leaf> leaves = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement(LEAVES)) {
                select.setLong(1, window.number());
                select.setLong(2, from);
                select.setInt(3, limit);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        leaves.add(
                                new WindowLeavesPage.Leaf(rs.getInt(1), rs.getLong(2), HEX.formatHex(rs.getBytes(3))));
                    }
                }
            }
            long next = from + leaves.size();
            return new WindowLeavesPage(windowId, window.leafCount(), leaves, next < window.leafCount() ? next : null);
        }
    }

    private static Window sealed(Connection c, String windowId) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(WINDOW)) {
            select.setString(1, windowId);
            try (ResultSet rs = select.executeQuery()) {
                Optional<Window> window = rs.next()
                        ? Optional.of(
                                new Window(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), leafCount(rs)))
                        : Optional.empty();
                return window.orElseThrow(() ->
                        new ApiException(ErrorCode.WINDOW_NOT_FOUND, "No sealed window has the ledger ID " + windowId));
            }
        }
    }

    private static int leafCount(ResultSet rs) throws SQLException {
        int count = rs.getInt(5);
        return rs.wasNull() ? 0 : count;
    }

    private static WindowReadingsPage.Reading reading(ResultSet rs) throws SQLException {
        ReadingLeaf leaf = new ReadingLeaf(
                rs.getString(2),
                rs.getLong(3),
                rs.getString(4),
                rs.getLong(5),
                rs.getString(6),
                rs.getString(7),
                rs.getString(8));
        return WindowReadingsPage.Reading.of(rs.getLong(1), leaf);
    }

    /** The window row a page belongs to. */
    private record Window(long number, long startMs, long endMs, String status, int leafCount) {}
}
