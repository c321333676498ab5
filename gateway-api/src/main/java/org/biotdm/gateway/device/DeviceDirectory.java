package org.biotdm.gateway.device;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.jdbc.DataSourceResolver;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.biotdm.gateway.grant.LedgerGrant;

/**
 * Lists devices from the {@code devices} table (the registry copy the chaincode event listener keeps complete) with
 * keyset pagination by device ID, and reads a device's latest reading from {@code telemetry}. All input is bound as
 * parameters.
 */
@Singleton
public class DeviceDirectory {
    private static final String COLUMNS = "SELECT device_id, owner_msp, status, device_type, model, firmware_version,"
            + " device_group FROM devices WHERE 1 = 1";
    private static final String LATEST =
            "SELECT ts, received_at FROM telemetry WHERE device_id = ?" + " ORDER BY ts DESC LIMIT 1";

    private final DataSource dataSource;

    /**
     * Creates the directory.
     *
     * @param dataSource the database
     * @param resolver unwraps the transaction-aware proxy, or null
     */
    public DeviceDirectory(DataSource dataSource, @Nullable DataSourceResolver resolver) {
        this.dataSource = resolver == null ? dataSource : resolver.resolve(dataSource);
    }

    /**
     * Lists one page of an organisation's devices.
     *
     * @param ownerMsp the owner's MSP ID
     * @param filter the filter and page
     * @return the page
     * @throws SQLException when the database cannot be read
     */
    public DeviceListResponse listOwned(String ownerMsp, DeviceFilter filter) throws SQLException {
        StringBuilder sql = new StringBuilder(COLUMNS).append(" AND owner_msp = ?");
        List<String> parameters = new ArrayList<>(List.of(ownerMsp));
        return query(sql, parameters, filter);
    }

    /**
     * Lists one page of the devices some grants cover: by device ID, or by the owner's group.
     *
     * @param grants the grants in force naming the caller (bounded by what admins granted)
     * @param filter the filter and page
     * @return the page; empty without grants
     * @throws SQLException when the database cannot be read
     */
    public DeviceListResponse listGranted(List<LedgerGrant> grants, DeviceFilter filter) throws SQLException {
        if (grants.isEmpty()) {
            return new DeviceListResponse(List.of(), null);
        }
        StringBuilder sql = new StringBuilder(COLUMNS).append(" AND (1 = 0");
        List<String> parameters = new ArrayList<>();
        for (LedgerGrant grant : grants) {
            if (grant.deviceId() != null) {
                sql.append(" OR (device_id = ? AND owner_msp = ?)");
                parameters.add(grant.deviceId());
            } else {
                sql.append(" OR (device_group = ? AND owner_msp = ?)");
                parameters.add(grant.deviceGroup());
            }
            parameters.add(grant.ownerMsp());
        }
        sql.append(')');
        return query(sql, parameters, filter);
    }

    /**
     * Reads the time of a device's latest reading (by reading time) and when the gateway received it.
     *
     * @param deviceId the device ID
     * @return the latest reading's times, or empty when the device never sent telemetry
     * @throws SQLException when the database cannot be read
     */
    public Optional<LastSeen> lastSeen(String deviceId) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(LATEST)) {
            statement.setString(1, deviceId);
            try (ResultSet rows = statement.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                long receivedAt = rows.getObject(2, LocalDateTime.class)
                        .toInstant(ZoneOffset.UTC)
                        .toEpochMilli();
                return Optional.of(new LastSeen(rows.getLong(1), receivedAt));
            }
        }
    }

    private DeviceListResponse query(StringBuilder sql, List<String> parameters, DeviceFilter filter)
            throws SQLException {
        if (filter.status() != null) {
            sql.append(" AND status = ?");
            parameters.add(filter.status().name());
        }
        if (filter.group() != null) {
            sql.append(" AND device_group = ?");
            parameters.add(filter.group());
        }
        if (filter.model() != null) {
            sql.append(" AND model = ?");
            parameters.add(filter.model());
        }
        if (filter.idPrefix() != null) {
            sql.append(" AND device_id LIKE ? ESCAPE '\\\\'");
            parameters.add(filter.likePattern());
        }
        if (filter.after() != null) {
            sql.append(" AND device_id > ?");
            parameters.add(filter.after());
        }
        sql.append(" ORDER BY device_id LIMIT ").append(filter.pageSize() + 1);
        List<DeviceSummary> items = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql.toString())) {
            for (int i = 0; i < parameters.size(); i++) {
                statement.setString(i + 1, parameters.get(i));
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    items.add(new DeviceSummary(
                            rows.getString(1),
                            rows.getString(2),
                            rows.getString(3),
                            rows.getString(4),
                            rows.getString(5),
                            rows.getString(6),
                            rows.getString(7)));
                }
            }
        }
        if (items.size() <= filter.pageSize()) {
            return new DeviceListResponse(items, null);
        }
        List<DeviceSummary> page = items.subList(0, filter.pageSize());
        return new DeviceListResponse(
                List.copyOf(page),
                DeviceFilter.encodeCursor(page.get(page.size() - 1).deviceId()));
    }

    /**
     * When a device was last heard of.
     *
     * @param readingAt the latest reading's time, epoch milliseconds of the device clock
     * @param receivedAt when the gateway committed that reading, epoch milliseconds
     */
    record LastSeen(long readingAt, long receivedAt) {}
}
