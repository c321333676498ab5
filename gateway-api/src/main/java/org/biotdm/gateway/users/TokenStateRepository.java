package org.biotdm.gateway.users;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.jdbc.DataSourceResolver;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.biotdm.gateway.db.DatabaseConfiguration;
import org.biotdm.gateway.error.ApiException;

/**
 * Reads and raises people's token versions ({@code users.token_version}, {@code tokens_revoked_at}; migration {@code
 * V60}) with bound parameters only. Times are the database's own clock, so every instance agrees on them. Every method
 * turns a database failure into 503 {@code DATABASE_UNAVAILABLE} with {@code Retry-After}.
 */
@Singleton
class TokenStateRepository {
    private final DataSource dataSource;
    private final long retryAfterSeconds;

    /**
     * Creates the repository.
     *
     * @param dataSource the database
     * @param resolver unwraps the transaction-aware proxy (statements run in auto-commit), or null
     * @param database the database settings (Retry-After of 503s)
     */
    TokenStateRepository(DataSource dataSource, @Nullable DataSourceResolver resolver, DatabaseConfiguration database) {
        this.dataSource = resolver == null ? dataSource : resolver.resolve(dataSource);
        this.retryAfterSeconds = Math.max(1, database.retryAfter().toSeconds());
    }

    /**
     * Reads a person's current token state.
     *
     * @param userId the person's ID
     * @return the state, or empty when the person no longer exists
     * @throws ApiException 503 {@code DATABASE_UNAVAILABLE}
     */
    Optional<TokenState> find(long userId) {
        List<TokenState> found =
                query("SELECT id, username, role, enabled, token_version FROM users WHERE id = ?", userId);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /**
     * Lists the people whose tokens were revoked within a recent span, by the database's clock.
     *
     * @param span how far back to look
     * @return their states (with the raised versions)
     * @throws ApiException 503 {@code DATABASE_UNAVAILABLE}
     */
    List<TokenState> revokedWithin(Duration span) {
        return query(
                "SELECT id, username, role, enabled, token_version FROM users"
                        + " WHERE tokens_revoked_at >= CURRENT_TIMESTAMP(3) - INTERVAL ? MICROSECOND",
                span.toNanos() / 1_000);
    }

    /**
     * Raises a person's token version, so every access token issued before stops working.
     *
     * @param userId the person's ID
     * @throws ApiException 503 {@code DATABASE_UNAVAILABLE}
     */
    void revoke(long userId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("UPDATE users SET token_version = token_version + 1,"
                        + " tokens_revoked_at = CURRENT_TIMESTAMP(3) WHERE id = ?")) {
            s.setLong(1, userId);
            s.executeUpdate();
        } catch (SQLException e) {
            throw ApiException.databaseUnavailable(retryAfterSeconds, e);
        }
    }

    private List<TokenState> query(String sql, long parameter) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, parameter);
            List<TokenState> states = new ArrayList<>();
            try (ResultSet row = s.executeQuery()) {
                while (row.next()) {
                    states.add(new TokenState(
                            row.getLong(1),
                            row.getString(2),
                            ApiRole.parse(row.getString(3)).orElseThrow(),
                            row.getBoolean(4),
                            row.getLong(5)));
                }
            }
            return states;
        } catch (SQLException e) {
            throw ApiException.databaseUnavailable(retryAfterSeconds, e);
        }
    }
}
