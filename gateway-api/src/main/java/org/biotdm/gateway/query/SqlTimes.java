package org.biotdm.gateway.query;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Converts between epoch milliseconds and the schema's {@code DATETIME(3)} columns, which hold UTC wall-clock time
 * (the gateway's convention, independent of the JVM's default time zone).
 */
public final class SqlTimes {
    private SqlTimes() {}

    /**
     * Binds a time.
     *
     * @param statement the statement
     * @param index the parameter index
     * @param epochMillis the time, epoch ms
     * @throws SQLException when binding fails
     */
    public static void set(PreparedStatement statement, int index, long epochMillis) throws SQLException {
        statement.setObject(index, toDateTime(epochMillis));
    }

    /**
     * Reads a time.
     *
     * @param rs the result set
     * @param index the column index
     * @return the time in epoch ms, or null when the column is NULL
     * @throws SQLException when reading fails
     */
    public static Long get(ResultSet rs, int index) throws SQLException {
        LocalDateTime value = rs.getObject(index, LocalDateTime.class);
        return value == null ? null : toMillis(value);
    }

    /**
     * Converts a time to the column's UTC wall-clock value.
     *
     * @param epochMillis the time, epoch ms
     * @return the same instant as UTC date and time, millisecond precision
     */
    public static LocalDateTime toDateTime(long epochMillis) {
        return LocalDateTime.ofInstant(Instant.ofEpochMilli(epochMillis), ZoneOffset.UTC);
    }

    /**
     * Converts a column's UTC wall-clock value to a time.
     *
     * @param utc the UTC date and time
     * @return the time, epoch ms (sub-millisecond digits dropped)
     */
    public static long toMillis(LocalDateTime utc) {
        return utc.toInstant(ZoneOffset.UTC).toEpochMilli();
    }
}
