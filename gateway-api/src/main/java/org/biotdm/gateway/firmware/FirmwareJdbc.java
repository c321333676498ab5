package org.biotdm.gateway.firmware;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.jdbc.DataSourceResolver;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.biotdm.gateway.db.DatabaseConfiguration;
import org.biotdm.gateway.error.ApiException;

/**
 * Runs the firmware tables' statements (migration {@code V82}) with bound parameters only, each in auto-commit; a
 * database failure becomes 503 {@code DATABASE_UNAVAILABLE} with {@code Retry-After}.
 */
@Singleton
class FirmwareJdbc {
    private final DataSource dataSource;
    private final long retryAfterSeconds;

    /** Reads one row. */
    @FunctionalInterface
    interface RowReader<T> {
        T read(ResultSet row) throws SQLException;
    }

    /**
     * Creates the runner.
     *
     * @param dataSource the database
     * @param resolver unwraps the transaction-aware proxy (statements run in auto-commit), or null
     * @param database the database settings (Retry-After of 503s)
     */
    FirmwareJdbc(DataSource dataSource, @Nullable DataSourceResolver resolver, DatabaseConfiguration database) {
        this.dataSource = resolver == null ? dataSource : resolver.resolve(dataSource);
        this.retryAfterSeconds = Math.max(1, database.retryAfter().toSeconds());
    }

    /**
     * Runs an INSERT, UPDATE or DELETE.
     *
     * @param sql the statement with {@code ?} parameters
     * @param parameters the parameters, in order
     * @return the affected row count
     * @throws ApiException 503 {@code DATABASE_UNAVAILABLE}
     */
    int update(String sql, Object... parameters) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = prepare(c, sql, parameters)) {
            return s.executeUpdate();
        } catch (SQLException e) {
            throw ApiException.databaseUnavailable(retryAfterSeconds, e);
        }
    }

    /**
     * Runs an INSERT that may collide with an existing primary key.
     *
     * @param sql the INSERT
     * @param parameters the parameters, in order
     * @return false when the key exists already
     * @throws ApiException 503 {@code DATABASE_UNAVAILABLE}
     */
    boolean insert(String sql, Object... parameters) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = prepare(c, sql, parameters)) {
            return s.executeUpdate() > 0;
        } catch (java.sql.SQLIntegrityConstraintViolationException e) {
            return false;
        } catch (SQLException e) {
            throw ApiException.databaseUnavailable(retryAfterSeconds, e);
        }
    }

    /**
     * Runs one statement for many parameter rows in one JDBC batch.
     *
     * @param sql the statement with {@code ?} parameters
     * @param rows each row's parameters, in order
     * @throws ApiException 503 {@code DATABASE_UNAVAILABLE}
     */
    void batch(String sql, List<Object[]> rows) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            for (Object[] row : rows) {
                bind(s, row);
                s.addBatch();
            }
            s.executeBatch();
        } catch (SQLException e) {
            throw ApiException.databaseUnavailable(retryAfterSeconds, e);
        }
    }

    /**
     * Runs a SELECT.
     *
     * @param sql the query with {@code ?} parameters
     * @param reader reads each row
     * @param parameters the parameters, in order
     * @return the rows, in the query's order
     * @throws ApiException 503 {@code DATABASE_UNAVAILABLE}
     */
    <T> List<T> query(String sql, RowReader<T> reader, Object... parameters) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = prepare(c, sql, parameters);
                ResultSet rows = s.executeQuery()) {
            List<T> out = new ArrayList<>();
            while (rows.next()) {
                out.add(reader.read(rows));
            }
            return out;
        } catch (SQLException e) {
            throw ApiException.databaseUnavailable(retryAfterSeconds, e);
        }
    }

    private static PreparedStatement prepare(Connection c, String sql, Object... parameters) throws SQLException {
        PreparedStatement s = c.prepareStatement(sql);
        try {
            bind(s, parameters);
            return s;
        } catch (SQLException e) {
            s.close();
            throw e;
        }
    }

    private static void bind(PreparedStatement s, Object... parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            s.setObject(i + 1, parameters[i]);
        }
    }
}
