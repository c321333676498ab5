package org.biotdm.gateway.users;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.jdbc.DataSourceResolver;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.biotdm.gateway.db.DatabaseConfiguration;
import org.biotdm.gateway.error.ApiException;
import org.biotdm.gateway.error.ErrorCode;

/**
 * Reads and writes users, refresh tokens and bootstrap tokens in MariaDB with bound parameters only. Every method
 * turns a database failure into 503 {@code DATABASE_UNAVAILABLE} with {@code Retry-After}.
 */
@Singleton
public class UserRepository {
    private static final String COLUMNS =
            "id, username, msp_id, role, password_hash, fabric_id, certificate_pem," + " key_ciphertext, enabled";

    private final DataSource dataSource;
    private final long retryAfterSeconds;

    /**
     * Creates the repository.
     *
     * @param dataSource the database
     * @param resolver unwraps the transaction-aware proxy (statements run in auto-commit), or null
     * @param database the database settings (Retry-After of 503s)
     */
    public UserRepository(
            DataSource dataSource, @Nullable DataSourceResolver resolver, DatabaseConfiguration database) {
        this.dataSource = resolver == null ? dataSource : resolver.resolve(dataSource);
        this.retryAfterSeconds = Math.max(1, database.retryAfter().toSeconds());
    }

