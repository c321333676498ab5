package org.biotdm.gateway.device;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.util.Optional;
import org.biotdm.gateway.db.RepositoryCalls;

/**
 * Keeps {@code device_rekey_authorisations}: the key rotations admins authorised and devices have not yet used. A
 * rotation consumes its row atomically ({@code DELETE} that must hit one unexpired row), so one authorisation allows
 * one rotation even across gateway instances.
 */
@Singleton
final class RekeyAuthorisations {
    private final RekeyRows rows;

    /**
     * Creates the repository.
     *
     * @param rows the table
     */
    RekeyAuthorisations(RekeyRows rows) {
        this.rows = rows;
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
        RepositoryCalls.run(() -> rows.upsert(deviceId, authorisedBy, authorisedMsp, authorisedAt, expiresAt));
    }

    /**
     * Consumes a device's unexpired authorisation: reads it under a row lock and deletes it in one transaction.
     *
     * @param deviceId the device ID
     * @param nowMillis the current time, epoch milliseconds
     * @return the spent authorisation, or empty when there was no unexpired one
     * @throws SQLException when the database cannot be written (nothing is consumed then)
     */
    public Optional<Authorisation> consume(String deviceId, long nowMillis) throws SQLException {
        return RepositoryCalls.call(() -> rows.consume(deviceId, nowMillis));
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

    /**
     * An admin's authorisation of one key rotation: a row of {@code device_rekey_authorisations}.
     *
     * @param deviceId the device ID
     * @param authorisedBy the admin's Fabric ID
     * @param authorisedMsp the admin's MSP ID
     * @param authorisedAt when, epoch milliseconds
     * @param expiresAt until when, epoch milliseconds
     */
    @MappedEntity("device_rekey_authorisations")
    record Authorisation(
            @Id String deviceId, String authorisedBy, String authorisedMsp, long authorisedAt, long expiresAt) {}
}
