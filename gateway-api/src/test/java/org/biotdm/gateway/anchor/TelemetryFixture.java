package org.biotdm.gateway.anchor;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.biotdm.protocol.anchor.ReadingLeaf;

/**
 * Writes telemetry rows the way the ingress writer does for anchoring's purposes: in one transaction that first
 * joins an open window through {@link AnchorWindowGate}, then inserts the rows with that {@code window_id}.
 */
public final class TelemetryFixture {
    private final DataSource dataSource;
    private final AnchorWindowGate gate;

    public TelemetryFixture(DataSource dataSource, WindowLayout layout) {
        this.dataSource = dataSource;
        this.gate = new AnchorWindowGate(layout);
    }

    /** Rows written by one call: their window and IDs, in argument order. */
    public record Written(long window, List<Long> ids) {}

    public Written write(long receivedAtMillis, List<ReadingLeaf> readings) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            Written written = writeInTransaction(c, receivedAtMillis, readings);
            c.commit();
            return written;
        }
    }

    /** Joins the window and inserts, leaving the transaction (and the window's shared lock) open. */
    public Written writeInTransaction(Connection c, long receivedAtMillis, List<ReadingLeaf> readings)
            throws SQLException {
        long window = gate.join(c, receivedAtMillis);
        return new Written(window, insert(c, window, receivedAtMillis, readings));
    }

    /** Inserts rows directly, bypassing the gate, as a tamperer with database access would. */
    public static List<Long> insert(Connection c, long window, long receivedAtMillis, List<ReadingLeaf> readings)
            throws SQLException {
        List<Long> ids = new ArrayList<>();
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO telemetry (received_at, device_id, batch_seq, sensor, ts, value_num, value_text,"
                        + " value_kind, unit, window_id) VALUES (FROM_UNIXTIME(? / 1000), ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            for (ReadingLeaf r : readings) {
                insert.setLong(1, receivedAtMillis);
                insert.setString(2, r.deviceId());
                insert.setLong(3, r.batchSeq());
                insert.setString(4, r.sensor());
                insert.setLong(5, r.ts());
                insert.setObject(6, numericCopy(r));
                insert.setString(7, r.valueText());
                insert.setString(8, r.kind());
                insert.setString(9, r.unit());
                insert.setLong(10, window);
                insert.executeUpdate();
                try (ResultSet keys = insert.getGeneratedKeys()) {
                    keys.next();
                    ids.add(keys.getLong(1));
                }
            }
        }
        return ids;
    }

    /** The value_num ingress stores: the number, 1 or 0 for booleans, none for states. */
    static Double numericCopy(ReadingLeaf r) {
        return switch (r.kind()) {
            case "N" -> Double.valueOf(r.valueText());
            case "B" -> "true".equals(r.valueText()) ? 1.0 : 0.0;
            default -> null;
        };
    }
}
