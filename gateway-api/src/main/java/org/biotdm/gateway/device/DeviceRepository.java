package org.biotdm.gateway.device;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.jdbc.DataSourceResolver;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * Keeps the {@code devices} table, the database copy of the ledger's device registry that the chaincode event listener
 * refreshes. The ledger stays authoritative; this copy lets the gateway start, and look devices up, while the ledger is
 * unreachable.
 */
@Singleton
public class DeviceRepository {
    private static final String UPSERT = "INSERT INTO devices (device_id, owner_msp, status, device_type, model,"
            + " firmware_version, device_group, cert_fingerprint, public_key_pem, ledger_tx_id)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE owner_msp = VALUES(owner_msp),"
            + " status = VALUES(status), device_type = VALUES(device_type), model = VALUES(model),"
            + " firmware_version = VALUES(firmware_version), device_group = VALUES(device_group),"
            + " cert_fingerprint = VALUES(cert_fingerprint), public_key_pem = VALUES(public_key_pem),"
            + " ledger_tx_id = VALUES(ledger_tx_id)";
    private static final String COLUMNS = "SELECT device_id, owner_msp, status, cert_fingerprint, public_key_pem,"
            + " device_group, model, firmware_version FROM devices";

    private final DataSource dataSource;

    /**
     * Creates the repository.
     *
     * @param dataSource the database
     * @param resolver unwraps the transaction-aware proxy (these statements run on their own, in auto-commit), or null
     */
    public DeviceRepository(DataSource dataSource, @Nullable DataSourceResolver resolver) {
        this.dataSource = resolver == null ? dataSource : resolver.resolve(dataSource);
    }

    /**
     * Inserts or replaces a device's row with the ledger's record.
     *
     * @param device the ledger record
     * @param transactionId the transaction that last changed it (as far as the gateway knows), or null
     * @throws SQLException when the database cannot be written
     */
    public void upsert(LedgerDevice device, String transactionId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(UPSERT)) {
            statement.setString(1, device.deviceId());
            statement.setString(2, device.ownerMsp());
            statement.setString(3, device.status().name());
            statement.setString(4, device.deviceType());
            statement.setString(5, device.model());
            statement.setString(6, device.firmwareVersion());
            statement.setString(7, device.group());
            statement.setString(8, device.certFingerprint());
            statement.setString(9, device.publicKeyPem());
            statement.setString(10, transactionId);
            statement.executeUpdate();
        }
    }

    /**
     * Reads one device's row.
     *
     * @param deviceId the device ID
     * @return the record, or empty when the table has no such device
     * @throws SQLException when the database cannot be read
     */
    public Optional<DeviceRecord> find(String deviceId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(COLUMNS + " WHERE device_id = ?")) {
            statement.setString(1, deviceId);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(toRecord(rows)) : Optional.empty();
            }
        }
    }

    /**
     * Streams every row to a consumer, for warming the in-memory registry at startup.
     *
     * @param consumer receives each record
     * @return how many rows were read
     * @throws SQLException when the database cannot be read
     */
    public int forEach(Consumer<DeviceRecord> consumer) throws SQLException {
        int count = 0;
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(COLUMNS);
                ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                consumer.accept(toRecord(rows));
                count++;
            }
        }
        return count;
    }

    private static DeviceRecord toRecord(ResultSet row) throws SQLException {
        return new DeviceRecord(
                row.getString(1),
                row.getString(2),
                DeviceStatus.valueOf(row.getString(3)),
                row.getString(4),
                row.getString(5),
                row.getString(6),
                row.getString(7),
                row.getString(8));
    }
}
