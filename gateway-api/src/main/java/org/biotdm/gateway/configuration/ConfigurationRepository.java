package org.biotdm.gateway.configuration;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Keeps {@code device_configurations} and {@code device_configuration_versions} (migration V81). Each method is one
 * auto-commit statement. The mirror only moves forward: a desired or reported version older than the stored one
 * changes nothing, so two instances writing the same ledger records in any order agree. Every method throws Micronaut
 * Data's {@code DataAccessException} (or its connection exception) when the database fails.
 */
@Singleton
final class ConfigurationRepository {
    private static final String SELECT = "SELECT c.device_id, c.owner_msp, c.desired_version, c.desired_sha256,"
            + " c.desired_at, v.document_json, v.command_id, v.set_by, v.tx_id, c.reported_version, c.reported_sha256,"
            + " c.reported_at, c.reported_tx_id, c.last_report_version, c.last_report_status, c.last_report_code,"
            + " c.last_report_at FROM device_configurations c LEFT JOIN device_configuration_versions v"
            + " ON v.device_id = c.device_id AND v.version = c.desired_version";

    private final JdbcOperations jdbc;

    /**
     * Creates the repository.
     *
     * @param jdbc Micronaut Data's JDBC operations
     */
    public ConfigurationRepository(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Stores a desired version's document and moves the device's row to it, unless a newer one is stored.
     *
     * @param configuration the ledger's record after SetDesiredConfiguration
     * @param documentJson the canonical document
     * @param setBy the admin's username
     * @param transactionId the transaction
     */
    public void recordDesired(
            LedgerConfiguration configuration, String documentJson, String setBy, @Nullable String transactionId) {
        LedgerConfiguration.Desired desired = configuration.desired();
        update(
                "INSERT IGNORE INTO device_configuration_versions (device_id, version, document_json, sha256,"
                        + " command_id, set_by, set_at, tx_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                configuration.deviceId(),
                desired.version(),
                documentJson,
                desired.sha256(),
                desired.commandId(),
                setBy,
                desired.setAt(),
                transactionId);
        update(
                "INSERT INTO device_configurations (device_id, owner_msp, desired_version, desired_sha256, desired_at)"
                        + " VALUES (?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE"
                        + " desired_sha256 = IF(VALUES(desired_version) > desired_version, VALUES(desired_sha256),"
                        + " desired_sha256), desired_at = IF(VALUES(desired_version) > desired_version,"
                        + " VALUES(desired_at), desired_at),"
                        + " desired_version = GREATEST(desired_version, VALUES(desired_version))",
                configuration.deviceId(),
                configuration.ownerMsp(),
                desired.version(),
                desired.sha256(),
                desired.setAt());
    }

    /**
     * Records the device's report from the ledger's record after ReportConfiguration, unless a newer report is
     * stored.
     *
     * @param configuration the ledger's record
     * @param transactionId the transaction
     * @return true when the row changed
     */
    public boolean recordReport(LedgerConfiguration configuration, @Nullable String transactionId) {
        LedgerConfiguration.Report last = configuration.lastReport();
        LedgerConfiguration.Report applied = configuration.reported();
        if (last == null) {
            return false;
        }
        boolean appliedNow = applied != null && applied.version() == last.version();
        return update(
                        "UPDATE device_configurations SET last_report_version = ?, last_report_status = ?,"
                                + " last_report_code = ?, last_report_at = ?,"
                                + " reported_version = IF(?, ?, reported_version),"
                                + " reported_sha256 = IF(?, ?, reported_sha256),"
                                + " reported_at = IF(?, ?, reported_at), reported_tx_id = IF(?, ?, reported_tx_id)"
                                + " WHERE device_id = ? AND COALESCE(last_report_version, 0) < ?",
                        last.version(),
                        last.status().name(),
                        last.code(),
                        last.reportedAt(),
                        appliedNow,
                        last.version(),
                        appliedNow,
                        last.sha256(),
                        appliedNow,
                        last.reportedAt(),
                        appliedNow,
                        transactionId,
                        configuration.deviceId(),
                        last.version())
                > 0;
    }

    /**
     * Reads a device's row.
     *
     * @param deviceId the device
     * @return the row, or empty when no configuration was ever set
     */
    public Optional<ConfigurationRow> find(String deviceId) {
        List<ConfigurationRow> rows = query(SELECT + " WHERE c.device_id = ?", deviceId);
        return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
    }

    /**
     * Lists an organisation's drifting devices by device ID.
     *
     * @param ownerMsp the owner organisation
     * @param afterDeviceId only devices after this ID (the paging cursor), or null
     * @param limit the most rows
     * @return the rows
     */
    public List<ConfigurationRow> drifting(String ownerMsp, @Nullable String afterDeviceId, int limit) {
        return query(
                SELECT + " WHERE c.owner_msp = ? AND c.device_id > ? AND (c.reported_sha256 IS NULL"
                        + " OR c.reported_sha256 <> c.desired_sha256) ORDER BY c.device_id LIMIT " + Math.max(1, limit),
                ownerMsp,
                afterDeviceId == null ? "" : afterDeviceId);
    }

    private int update(String sql, Object... params) {
        return jdbc.execute(c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                bind(s, params);
                return s.executeUpdate();
            }
        });
    }

    private List<ConfigurationRow> query(String sql, Object... params) {
        return jdbc.execute(c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                bind(s, params);
                List<ConfigurationRow> rows = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        rows.add(read(rs));
                    }
                }
                return rows;
            }
        });
    }

    private static void bind(PreparedStatement s, Object... params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            s.setObject(i + 1, params[i]);
        }
    }

    private static ConfigurationRow read(ResultSet rs) throws SQLException {
        return new ConfigurationRow(
                rs.getString(1),
                rs.getString(2),
                rs.getLong(3),
                rs.getString(4),
                rs.getLong(5),
                rs.getString(6),
                rs.getString(7),
                rs.getString(8),
                rs.getString(9),
                rs.getObject(10, Long.class),
                rs.getString(11),
                rs.getObject(12, Long.class),
                rs.getString(13),
                rs.getObject(14, Long.class),
                rs.getString(15),
                rs.getString(16),
                rs.getObject(17, Long.class));
    }
}
