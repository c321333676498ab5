package org.biotdm.gateway.users;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.biotdm.gateway.db.DatabaseConfiguration;
import org.biotdm.gateway.db.RepositoryCalls;
import org.biotdm.gateway.error.ApiException;
import org.biotdm.gateway.error.ErrorCode;

/**
 * Reads and writes users, refresh tokens and bootstrap tokens in MariaDB through compile-time repositories (bound
 * parameters only). Every method turns a database failure into 503 {@code DATABASE_UNAVAILABLE} with
 * {@code Retry-After}.
 */
@Singleton
final class UserRepository {
    private final UserRows users;
    private final RefreshTokenRows refreshTokens;
    private final BootstrapTokenRows bootstrapTokens;
    private final long retryAfterSeconds;

    /**
     * Creates the repository.
     *
     * @param users the {@code users} table
     * @param refreshTokens the {@code refresh_tokens} table
     * @param bootstrapTokens the {@code bootstrap_tokens} table
     * @param database the database settings (Retry-After of 503s)
     */
    UserRepository(
            UserRows users,
            RefreshTokenRows refreshTokens,
            BootstrapTokenRows bootstrapTokens,
            DatabaseConfiguration database) {
        this.users = users;
        this.refreshTokens = refreshTokens;
        this.bootstrapTokens = bootstrapTokens;
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
        try {
            return RepositoryCalls.call(() -> users.save(UserRows.UserRow.of(user, createdBy)))
                    .id();
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
        return call(() -> users.findByUsername(username)).map(UserRows.UserRow::toStoredUser);
    }

    /**
     * Finds a user by ID.
     *
     * @param id the user ID
     * @return the user, or empty
     * @throws ApiException 503 {@code DATABASE_UNAVAILABLE}
     */
    Optional<StoredUser> findById(long id) {
        return call(() -> users.findById(id)).map(UserRows.UserRow::toStoredUser);
    }

    /**
     * Lists the users of an organisation, by username.
     *
     * @param mspId the MSP ID
     * @return the users
     * @throws ApiException 503 {@code DATABASE_UNAVAILABLE}
     */
    List<StoredUser> listByMsp(String mspId) {
        return call(() -> users.findByMspIdOrderByUsername(mspId)).stream()
                .map(UserRows.UserRow::toStoredUser)
                .toList();
    }

    /**
     * Tells whether an organisation has an enabled admin.
     *
     * @param mspId the MSP ID
     * @return true when it has one
     * @throws ApiException 503 {@code DATABASE_UNAVAILABLE}
     */
    boolean hasAdmin(String mspId) {
        return call(() -> users.existsByMspIdAndRoleAndEnabled(mspId, ApiRole.ADMIN.value(), true));
    }

    /**
     * Replaces a user's password hash and revokes their refresh tokens.
     *
     * @param id the user ID
     * @param passwordHash the new hash
     * @throws ApiException 503 {@code DATABASE_UNAVAILABLE}
     */
    void updatePassword(long id, String passwordHash) {
        run(() -> users.updatePassword(id, passwordHash));
        run(() -> refreshTokens.deleteByUserId(id));
    }

    /**
     * Enables or disables a user; disabling revokes their refresh tokens.
     *
     * @param id the user ID
     * @param enabled the new state
     * @throws ApiException 503 {@code DATABASE_UNAVAILABLE}
     */
    void setEnabled(long id, boolean enabled) {
        run(() -> users.updateEnabled(id, enabled));
        if (!enabled) {
            run(() -> refreshTokens.deleteByUserId(id));
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
        run(() -> refreshTokens.save(new RefreshTokenRows.RefreshToken(tokenSha256, userId, expiresAt)));
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
        return call(() -> refreshTokens.consume(tokenSha256))
                .filter(token -> token.expiresAt().isAfter(now))
                .map(RefreshTokenRows.RefreshToken::userId);
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
        run(() -> bootstrapTokens.replace(mspId, tokenSha256, expiresAt));
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
        return call(() -> bootstrapTokens.existsByMspIdAndExpiresAtGreaterThan(mspId, now));
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
        return call(() -> bootstrapTokens.findTokenSha256ByMspIdAndExpiresAtGreaterThan(mspId, now));
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
        return call(() -> bootstrapTokens.deleteByMspIdAndTokenSha256AndExpiresAtGreaterThan(mspId, tokenSha256, now))
                == 1;
    }

    private <T> T call(RepositoryCalls.Call<T> call) {
        try {
            return RepositoryCalls.call(call);
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    private void run(Runnable action) {
        try {
            RepositoryCalls.run(action);
        } catch (SQLException e) {
            throw unavailable(e);
        }
    }

    private ApiException unavailable(SQLException e) {
        return ApiException.databaseUnavailable(retryAfterSeconds, e);
    }
}
