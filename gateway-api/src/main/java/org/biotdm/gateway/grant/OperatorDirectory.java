package org.biotdm.gateway.grant;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.util.Optional;
import org.biotdm.gateway.db.RepositoryCalls;

/**
 * Resolves a user name of an organisation to the person's role and Fabric ID, from the {@code users} table (owned by
 * the users feature: columns {@code username}, {@code msp_id}, {@code role}, {@code fabric_id}).
 */
@Singleton
final class OperatorDirectory {
    private final OperatorRows rows;

    /**
     * Creates the directory.
     *
     * @param rows the table (each call on its own connection, in auto-commit)
     */
    OperatorDirectory(OperatorRows rows) {
        this.rows = rows;
    }

    /**
     * Looks a person up among the enabled users.
     *
     * @param username the user name
     * @param mspId the organisation's MSP ID
     * @return the person's role and Fabric ID, or empty when the organisation has no such enabled user
     * @throws SQLException when the database cannot be read
     */
    public Optional<Person> find(String username, String mspId) throws SQLException {
        return RepositoryCalls.call(() -> rows.findByUsernameAndMspIdAndEnabled(username, mspId, true));
    }

    /**
     * A user as a grant needs them.
     *
     * @param role the role name ({@code admin}, {@code operator}, {@code auditor})
     * @param fabricId the Fabric ID of the person's identity, or null before it is enrolled
     */
    @Introspected
    record Person(String role, @Nullable String fabricId) {}
}
