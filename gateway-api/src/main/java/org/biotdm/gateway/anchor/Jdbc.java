package org.biotdm.gateway.anchor;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Runs JDBC work in one READ COMMITTED transaction on a connection of its own; the cluster-key batches use it too. */
public final class Jdbc {
    private Jdbc() {}

    /**
     * Work on a connection.
     *
     * @param <T> the work's result
     */
    @FunctionalInterface
    public interface Work<T> {
        /**
         * Runs the work.
         *
         * @param c the connection
         * @return the result
         * @throws SQLException on database failure
         */
        T run(Connection c) throws SQLException;
    }

    /**
     * Runs {@code work} in a transaction and commits, or rolls back and rethrows.
     *
     * <p>READ COMMITTED because each statement must see what other transactions committed before it: the sealer
     * reads a window's telemetry right after its exclusive lock made every writer of that window finish.
     *
     * @param dataSource the database
     * @param work the work
     * @param <T> the work's result
     * @return what the work returned
     * @throws SQLException when the work or the commit failed (rolled back)
     */
    public static <T> T inTransaction(DataSource dataSource, Work<T> work) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            int isolation = c.getTransactionIsolation();
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            try {
                T result = work.run(c);
                c.commit();
                restore(c, isolation, autoCommit);
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                    restore(c, isolation, autoCommit);
                } catch (SQLException suppressed) {
                    // The connection is broken; the pool discards it. Keep the original failure.
                    e.addSuppressed(suppressed);
                }
                throw e;
            }
        }
    }

    private static void restore(Connection c, int isolation, boolean autoCommit) throws SQLException {
        c.setTransactionIsolation(isolation);
        c.setAutoCommit(autoCommit);
    }

    /**
     * Runs {@code work} with autocommit, each statement its own transaction.
     *
     * @param dataSource the database
     * @param work the work
     * @param <T> the work's result
     * @return what the work returned
     * @throws SQLException on database failure
     */
    public static <T> T autoCommit(DataSource dataSource, Work<T> work) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            return work.run(c);
        }
    }
}
