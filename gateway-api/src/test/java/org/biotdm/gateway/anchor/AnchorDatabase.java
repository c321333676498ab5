package org.biotdm.gateway.anchor;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.biotdm.gateway.testing.TestMariaDb;
import org.flywaydb.core.Flyway;

/**
 * A fresh database on the shared test MariaDB, migrated with the service's Flyway scripts, behind a small pool.
 * Anchoring works on plain JDBC, so its integration tests need no application context.
 */
public final class AnchorDatabase implements AutoCloseable {
    private final HikariDataSource dataSource;

    private AnchorDatabase(HikariDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public static AnchorDatabase create(String prefix) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(TestMariaDb.newDatabase(prefix));
        config.setUsername(TestMariaDb.server().credentials().user());
        config.setPassword(TestMariaDb.server().credentials().password());
        config.setMaximumPoolSize(12);
        HikariDataSource dataSource = new HikariDataSource(config);
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        return new AnchorDatabase(dataSource);
    }

    public HikariDataSource dataSource() {
        return dataSource;
    }

    public long count(String sql, Object... parameters) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement select = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                select.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    public String string(String sql, Object... parameters) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement select = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                select.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    public int update(String sql, Object... parameters) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement update = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                update.setObject(i + 1, parameters[i]);
            }
            return update.executeUpdate();
        }
    }

    public void execute(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection();
                Statement statement = c.createStatement()) {
            statement.execute(sql);
        }
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
