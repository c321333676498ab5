package org.biotdm.gateway.users;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.connection.ConnectionDefinition;
import io.micronaut.data.connection.annotation.Connectable;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import java.time.Instant;
import java.util.Optional;

/**
 * The {@code refresh_tokens} table. Its public operations run outside any transaction of the caller: on their own
 * connection in auto-commit, or in their own transaction.
 */
@JdbcRepository(dialect = Dialect.MYSQL)
abstract class RefreshTokenRows implements GenericRepository<RefreshTokenRows.RefreshToken, String> {

    /**
     * Inserts a token.
     *
     * @param token the token
     * @return the token
     */
    @Connectable(propagation = ConnectionDefinition.Propagation.REQUIRES_NEW)
    public abstract RefreshToken save(RefreshToken token);

    /**
     * Deletes every token of a user.
     *
     * @param userId the user ID
     */
    @Connectable(propagation = ConnectionDefinition.Propagation.REQUIRES_NEW)
    public abstract void deleteByUserId(long userId);

    /**
     * Deletes a token, reading it first under a row lock ({@code FOR UPDATE}), in one transaction: a token is usable
     * once, even when two requests present it at the same time.
     *
     * @param tokenSha256 the token's SHA-256, hex
     * @return the deleted token, or empty when it was unknown or already used
     */
    @Transactional(propagation = TransactionDefinition.Propagation.REQUIRES_NEW)
    public Optional<RefreshToken> consume(String tokenSha256) {
        Optional<RefreshToken> found = findByIdForUpdate(tokenSha256);
        deleteById(tokenSha256);
        return found;
    }

    /**
     * Locks and reads a token; only inside {@link #consume}'s transaction.
     *
     * @param tokenSha256 the token's SHA-256, hex
     * @return the token, or empty
     */
    public abstract Optional<RefreshToken> findByIdForUpdate(String tokenSha256);

    /**
     * Deletes a token; only inside {@link #consume}'s transaction.
     *
     * @param tokenSha256 the token's SHA-256, hex
     */
    public abstract void deleteById(String tokenSha256);

    /**
     * A row of {@code refresh_tokens} ({@code created_at} is kept by the database).
     *
     * @param tokenSha256 the token's SHA-256, hex
     * @param userId the user it refreshes
     * @param expiresAt when it expires
     */
    @MappedEntity("refresh_tokens")
    record RefreshToken(@Id String tokenSha256, long userId, Instant expiresAt) {}
}
