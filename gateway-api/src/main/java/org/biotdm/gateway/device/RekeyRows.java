package org.biotdm.gateway.device;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.connection.ConnectionDefinition;
import io.micronaut.data.connection.annotation.Connectable;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import java.util.Optional;
import org.biotdm.gateway.device.RekeyAuthorisations.Authorisation;

/**
 * The {@code device_rekey_authorisations} table. Its public operations run outside any transaction of the caller, as
 * the hand-written statements they replace did: on their own connection in auto-commit, or in their own transaction.
 */
@JdbcRepository(dialect = Dialect.MYSQL)
abstract class RekeyRows implements GenericRepository<Authorisation, String> {

    /**
     * Inserts or replaces a device's authorisation in one statement (MariaDB upsert).
     *
     * @param deviceId the device ID
     * @param authorisedBy the admin's Fabric ID
     * @param authorisedMsp the admin's MSP ID
     * @param authorisedAt when, epoch milliseconds
     * @param expiresAt until when, epoch milliseconds
     */
    @Connectable(propagation = ConnectionDefinition.Propagation.REQUIRES_NEW)
    @Query("INSERT INTO device_rekey_authorisations (device_id, authorised_by, authorised_msp, authorised_at,"
            + " expires_at) VALUES (:deviceId, :authorisedBy, :authorisedMsp, :authorisedAt, :expiresAt)"
            + " ON DUPLICATE KEY UPDATE authorised_by = VALUES(authorised_by),"
            + " authorised_msp = VALUES(authorised_msp), authorised_at = VALUES(authorised_at),"
            + " expires_at = VALUES(expires_at)")
    public abstract void upsert(
            String deviceId, String authorisedBy, String authorisedMsp, long authorisedAt, long expiresAt);

    /**
     * Reads a device's unexpired authorisation under a row lock ({@code FOR UPDATE}) and deletes it, in one
     * transaction, so one authorisation allows one rotation even across gateway instances.
     *
     * @param deviceId the device ID
     * @param nowMillis the current time, epoch milliseconds
     * @return the spent authorisation, or empty when there was no unexpired one
     */
    @Transactional(propagation = TransactionDefinition.Propagation.REQUIRES_NEW)
    public Optional<Authorisation> consume(String deviceId, long nowMillis) {
        Optional<Authorisation> found = findByDeviceIdAndExpiresAtGreaterThanForUpdate(deviceId, nowMillis);
        found.ifPresent(authorisation -> deleteById(deviceId));
        return found;
    }

    /**
     * Locks and reads an unexpired authorisation; only inside {@link #consume}'s transaction.
     *
     * @param deviceId the device ID
     * @param expiresAt the time the authorisation must outlast, epoch milliseconds
     * @return the authorisation, or empty
     */
    public abstract Optional<Authorisation> findByDeviceIdAndExpiresAtGreaterThanForUpdate(
            String deviceId, long expiresAt);

    /**
     * Deletes an authorisation; only inside {@link #consume}'s transaction.
     *
     * @param deviceId the device ID
     */
    public abstract void deleteById(String deviceId);
}
