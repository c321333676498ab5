package org.biotdm.gateway.anchor;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Lets a telemetry writer join an open anchoring window inside its insert transaction.
 *
 * <p>Call {@link #join(Connection, long)} in the writer's transaction before inserting the readings and give every
 * row the returned {@code window_id}. It holds a shared lock on the window's {@code anchor_windows} row until the
 * writer commits, which the sealer's exclusive lock waits for; writers do not block each other. When the window of
 * the receive time is already sealed (the writer was slower than the grace period), the readings go into the next
 * open window instead, so nothing is ever added to a sealed window.
 */
public final class AnchorWindowGate {
    private static final int MAX_HOPS = 1000;

    private final WindowLayout layout;
    private final WindowRepository windows;

    /**
     * Creates the gate.
     *
     * @param layout the window layout
     */
    public AnchorWindowGate(WindowLayout layout) {
        this.layout = layout;
        this.windows = new WindowRepository(layout);
    }

    /**
     * Returns the window the writer's rows belong to, share-locked until the writer's transaction ends.
     *
     * @param c the writer's connection, in its transaction (autocommit off)
     * @param receivedAtMillis the gateway's receive time, epoch milliseconds
     * @return the window number for {@code telemetry.window_id}: {@code floor(receivedAt / window-ms)}, or a later
     *     window when that one is sealed
     * @throws SQLException on database failure
     */
    public long join(Connection c, long receivedAtMillis) throws SQLException {
        long window = layout.windowOf(receivedAtMillis);
        for (int hop = 0; hop < MAX_HOPS; hop++, window++) {
            windows.ensureOpen(c, window);
            if (WindowRecord.OPEN.equals(shareLockStatus(c, window))) {
                return window;
            }
        }
        throw new SQLException("no open anchoring window within " + MAX_HOPS + " windows after " + receivedAtMillis);
    }

    private static String shareLockStatus(Connection c, long window) throws SQLException {
        try (PreparedStatement select =
                c.prepareStatement("SELECT status FROM anchor_windows WHERE window_id = ? LOCK IN SHARE MODE")) {
            select.setLong(1, window);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("anchoring window row " + window + " vanished");
                }
                return rs.getString(1);
            }
        }
    }
}
