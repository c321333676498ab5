package org.biotdm.gateway.db;

import java.sql.SQLException;
import java.util.Optional;

/**
 * Runs Micronaut Data repository calls for callers that report database failures as {@link SQLException}.
 *
 * <p>Repositories wrap a failed statement in unchecked exceptions of several families ({@code DataAccessException},
 * {@code CannotGetJdbcConnectionException} when the pool cannot connect, {@code TransactionException} when a commit
 * fails), each carrying the driver's {@link SQLException} as a cause. This class hands that cause back, so the callers'
 * existing handling (503 {@code DATABASE_UNAVAILABLE}, {@link Databases#isUnavailable}, retries) sees the same
 * exception as when the statement was written by hand. A failure without an SQL cause (a bug) passes unchanged.
 */
public final class RepositoryCalls {
    private RepositoryCalls() {}

    /**
     * Runs a call that returns a value.
     *
     * @param call the repository call
     * @param <T> the result type
     * @return what the call returned
     * @throws SQLException the driver's exception when the database failed
     */
    public static <T> T call(Call<T> call) throws SQLException {
        try {
            return call.run();
        } catch (RuntimeException e) {
            throw sqlCause(e).orElseThrow(() -> e);
        }
    }

    /**
     * Runs a call without result.
     *
     * @param action the repository call
     * @throws SQLException the driver's exception when the database failed
     */
    public static void run(Runnable action) throws SQLException {
        call(() -> {
            action.run();
            return null;
        });
    }

    /**
     * Finds the driver's exception in a failure's cause chain.
     *
     * @param failure the failure
     * @return the first {@link SQLException} in the chain, or empty
     */
    public static Optional<SQLException> sqlCause(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return Optional.of(sql);
            }
        }
        return Optional.empty();
    }

    /**
     * A repository call.
     *
     * @param <T> the result type
     */
    @FunctionalInterface
    public interface Call<T> {
        /**
         * Runs the call.
         *
         * @return its result
         */
        T run();
    }
}
