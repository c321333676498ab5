package org.biotdm.gateway.grant;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.jdbc.DataSourceResolver;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import javax.sql.DataSource;

/**
 * Keeps {@code device_grants}, the database copy of the ledger's active grants. The ledger stays authoritative; the
 * copy warms {@link GrantIndex} at startup before the ledger answers.
 */
@Singleton
public class GrantRepository {
    private static final String UPSERT = "INSERT INTO device_grants (grant_id, owner_msp, grantee_msp, grantee_id,"
            + " device_id, device_group, command_types, expires_at, granted_at, updated_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE owner_msp = VALUES(owner_msp),"
            + " grantee_msp = VALUES(grantee_msp), grantee_id = VALUES(grantee_id), device_id = VALUES(device_id),"
            + " device_group = VALUES(device_group), command_types = VALUES(command_types),"
            + " expires_at = VALUES(expires_at), granted_at = VALUES(granted_at), updated_at = VALUES(updated_at)";
    private static final String SELECT = "SELECT grant_id, owner_msp, grantee_msp, grantee_id, device_id, device_group,"
            + " command_types, expires_at, granted_at, updated_at FROM device_grants";

    private final DataSource dataSource;

    /**
     * Creates the repository.
     *
     * @param dataSource the database
     * @param resolver unwraps the transaction-aware proxy (these statements manage their own transactions), or null
     */
    public GrantRepository(DataSource dataSource, @Nullable DataSourceResolver resolver) {
        this.dataSource = resolver == null ? dataSource : resolver.resolve(dataSource);
    }

    /**
     * Stores the ledger's current record of a grant: an active one is inserted or replaced, a revoked one deleted.
     *
     * @param grant the record
     * @throws SQLException when the database cannot be written
     */
    public void apply(LedgerGrant grant) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            apply(connection, grant);
        }
    }

    /**
     * Replaces every row with the given active grants in one transaction, as after a resync from the ledger.
     *
     * @param grants the active grants
     * @throws SQLException when the database cannot be written (nothing is changed then)
     */
    public void replaceAll(Collection<LedgerGrant> grants) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement delete = connection.createStatement()) {
                delete.executeUpdate("DELETE FROM device_grants");
                for (LedgerGrant grant : grants) {
                    apply(connection, grant);
                }
                connection.commit();
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }

    /**
     * Reads every stored grant.
     *
     * @return the grants (all {@code ACTIVE}; some may have expired)
     * @throws SQLException when the database cannot be read
     */
    public List<LedgerGrant> findAll() throws SQLException {
        List<LedgerGrant> grants = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(SELECT);
                ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                grants.add(new LedgerGrant(
                        rows.getString(1),
                        rows.getString(2),
                        rows.getString(3),
                        rows.getString(4),
                        rows.getString(5),
                        rows.getString(6),
                        Arrays.asList(rows.getString(7).split(",")),
                        rows.getLong(8),
                        LedgerGrant.ACTIVE,
                        null,
                        rows.getLong(9),
                        rows.getLong(10),
                        null,
                        null));
            }
        }
        return grants;
    }

    private static void apply(Connection connection, LedgerGrant grant) throws SQLException {
        if (!LedgerGrant.ACTIVE.equals(grant.status())) {
            try (PreparedStatement delete =
                    connection.prepareStatement("DELETE FROM device_grants WHERE grant_id = ?")) {
                delete.setString(1, grant.grantId());
                delete.executeUpdate();
            }
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(UPSERT)) {
            statement.setString(1, grant.grantId());
            statement.setString(2, grant.ownerMsp());
            statement.setString(3, grant.granteeMsp());
            setNullable(statement, 4, grant.granteeId());
            setNullable(statement, 5, grant.deviceId());
            setNullable(statement, 6, grant.deviceGroup());
            statement.setString(7, String.join(",", grant.commandTypes()));
            statement.setLong(8, grant.expiresAt());
            statement.setLong(9, grant.grantedAt());
            statement.setLong(10, grant.updatedAt());
            statement.executeUpdate();
        }
    }

    private static void setNullable(PreparedStatement statement, int index, String value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.VARCHAR);
        } else {
            statement.setString(index, value);
        }
    }
}