    /**
     * Inserts a user.
     *
     * @param user the user (its {@code id} is ignored)
     * @param createdBy the admin who created it, or null for a bootstrap
     * @return the new user's ID
     * @throws ApiException 409 {@code USER_EXISTS} when the username is taken; 503 {@code DATABASE_UNAVAILABLE}
     */
    long insert(StoredUser user, @Nullable Long createdBy) {
        String sql = "INSERT INTO users (username, msp_id, role, password_hash, fabric_id, certificate_pem,"
                + " key_ciphertext, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql, PreparedStatement.RETURN_GENERATED_KEYS)) {
            s.setString(1, user.username());
            s.setString(2, user.mspId());
            s.setString(3, user.role().value());
            s.setString(4, user.passwordHash());
            s.setString(5, user.fabricId());
            s.setString(6, user.certificatePem());
            s.setBytes(7, user.keyCiphertext());
            if (createdBy == null) {
                s.setNull(8, java.sql.Types.BIGINT);
            } else {
                s.setLong(8, createdBy);
            }
            s.executeUpdate();
            try (ResultSet keys = s.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        } catch (SQLIntegrityConstraintViolationException e) {
            throw new ApiException(ErrorCode.USER_EXISTS, "The username " + user.username() + " is taken");
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    /**
     * Finds a user by login name.
     *
     * @param username the login name
     * @return the user, or empty
     * @throws ApiException 503 {@code DATABASE_UNAVAILABLE}
     */
    Optional<StoredUser> findByUsername(String username) {
        return one("SELECT " + COLUMNS + " FROM users WHERE username = ?", username);
    }

    /**
     * Finds a user by ID.
     *
     * @param id the user ID
     * @return the user, or empty
     * @throws ApiException 503 {@code DATABASE_UNAVAILABLE}
     */
    Optional<StoredUser> findById(long id) {
        return one("SELECT " + COLUMNS + " FROM users WHERE id = ?", id);
    }

    /**
     * Lists the users of an organisation, by username.
     *
     * @param mspId the MSP ID
     * @return the users
     * @throws ApiException 503 {@code DATABASE_UNAVAILABLE}
     */
    List<StoredUser> listByMsp(String mspId) {
        return many("SELECT " + COLUMNS + " FROM users WHERE msp_id = ? ORDER BY username", mspId);
    }

    /**
     * Tells whether an organisation has an enabled admin.
     *
     * @param mspId the MSP ID
     * @return true when it has one
     * @throws ApiException 503 {@code DATABASE_UNAVAILABLE}
     */
    boolean hasAdmin(String mspId) {
        return !many("SELECT " + COLUMNS + " FROM users WHERE msp_id = ? AND role = 'admin' AND enabled LIMIT 1", mspId)
                .isEmpty();
    }

    /**
     * Replaces a user's password hash and revokes their refresh tokens.
     *
     * @param id the user ID
     * @param passwordHash the new hash
     * @throws ApiException 503 {@code DATABASE_UNAVAILABLE}
     */
    void updatePassword(long id, String passwordHash) {
        update(
                "UPDATE users SET password_hash = ?, password_changed_at = CURRENT_TIMESTAMP(3) WHERE id = ?",
                passwordHash,
                id);
        update("DELETE FROM refresh_tokens WHERE user_id = ?", id);
    }

    /**
     * Enables or disables a user; disabling revokes their refresh tokens.
     *
     * @param id the user ID
     * @param enabled the new state
     * @throws ApiException 503 {@code DATABASE_UNAVAILABLE}
     */
    void setEnabled(long id, boolean enabled) {
        update("UPDATE users SET enabled = ? WHERE id = ?", enabled, id);
        if (!enabled) {
            update("DELETE FROM refresh_tokens WHERE user_id = ?", id);
        }
    }

    /**
     * Stores a refresh token's hash.
     *
     * @param tokenSha256 the token's SHA-256, hex
     * @param userId the user
     * @param expiresAt when it expires
     * @throws ApiException 503 {@code DATABASE_UNAVAILABLE}
     */
    void insertRefreshToken(String tokenSha256, long userId, Instant expiresAt) {
        update(
                "INSERT INTO refresh_tokens (token_sha256, user_id, expires_at) VALUES (?, ?, ?)",
                tokenSha256,
                userId,
                Timestamp.from(expiresAt));
    }

    /**
     * Deletes a refresh token and returns its user if it existed and had not expired: a token is usable once.
     *
     * @param tokenSha256 the token's SHA-256, hex
     * @param now the current time
     * @return the user ID, or empty when the token is unknown, used or expired
     * @throws ApiException 503 {@code DATABASE_UNAVAILABLE}
     */
    Optional<Long> consumeRefreshToken(String tokenSha256, Instant now) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                Optional<Long> user = Optional.empty();
                try (PreparedStatement s = c.prepareStatement(
                        "SELECT user_id, expires_at FROM refresh_tokens WHERE token_sha256 = ? FOR UPDATE")) {
                    s.setString(1, tokenSha256);
                    try (ResultSet row = s.executeQuery()) {
                        if (row.next() && row.getTimestamp(2).toInstant().isAfter(now)) {
                            user = Optional.of(row.getLong(1));
                        }
                    }
                }
                try (PreparedStatement s = c.prepareStatement("DELETE FROM refresh_tokens WHERE token_sha256 = ?")) {
                    s.setString(1, tokenSha256);
                    s.executeUpdate();
                }
                c.commit();
                return user;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    /**
     * Stores an organisation's bootstrap token hash, replacing any earlier one.
     *
     * @param mspId the MSP ID
     * @param tokenSha256 the token's SHA-256, hex
     * @param expiresAt when it expires
     * @throws ApiException 503 {@code DATABASE_UNAVAILABLE}
     */
    void putBootstrapToken(String mspId, String tokenSha256, Instant expiresAt) {
        update(
                "REPLACE INTO bootstrap_tokens (msp_id, token_sha256, expires_at) VALUES (?, ?, ?)",
                mspId,
                tokenSha256,
                Timestamp.from(expiresAt));
    }

    /**
     * Tells whether an organisation has an unexpired bootstrap token.
     *
     * @param mspId the MSP ID
     * @param now the current time
     * @return true when one is pending
     * @throws ApiException 503 {@code DATABASE_UNAVAILABLE}
     */
    boolean hasBootstrapToken(String mspId, Instant now) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s =
                        c.prepareStatement("SELECT 1 FROM bootstrap_tokens WHERE msp_id = ? AND expires_at > ?")) {
            s.setString(1, mspId);
            s.setTimestamp(2, Timestamp.from(now));
            try (ResultSet row = s.executeQuery()) {
                return row.next();
            }
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    /**
     * Returns an organisation's unexpired bootstrap token hash.
     *
     * @param mspId the MSP ID
     * @param now the current time
     * @return the token's SHA-256, hex, or empty when none is pending
     * @throws ApiException 503 {@code DATABASE_UNAVAILABLE}
     */
    Optional<String> findBootstrapTokenHash(String mspId, Instant now) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "SELECT token_sha256 FROM bootstrap_tokens WHERE msp_id = ? AND expires_at > ?")) {
            s.setString(1, mspId);
            s.setTimestamp(2, Timestamp.from(now));
            try (ResultSet row = s.executeQuery()) {
                return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    /**
     * Deletes an organisation's bootstrap token if it matches and has not expired.
     *
     * @param mspId the MSP ID
     * @param tokenSha256 the presented token's SHA-256, hex
     * @param now the current time
     * @return true when the token matched and is now spent
     * @throws ApiException 503 {@code DATABASE_UNAVAILABLE}
     */
    boolean consumeBootstrapToken(String mspId, String tokenSha256, Instant now) {
        return update(
                        "DELETE FROM bootstrap_tokens WHERE msp_id = ? AND token_sha256 = ? AND expires_at > ?",
                        mspId,
                        tokenSha256,
                        Timestamp.from(now))
                == 1;
    }

    private Optional<StoredUser> one(String sql, Object parameter) {
        List<StoredUser> users = many(sql, parameter);
        return users.isEmpty() ? Optional.empty() : Optional.of(users.get(0));
    }

    private List<StoredUser> many(String sql, Object parameter) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, parameter);
            List<StoredUser> users = new ArrayList<>();
            try (ResultSet row = s.executeQuery()) {
                while (row.next()) {
                    users.add(new StoredUser(
                            row.getLong(1),
                            row.getString(2),
                            row.getString(3),
                            ApiRole.parse(row.getString(4)).orElseThrow(),
                            row.getString(5),
                            row.getString(6),
                            row.getString(7),
                            row.getBytes(8),
                            row.getBoolean(9)));
                }
            }
            return users;
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    private int update(String sql, Object... parameters) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            return s.executeUpdate();
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    private ApiException unavailable(SQLException e) {
        return ApiException.databaseUnavailable(retryAfterSeconds, e);
    }
}
