package org.biotdm.gateway.alert;

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
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.sql.DataSource;
import org.biotdm.gateway.query.SqlTimes;

/** JDBC access to {@code alerts}. Filters are bound as parameters, never spliced into the SQL. */
@Singleton
public class AlertRepository {
    /** The columns {@link #read(ResultSet)} expects, in order. */
    public static final String COLUMNS = "id, device_id, owner_msp, kind, rule_id, sensor, severity, status, message,"
            + " value_num, reading_ts, created_at, updated_at, cleared_at, acknowledged_by, acknowledged_at,"
            + " resolved_by, resolved_at";

    private final DataSource dataSource;

    /**
     * Creates the repository.
     *
     * @param dataSource the service's datasource
     * @param resolver unwraps Micronaut Data's contextual datasource, when present
     */
    public AlertRepository(DataSource dataSource, @Nullable DataSourceResolver resolver) {
        this.dataSource = resolver == null ? dataSource : resolver.resolve(dataSource);
    }

    /**
     * Stores a new open alert.
     *
     * @param deviceId the device
     * @param ownerMsp its owner's MSP ID
     * @param kind {@link Alert#KIND_THRESHOLD} or {@link Alert#KIND_ANOMALY}
     * @param ruleId the rule, or null
     * @param sensor the sensor
     * @param severity the severity
     * @param message the message (cut to 512 characters)
     * @param value the reading's value
     * @param readingTs the reading's time, epoch ms
     * @param now the creation time, epoch ms
     * @return the stored alert
     * @throws SQLException when the database fails
     */
    public Alert insert(
            String deviceId,
            String ownerMsp,
            String kind,
            @Nullable String ruleId,
            String sensor,
            Severity severity,
            String message,
            double value,
            long readingTs,
            long now)
            throws SQLException {
        String text = message.length() > 512 ? message.substring(0, 512) : message;
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "INSERT INTO alerts (device_id, owner_msp, kind, rule_id, sensor, severity, message,"
                                + " value_num, reading_ts, status, created_at, updated_at)"
                                + " VALUES (?,?,?,?,?,?,?,?,?,'OPEN',?,?)",
                        Statement.RETURN_GENERATED_KEYS)) {
            s.setString(1, deviceId);
            s.setString(2, ownerMsp);
            s.setString(3, kind.toUpperCase(Locale.ROOT));
            s.setString(4, ruleId);
            s.setString(5, sensor);
            s.setString(6, severity.name());
            s.setString(7, text);
            if (Double.isFinite(value)) {
                s.setDouble(8, value);
            } else {
                s.setNull(8, Types.DOUBLE);
            }
            s.setLong(9, readingTs);
            SqlTimes.set(s, 10, now);
            SqlTimes.set(s, 11, now);
            s.executeUpdate();
            try (ResultSet keys = s.getGeneratedKeys()) {
                keys.next();
                long id = keys.getLong(1);
                return new Alert(
                        id,
                        deviceId,
                        ownerMsp,
                        kind,
                        ruleId,
                        sensor,
                        severity.value(),
                        AlertState.OPEN.value(),
                        text,
                        Double.isFinite(value) ? value : null,
                        readingTs,
                        now,
                        now,
                        null,
                        null,
                        null,
                        null,
                        null);
            }
        }
    }

    /**
     * Records that an alert's condition stopped holding.
     *
     * @param id the alert
     * @param now the time, epoch ms
     * @return the updated alert, or empty when it does not exist or was cleared before
     * @throws SQLException when the database fails
     */
    public Optional<Alert> markCleared(long id, long now) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "UPDATE alerts SET cleared_at = ?, updated_at = ?" + " WHERE id = ? AND cleared_at IS NULL")) {
            SqlTimes.set(s, 1, now);
            SqlTimes.set(s, 2, now);
            s.setLong(3, id);
            if (s.executeUpdate() == 0) {
                return Optional.empty();
            }
        }
        return find(id);
    }

    /**
     * Moves an alert to a new state if it is in one of the allowed states, atomically.
     *
     * @param id the alert
     * @param target {@link AlertState#ACKNOWLEDGED} or {@link AlertState#RESOLVED}
     * @param username who did it
     * @param now when, epoch ms
     * @return true when the alert moved; false when it was not in a state the move starts from
     * @throws SQLException when the database fails
     */
    public boolean transition(long id, AlertState target, String username, long now) throws SQLException {
        String sql = target == AlertState.ACKNOWLEDGED
                ? "UPDATE alerts SET status = 'ACKNOWLEDGED', acknowledged_by = ?, acknowledged_at = ?,"
                        + " updated_at = ? WHERE id = ? AND status = 'OPEN'"
                : "UPDATE alerts SET status = 'RESOLVED', resolved_by = ?, resolved_at = ?, updated_at = ?"
                        + " WHERE id = ? AND status IN ('OPEN', 'ACKNOWLEDGED')";
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, username);
            SqlTimes.set(s, 2, now);
            SqlTimes.set(s, 3, now);
            s.setLong(4, id);
            return s.executeUpdate() == 1;
        }
    }

    /**
     * Finds an alert.
     *
     * @param id the alert's ID
     * @return the alert, or empty
     * @throws SQLException when the database fails
     */
    public Optional<Alert> find(long id) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM alerts WHERE id = ?")) {
            s.setLong(1, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    /**
     * Returns alerts matching a filter, newest first (by ID).
     *
     * @param filter the filter
     * @param beforeId only alerts with a smaller ID (the paging cursor), or null from the newest
     * @param limit the most rows to return
     * @return the alerts
     * @throws SQLException when the database fails
     */
    public List<Alert> page(AlertFilter filter, @Nullable Long beforeId, int limit) throws SQLException {
        List<Object> params = new ArrayList<>();
        String sql = select(filter, beforeId, params) + " LIMIT " + Math.max(1, limit);
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, params);
            List<Alert> alerts = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    alerts.add(read(rs));
                }
            }
            return alerts;
        }
    }

    /**
     * Builds the SELECT of alerts matching a filter, newest first, collecting its parameters.
     *
     * @param filter the filter
     * @param beforeId only alerts with a smaller ID, or null
     * @param params receives the parameters to bind, in order
     * @return the SQL, with {@code ?} placeholders only
     */
    public static String select(AlertFilter filter, @Nullable Long beforeId, List<Object> params) {
        StringBuilder sql = new StringBuilder("SELECT ").append(COLUMNS).append(" FROM alerts WHERE 1 = 1");
        if (filter.ownerMsp() != null) {
            sql.append(" AND owner_msp = ?");
            params.add(filter.ownerMsp());
        }
        if (filter.deviceId() != null) {
            sql.append(" AND device_id = ?");
            params.add(filter.deviceId());
        }
        if (filter.state() != null) {
            sql.append(" AND status = ?");
            params.add(filter.state().name());
        }
        if (filter.severity() != null) {
            sql.append(" AND severity = ?");
            params.add(filter.severity().name());
        }
        if (filter.from() != null) {
            sql.append(" AND created_at >= ?");
            params.add(new TimeParam(filter.from()));
        }
        if (filter.to() != null) {
            sql.append(" AND created_at < ?");
            params.add(new TimeParam(filter.to()));
        }
        if (beforeId != null) {
            sql.append(" AND id < ?");
            params.add(beforeId);
        }
        return sql.append(" ORDER BY id DESC").toString();
    }

    /**
     * Binds parameters collected by {@link #select(AlertFilter, Long, List)}.
     *
     * @param s the statement
     * @param params the parameters
     * @throws SQLException when binding fails
     */
    public static void bind(PreparedStatement s, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            Object p = params.get(i);
            if (p instanceof TimeParam time) {
                SqlTimes.set(s, i + 1, time.epochMillis());
            } else if (p instanceof Long number) {
                s.setLong(i + 1, number);
            } else {
                s.setString(i + 1, (String) p);
            }
        }
    }

    /**
     * Reads an alert from a row selected with {@link #COLUMNS}.
     *
     * @param rs the result set, on a row
     * @return the alert
     * @throws SQLException when reading fails
     */
    public static Alert read(ResultSet rs) throws SQLException {
        double value = rs.getDouble(10);
        Double boxed = rs.wasNull() ? null : value;
        return new Alert(
                rs.getLong(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4).toLowerCase(Locale.ROOT),
                rs.getString(5),
                rs.getString(6),
                rs.getString(7).toLowerCase(Locale.ROOT),
                rs.getString(8).toLowerCase(Locale.ROOT),
                rs.getString(9),
                boxed,
                rs.getLong(11),
                SqlTimes.get(rs, 12),
                SqlTimes.get(rs, 13),
                SqlTimes.get(rs, 14),
                rs.getString(15),
                SqlTimes.get(rs, 16),
                rs.getString(17),
                SqlTimes.get(rs, 18));
    }

    /** A time parameter, bound as UTC {@code DATETIME}. */
    private record TimeParam(long epochMillis) {}
}
