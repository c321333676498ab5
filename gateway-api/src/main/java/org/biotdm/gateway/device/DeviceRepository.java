package org.biotdm.gateway.device;

import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.biotdm.gateway.connectivity.ActivityStore;
import org.biotdm.gateway.db.RepositoryCalls;

/**
 * Keeps the {@code devices} table, the database copy of the ledger's device registry that the chaincode event listener
 * refreshes. The ledger stays authoritative; this copy lets the gateway start, and look devices up, while the ledger is
 * unreachable. It also keeps the activity columns ({@code last_seen_at}, {@code last_connect_at}) that {@link
 * org.biotdm.gateway.connectivity.Connectivity} writes in batches.
 */
@Singleton
public class DeviceRepository implements ActivityStore {
    private final DeviceRows rows;

    /**
     * Creates the repository.
     *
     * @param rows the table (each call on its own connection, in auto-commit)
     */
    DeviceRepository(DeviceRows rows) {
        this.rows = rows;
    }

    /**
     * Inserts or replaces a device's row with the ledger's record.
     *
     * @param device the ledger record
     * @param transactionId the transaction that last changed it (as far as the gateway knows), or null
     * @throws SQLException when the database cannot be written
     */
    public void upsert(LedgerDevice device, String transactionId) throws SQLException {
        RepositoryCalls.run(() -> rows.upsert(
                device.deviceId(),
                device.ownerMsp(),
                device.status().name(),
                device.deviceType(),
                device.model(),
                device.firmwareVersion(),
                device.group(),
                device.certFingerprint(),
                device.publicKeyPem(),
                transactionId));
    }

    /**
     * Reads one device's row.
     *
     * @param deviceId the device ID
     * @return the record, or empty when the table has no such device
     * @throws SQLException when the database cannot be read
     */
    public Optional<DeviceRecord> find(String deviceId) throws SQLException {
        return RepositoryCalls.call(() -> rows.findById(deviceId)).map(DeviceRow::toRecord);
    }

    /**
     * Passes every row to a consumer, for warming the in-memory registry at startup.
     *
     * @param consumer receives each record
     * @return how many rows were read
     * @throws SQLException when the database cannot be read
     */
    public int forEach(Consumer<DeviceRecord> consumer) throws SQLException {
        List<DeviceRow> all = RepositoryCalls.call(rows::findAll);
        all.forEach(row -> consumer.accept(row.toRecord()));
        return all.size();
    }

    @Override
    public void write(String deviceId, long lastActivityAt, long connectedAt) throws SQLException {
        RepositoryCalls.run(() -> rows.updateActivity(deviceId, lastActivityAt, connectedAt));
    }
}
