package org.biotdm.gateway.users;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.connection.ConnectionDefinition;
import io.micronaut.data.connection.annotation.Connectable;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.time.Instant;
import java.util.Optional;

/**
 * The {@code bootstrap_tokens} table. Every call takes its own connection in auto-commit, outside any transaction of
 * the caller.
 */
@JdbcRepository(dialect = Dialect.MYSQL)
@Connectable(propagation = ConnectionDefinition.Propagation.REQUIRES_NEW)
interface BootstrapTokenRows extends GenericRepository<BootstrapTokenRows.BootstrapToken, String> {

    /**
     * Stores an organisation's token, replacing any earlier one in one statement.
     *
     * @param mspId the MSP ID
     * @param tokenSha256 the token's SHA-256, hex
     * @param expiresAt when it expires
     */
    @Query("REPLACE INTO bootstrap_tokens (msp_id, token_sha256, expires_at) VALUES (:mspId, :tokenSha256, :expiresAt)")
    void replace(String mspId, String tokenSha256, Instant expiresAt);

    /**
     * Tells whether an organisation has a token that expires after a time.
     *
     * @param mspId the MSP ID
     * @param expiresAt the time
     * @return true when it has one
     */
    boolean existsByMspIdAndExpiresAtGreaterThan(String mspId, Instant expiresAt);

    /**
     * Reads the hash of an organisation's token that expires after a time.
     *
     * @param mspId the MSP ID
     * @param expiresAt the time
     * @return the token's SHA-256, hex, or empty when none is pending
     */
    Optional<String> findTokenSha256ByMspIdAndExpiresAtGreaterThan(String mspId, Instant expiresAt);

    /**
     * Deletes an organisation's token if it matches and expires after a time, in one statement.
     *
     * @param mspId the MSP ID
     * @param tokenSha256 the token's SHA-256, hex
     * @param expiresAt the time
     * @return the number of rows deleted, 0 or 1
     */
    int deleteByMspIdAndTokenSha256AndExpiresAtGreaterThan(String mspId, String tokenSha256, Instant expiresAt);

    /**
     * A row of {@code bootstrap_tokens} ({@code created_at} is kept by the database).
     *
     * @param mspId the MSP ID
     * @param tokenSha256 the token's SHA-256, hex
     * @param expiresAt when it expires
     */
    @MappedEntity("bootstrap_tokens")
    record BootstrapToken(@Id String mspId, String tokenSha256, Instant expiresAt) {}
}
