package org.biotdm.gateway.anchor;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.biotdm.gateway.ledger.LedgerReceipt;

/**
 * JDBC access to {@code anchor_outbox}. Times are the database's UTC clock ({@code UTC_TIMESTAMP(3)}), so several
 * instances agree on due dates whatever their own clocks say. Every method works on the caller's connection.
 *
 * <p>Hand-written JDBC rather than a Micronaut Data repository, for the same reason as {@link WindowRepository}: the
 * outbox row is written inside the sealer's own locking transaction (sealed window and its anchor commit together or
 * not at all), and a claim is {@code SELECT … FOR UPDATE SKIP LOCKED} plus its updates in one READ COMMITTED
 * transaction the submitter drives; a repository would only join a transaction opened by Micronaut's transaction
 * manager, which would move the sealing transaction, its isolation level and the anchoring tests onto it.
 */
public final class OutboxRepository {
    private static final String COLUMNS = "window_id, payload_json, status, attempts, last_error, tx_id, block_number";
    private static final int MAX_ERROR = 512;

    /**
     * Adds the anchor of a window just sealed, due at once.
     *
     * @param c the connection, in the sealing transaction
     * @param window the window number
     * @param payloadJson the {@code AnchorTelemetry} argument
     * @throws SQLException on database failure
     */
    public void insert(Connection c, long window, String payloadJson) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO anchor_outbox"
                + " (window_id, payload_json, status, attempts, next_attempt_at)"
                + " VALUES (?, ?, '" + OutboxEntry.PENDING + "', 0, UTC_TIMESTAMP(3))")) {
            insert.setLong(1, window);
            insert.setString(2, payloadJson);
            insert.executeUpdate();
        }
    }

    /**
     * Claims due rows, oldest window first, skipping rows another instance holds locked: each becomes {@code
     * SUBMITTED} with one more attempt and is not due again until the lease ends. Commit right after, then submit.
     *
     * @param c the connection, in a READ COMMITTED transaction
     * @param limit the most rows to claim
     * @param lease how long the claim lasts
     * @return the claimed rows, as they are after the claim
     * @throws SQLException on database failure
     */
    public List<OutboxEntry> claimDue(Connection c, int limit, Duration lease) throws SQLException {
        List<OutboxEntry> due = new ArrayList<>();
        try (PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS + " FROM anchor_outbox"
                + " WHERE status IN ('" + OutboxEntry.PENDING + "', '" + OutboxEntry.SUBMITTED + "')"
                + " AND next_attempt_at <= UTC_TIMESTAMP(3) ORDER BY window_id LIMIT ? FOR UPDATE SKIP LOCKED")) {
            select.setInt(1, limit);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    due.add(entry(rs));
                }
            }
        }
        List<OutboxEntry> claimed = new ArrayList<>(due.size());
        try (PreparedStatement update = c.prepareStatement("UPDATE anchor_outbox SET status = '"
                + OutboxEntry.SUBMITTED + "', attempts = attempts + 1,"
                + " next_attempt_at = DATE_ADD(UTC_TIMESTAMP(3), INTERVAL ? MICROSECOND) WHERE window_id = ?")) {
            for (OutboxEntry entry : due) {
                update.setLong(1, lease.toMillis() * 1000);
                update.setLong(2, entry.window());
                update.executeUpdate();
                claimed.add(new OutboxEntry(
                        entry.window(),
                        entry.payloadJson(),
                        OutboxEntry.SUBMITTED,
                        entry.attempts() + 1,
                        entry.lastError(),
                        null,
                        null));
            }
        }
        return claimed;
    }

    /**
     * Records the ledger's confirmation, unless another submitter recorded one first.
     *
     * @param c the connection
     * @param window the window number
     * @param receipt the committed transaction
     * @return whether this call recorded it
     * @throws SQLException on database failure
     */
    public boolean confirm(Connection c, long window, LedgerReceipt receipt) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE anchor_outbox SET status = '"
                + OutboxEntry.CONFIRMED + "', tx_id = ?, block_number = ?, last_error = NULL"
                + " WHERE window_id = ? AND status IN ('" + OutboxEntry.PENDING + "', '" + OutboxEntry.SUBMITTED
                + "')")) {
            update.setString(1, receipt.transactionId());
            update.setLong(2, receipt.blockNumber());
            update.setLong(3, window);
            return update.executeUpdate() == 1;
        }
    }

    /**
     * Releases a claimed row after a failed submission, due again after {@code delay}.
     *
     * @param c the connection
     * @param window the window number
     * @param error what failed, cut to 512 characters
     * @param delay when to try again
     * @throws SQLException on database failure
     */
    public void retryLater(Connection c, long window, String error, Duration delay) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE anchor_outbox SET status = '"
                + OutboxEntry.PENDING + "', last_error = ?,"
                + " next_attempt_at = DATE_ADD(UTC_TIMESTAMP(3), INTERVAL ? MICROSECOND)"
                + " WHERE window_id = ? AND status = '" + OutboxEntry.SUBMITTED + "'")) {
            update.setString(1, cut(error));
            update.setLong(2, delay.toMillis() * 1000);
            update.setLong(3, window);
            update.executeUpdate();
        }
    }

    /**
     * Marks a row as conflicting with the ledger for good.
     *
     * @param c the connection
     * @param window the window number
     * @param error the ledger's message
     * @throws SQLException on database failure
     */
    public void markConflict(Connection c, long window, String error) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("UPDATE anchor_outbox SET status = '"
                + OutboxEntry.CONFLICT + "', last_error = ? WHERE window_id = ? AND status <> '"
                + OutboxEntry.CONFIRMED + "'")) {
            update.setString(1, cut(error));
            update.setLong(2, window);
            update.executeUpdate();
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
    public Optional<OutboxEntry> find(Connection c, long window) throws SQLException {
        try (PreparedStatement select =
                c.prepareStatement("SELECT " + COLUMNS + " FROM anchor_outbox WHERE window_id = ?")) {
            select.setLong(1, window);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(entry(rs)) : Optional.empty();
            }
        }
    }

    private static String cut(String error) {
        String text = error == null ? "unknown error" : error;
        return text.length() <= MAX_ERROR ? text : text.substring(0, MAX_ERROR);
    }

    private static OutboxEntry entry(ResultSet rs) throws SQLException {
        long block = rs.getLong(7);
        Long blockNumber = rs.wasNull() ? null : block;
        return new OutboxEntry(
                rs.getLong(1),
                rs.getString(2),
                rs.getString(3),
                rs.getInt(4),
                rs.getString(5),
                rs.getString(6),
                blockNumber);
    }
}
