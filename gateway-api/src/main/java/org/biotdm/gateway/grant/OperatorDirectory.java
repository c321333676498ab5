package org.biotdm.gateway.grant;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.jdbc.DataSourceResolver;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Resolves a user name of an organisation to the person's role and Fabric ID, from the {@code users} table (owned by
 * the users feature: columns {@code username}, {@code msp_id}, {@code role}, {@code fabric_id}).
 */
@Singleton
public class OperatorDirectory {
    private static final String SELECT =
            "SELECT role, fabric_id FROM users WHERE username = ? AND msp_id = ? AND enabled = TRUE";

    private final DataSource dataSource;

    /**
     * Creates the directory.
     *
     * @param dataSource the database
     * @param resolver unwraps the transaction-aware proxy, or null
     */
    public OperatorDirectory(DataSource dataSource, @Nullable DataSourceResolver resolver) {
        this.dataSource = resolver == null ? dataSource : resolver.resolve(dataSource);
    }

    /**
     * Looks a person up.
     *
     * @param username the user name
     * @param mspId the organisation's MSP ID
     * @return the person's role and Fabric ID, or empty when the organisation has no such user
     * @throws SQLException when the database cannot be read
     */
    public Optional<Person> find(String username, String mspId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(SELECT)) {
            statement.setString(1, username);
            statement.setString(2, mspId);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(new Person(rows.getString(1), rows.getString(2))) : Optional.empty();
            }
        }
    }

    /**
     * A user as a grant needs them.
     *
     * @param role the role name ({@code admin}, {@code operator}, {@code auditor})
     * @param fabricId the Fabric ID of the person's identity, or null before it is enrolled
     */
    record Person(String role, @Nullable String fabricId) {}
}
