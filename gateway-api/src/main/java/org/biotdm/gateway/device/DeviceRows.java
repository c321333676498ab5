package org.biotdm.gateway.device;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.connection.ConnectionDefinition;
import io.micronaut.data.connection.annotation.Connectable;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import io.micronaut.data.repository.jpa.JpaSpecificationExecutor;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

/**
 * The {@code devices} table, and the latest reading of a device in {@code telemetry}. Every call takes its own
 * connection in auto-commit, outside any transaction of the caller: the copy follows the ledger, not the caller's work.
 */
@JdbcRepository(dialect = Dialect.MYSQL)
@Connectable(propagation = ConnectionDefinition.Propagation.REQUIRES_NEW)
interface DeviceRows extends GenericRepository<DeviceRow, String>, JpaSpecificationExecutor<DeviceRow> {

    /**
     * Reads one device's row.
     *
     * @param deviceId the device ID
     * @return the row, or empty
     */
    Optional<DeviceRow> findById(String deviceId);

    /**
     * Reads every row. (MariaDB Connector/J reads a whole result set into memory unless a fetch size is set, so the
     * hand-written loop this replaces did not stream either.)
     *
     * @return the rows
     */
    List<DeviceRow> findAll();

    /**
     * Inserts or replaces a device's row in one statement (MariaDB upsert, so concurrent writers cannot collide on the
     * primary key).
     *
     * @param row the row
     */
    @Query("INSERT INTO devices (device_id, owner_msp, status, device_type, model, firmware_version, device_group,"
            + " cert_fingerprint, public_key_pem, ledger_tx_id) VALUES (:deviceId, :ownerMsp, :status, :deviceType,"
            + " :model, :firmwareVersion, :deviceGroup, :certFingerprint, :publicKeyPem, :ledgerTxId)"
            + " ON DUPLICATE KEY UPDATE owner_msp = VALUES(owner_msp), status = VALUES(status),"
            + " device_type = VALUES(device_type), model = VALUES(model), firmware_version = VALUES(firmware_version),"
            + " device_group = VALUES(device_group), cert_fingerprint = VALUES(cert_fingerprint),"
            + " public_key_pem = VALUES(public_key_pem), ledger_tx_id = VALUES(ledger_tx_id)")
    void upsert(
            String deviceId,
            String ownerMsp,
            String status,
            @Nullable String deviceType,
            @Nullable String model,
            @Nullable String firmwareVersion,
            @Nullable String deviceGroup,
            @Nullable String certFingerprint,
            @Nullable String publicKeyPem,
            @Nullable String ledgerTxId);

    /**
     * Writes a device's latest activity and the start of its online period. {@code updated_at} is set to itself:
     * activity is not a change of the registry copy. The parameters are named after {@link DeviceRow}'s properties,
     * so they are bound through its {@code UtcMillisConverter} (UTC wall-clock {@code DATETIME(3)}).
     *
     * @param deviceId the device
     * @param lastSeenAt the latest activity, epoch ms
     * @param lastConnectAt the start of the current online period, epoch ms
     */
    @Query("UPDATE devices SET last_seen_at = :lastSeenAt, last_connect_at = :lastConnectAt, updated_at = updated_at"
            + " WHERE device_id = :deviceId")
    void updateActivity(String deviceId, Long lastSeenAt, Long lastConnectAt);

    /**
     * Reads the times of a device's latest reading (by reading time), from the telemetry table that the telemetry
     * feature owns.
     *
     * @param deviceId the device ID
     * @return the times, or empty when the device never sent telemetry
     */
    @Query("SELECT ts AS reading_at, received_at FROM telemetry WHERE device_id = :deviceId ORDER BY ts DESC LIMIT 1")
    Optional<LatestReading> findLatestReading(String deviceId);

    /**
     * The times of a reading.
     *
     * @param readingAt the reading's time, epoch milliseconds of the device clock
     * @param receivedAt when the gateway committed it, UTC
     */
    @Introspected
    record LatestReading(long readingAt, LocalDateTime receivedAt) {}
}
