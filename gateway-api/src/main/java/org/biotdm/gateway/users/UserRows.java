package org.biotdm.gateway.users;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.connection.ConnectionDefinition;
import io.micronaut.data.connection.annotation.Connectable;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import java.util.Optional;

/**
 * The {@code users} table. Every call takes its own connection in auto-commit, outside any transaction of the caller.
 */
@JdbcRepository(dialect = Dialect.MYSQL)
@Connectable(propagation = ConnectionDefinition.Propagation.REQUIRES_NEW)
interface UserRows extends GenericRepository<UserRows.UserRow, Long> {

    /**
     * Inserts a user.
     *
     * @param row the row, without ID
     * @return the row with its generated ID
     */
    UserRow save(UserRow row);

    /**
     * Finds a user by login name.
     *
     * @param username the login name
     * @return the row, or empty
     */
    Optional<UserRow> findByUsername(String username);

    /**
     * Finds a user by ID.
     *
     * @param id the user ID
     * @return the row, or empty
     */
    Optional<UserRow> findById(long id);

    /**
     * Lists the users of an organisation.
     *
     * @param mspId the MSP ID
     * @return the rows, by username
     */
    List<UserRow> findByMspIdOrderByUsername(String mspId);

    /**
     * Tells whether an organisation has a user of a role in a state.
     *
     * @param mspId the MSP ID
     * @param role the role name
     * @param enabled the state
     * @return true when it has one
     */
    boolean existsByMspIdAndRoleAndEnabled(String mspId, String role, boolean enabled);

    /**
     * Replaces a user's password hash and stamps the change.
     *
     * @param id the user ID
     * @param passwordHash the new hash
     */
    @Query("UPDATE users SET password_hash = :passwordHash, password_changed_at = CURRENT_TIMESTAMP(3) WHERE id = :id")
    void updatePassword(long id, String passwordHash);

    /**
     * Enables or disables a user.
     *
     * @param id the user ID
     * @param enabled the new state
     */
    void updateEnabled(@Id long id, boolean enabled);

    /**
     * A row of {@code users} ({@code created_at} and {@code password_changed_at} are kept by the database).
     *
     * @param id the user ID, or null before insertion
     * @param username the login name
     * @param mspId the organisation's MSP ID
     * @param role the {@link ApiRole} value
     * @param passwordHash the Argon2id hash (PHC string)
     * @param fabricId the Fabric client identity
     * @param certificatePem the Fabric identity's certificate, PEM
     * @param keyCiphertext the encrypted PKCS#8 private key ({@link KeyVault} format)
     * @param enabled false once an admin disabled the user
     * @param createdBy the admin who created the user, or null for a bootstrap
     */
    @MappedEntity("users")
    record UserRow(
            @Id @GeneratedValue @Nullable Long id,
            String username,
            String mspId,
            String role,
            String passwordHash,
            String fabricId,
            String certificatePem,
            byte[] keyCiphertext,
            boolean enabled,
            @Nullable Long createdBy) {

        /**
         * Returns the row of a new user.
         *
         * @param user the user (its {@code id} is ignored)
         * @param createdBy the admin who created it, or null
         * @return the row
         */
        static UserRow of(StoredUser user, @Nullable Long createdBy) {
            return new UserRow(
                    null,
                    user.username(),
                    user.mspId(),
                    user.role().value(),
                    user.passwordHash(),
                    user.fabricId(),
                    user.certificatePem(),
                    user.keyCiphertext(),
                    user.enabled(),
                    createdBy);
        }

        /**
         * Returns the stored user.
         *
         * @return the user
         */
        StoredUser toStoredUser() {
            return new StoredUser(
                    id,
                    username,
                    mspId,
                    ApiRole.parse(role).orElseThrow(),
                    passwordHash,
                    fabricId,
                    certificatePem,
                    keyCiphertext,
                    enabled);
        }
    }
}
