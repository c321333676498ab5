package org.biotdm.gateway.export;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.function.Predicate;

/**
 * Rows of a streaming result set. Owns the connection, statement and result set and closes them all; counts every
 * row it reads in {@link ExportMetrics}.
 *
 * @param <T> the row type
 */
final class JdbcCursor<T> implements RowCursor<T> {
    /** Reads one row. */
    @FunctionalInterface
    interface Reader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private final Connection connection;
    private final PreparedStatement statement;
    private final ResultSet rows;
    private final Reader<T> reader;
    private final Predicate<T> keep;
    private final ExportMetrics metrics;
    private boolean closed;

    /**
     * Runs the statement and takes ownership of it and its connection; closes both if the query fails.
     *
     * @param connection the connection
     * @param statement the prepared, bound, streaming statement
     * @param reader reads a row
     * @param keep rows failing it are skipped (visibility checks)
     * @param metrics counts rows read
     * @throws SQLException when the query fails
     */
    JdbcCursor(
            Connection connection,
            PreparedStatement statement,
            Reader<T> reader,
            Predicate<T> keep,
            ExportMetrics metrics)
            throws SQLException {
        this.connection = connection;
        this.statement = statement;
        this.reader = reader;
        this.keep = keep;
        this.metrics = metrics;
        try {
            this.rows = statement.executeQuery();
        } catch (SQLException e) {
            closeQuietly();
            throw e;
        }
    }

    @Override
    public T next() throws IOException {
        try {
            while (!closed && rows.next()) {
                metrics.rowRead();
                T row = reader.read(rows);
                if (keep.test(row)) {
                    return row;
                }
            }
            return null;
        } catch (SQLException e) {
            throw new IOException("export query failed", e);
        }
    }

    @Override
    public void close() {
        closeQuietly();
    }

    private void closeQuietly() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            // Closing the statement discards what is left of a streaming result set.
            statement.close();
        } catch (SQLException e) {
            // Broken connection; the pool discards it below.
        }
        try {
            connection.close();
        } catch (SQLException e) {
            // The connection is broken; the pool discards it.
        }
    }
}
