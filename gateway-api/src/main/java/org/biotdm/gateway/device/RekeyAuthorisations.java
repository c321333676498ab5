package org.biotdm.gateway.device;

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
 * Keeps {@code device_rekey_authorisations}: the key rotations admins authorised and devices have not yet used. A
 * rotation consumes its row atomically ({@code DELETE} that must hit one unexpired row), so one authorisation allows
 * one rotation even across gateway instances.
 */
@Singleton
public class RekeyAuthorisations {
    private static final String UPSERT = "INSERT INTO device_rekey_authorisations (device_id, authorised_by,"
            + " authorised_msp, authorised_at, expires_at) VALUES (?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE"
            + " authorised_by = VALUES(authorised_by), authorised_msp = VALUES(authorised_msp),"
            + " authorised_at = VALUES(authorised_at), expires_at = VALUES(expires_at)";

    private final DataSource dataSource;

    /**
     * Creates the repository.
     *
     * @param dataSource the database
     * @param resolver unwraps the transaction-aware proxy, or null
     */
    public RekeyAuthorisations(DataSource dataSource, @Nullable DataSourceResolver resolver) {
        this.dataSource = resolver == null ? dataSource : resolver.resolve(dataSource);
    }

    /**
     * Records (or renews) an authorisation.
     *
     * @param deviceId the device ID
     * @param authorisedBy the admin's Fabric ID
     * @param authorisedMsp the admin's MSP ID
     * @param authorisedAt when, epoch milliseconds
     * @param expiresAt until when, epoch milliseconds
     * @throws SQLException when the database cannot be written
     */
    public void authorise(String deviceId, String authorisedBy, String authorisedMsp, long authorisedAt, long expiresAt)
            throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(UPSERT)) {
            statement.setString(1, deviceId);
            statement.setString(2, authorisedBy);
            statement.setString(3, authorisedMsp);
            statement.setLong(4, authorisedAt);
            statement.setLong(5, expiresAt);
            statement.executeUpdate();
        }
    }

    /**
     * Consumes a device's unexpired authorisation: reads it under a row lock and deletes it in one transaction.
     *
     * @param deviceId the device ID
     * @param nowMillis the current time, epoch milliseconds
     * @return the spent authorisation, or empty when there was no unexpired one
     * @throws SQLException when the database cannot be written
     */
    public Optional<Authorisation> consume(String deviceId, long nowMillis) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                Optional<Authorisation> found = lock(connection, deviceId, nowMillis);
                if (found.isPresent()) {
                    try (PreparedStatement delete = connection.prepareStatement(
                            "DELETE FROM device_rekey_authorisations WHERE device_id = ?")) {
                        delete.setString(1, deviceId);
                        delete.executeUpdate();
                    }
                }
                connection.commit();
                return found;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }

    /**
     * Puts back an authorisation that a failed rotation consumed, so the device may try again within the same window.
     *
     * @param authorisation the consumed authorisation
     * @throws SQLException when the database cannot be written
     */
    public void restore(Authorisation authorisation) throws SQLException {
        authorise(
                authorisation.deviceId(),
                authorisation.authorisedBy(),
                authorisation.authorisedMsp(),
                authorisation.authorisedAt(),
                authorisation.expiresAt());
    }

    private static Optional<Authorisation> lock(Connection connection, String deviceId, long nowMillis)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT authorised_by, authorised_msp,"
                + " authorised_at, expires_at FROM device_rekey_authorisations WHERE device_id = ? AND expires_at > ?"
                + " FOR UPDATE")) {
            select.setString(1, deviceId);
            select.setLong(2, nowMillis);
            try (ResultSet rows = select.executeQuery()) {
                return rows.next()
                        ? Optional.of(new Authorisation(
                                deviceId, rows.getString(1), rows.getString(2), rows.getLong(3), rows.getLong(4)))
                        : Optional.empty();
            }
        }
    }

    /**
     * An admin's authorisation of one key rotation.
     *
     * @param deviceId the device ID
     * @param authorisedBy the admin's Fabric ID
     * @param authorisedMsp the admin's MSP ID
     * @param authorisedAt when, epoch milliseconds
     * @param expiresAt until when, epoch milliseconds
     */
    record Authorisation(
            String deviceId, String authorisedBy, String authorisedMsp, long authorisedAt, long expiresAt) {}
}
