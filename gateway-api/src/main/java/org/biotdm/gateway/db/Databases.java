package org.biotdm.gateway.db;

import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransactionRollbackException;
import java.sql.SQLTransientConnectionException;

/** Classifies JDBC failures so callers can tell "MariaDB is unreachable" from a lost lock race and from a bug. */
public final class Databases {
    /** MariaDB's "Duplicate entry for key" error code. */
    private static final int DUPLICATE_KEY = 1062;
    /** MariaDB's "Lock wait timeout exceeded" error code. */
    private static final int LOCK_WAIT_TIMEOUT = 1205;
    /** MariaDB's "Deadlock found when trying to get lock" error code. */
    private static final int DEADLOCK = 1213;

    private Databases() {}

    /**
     * Tells whether a failure means the database cannot be reached (down, restarting, network, pool timeout), so
     * the request should fail with 503 and be retried later.
     *
     * @param failure the failure, or any exception wrapping one
     * @return true for connection-class failures (SQLState class {@code 08}, transient or non-transient connection
     *     exceptions, recoverable exceptions)
     */
    public static boolean isUnavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientConnectionException
                    || t instanceof SQLNonTransientConnectionException
                    || t instanceof SQLRecoverableException) {
                return true;
            }
            if (t instanceof SQLException sql
                    && sql.getSQLState() != null
                    && sql.getSQLState().startsWith("08")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Tells whether a transaction lost a lock race (deadlock or lock wait timeout) and can simply be run again.
     *
     * @param failure the failure
     * @return true for SQLState {@code 40001}, MariaDB errors 1205 and 1213, and transaction rollback exceptions
     */
    public static boolean isRetryable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLTransactionRollbackException) {
                return true;
            }
            if (t instanceof SQLException sql
                    && ("40001".equals(sql.getSQLState())
                            || sql.getErrorCode() == DEADLOCK
                            || sql.getErrorCode() == LOCK_WAIT_TIMEOUT)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Tells whether an insert failed because a row with the same primary or unique key exists (for example a
     * client-chosen ID sent twice), as opposed to any other integrity or connection failure.
     *
     * @param failure the failure, or any exception wrapping one (Micronaut Data's {@code DataAccessException})
     * @return true for MariaDB error 1062 ({@code ER_DUP_ENTRY})
     */
    public static boolean isDuplicateKey(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLIntegrityConstraintViolationException sql && sql.getErrorCode() == DUPLICATE_KEY) {
                return true;
            }
        }
        return false;
    }
}
