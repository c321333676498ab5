package org.biotdm.gateway.alert;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.biotdm.gateway.query.SqlTimes;

/**
 * Keeps {@code alerts} through Micronaut Data: each method is one auto-commit statement, and state changes are
 * conditional updates whose affected-row count is the answer, so two people acting on one alert never both move it.
 * Every method throws Micronaut Data's {@code DataAccessException} (or its connection exception) when the database
 * fails.
 *
 * <p>The filtered listing stays hand-written SQL ({@link #select}): the streamed alert export runs the same
 * statement through a forward-only cursor, so the page and the export select exactly the same rows. Filters are bound
 * as parameters, never spliced into the SQL.
 */
@JdbcRepository(dialect = Dialect.MYSQL)
public abstract class AlertRepository implements GenericRepository<Alert, Long> {
    /** The columns {@link #read(ResultSet)} expects, in order. */
    public static final String COLUMNS = "id, device_id, owner_msp, kind, rule_id, sensor, severity, status, message,"
            + " value_num, reading_ts, created_at, updated_at, cleared_at, acknowledged_by, acknowledged_at,"
            + " resolved_by, resolved_at";

    private static final int MAX_MESSAGE = 512;

    private final JdbcOperations jdbc;

    /**
     * Creates the repository.
     *
     * @param jdbc Micronaut Data's JDBC operations, for the hand-written listing
     */
    protected AlertRepository(JdbcOperations jdbc) {
        this.jdbc = jdbc;
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
     * @param value the reading's value (stored as null when not finite)
     * @param readingTs the reading's time, epoch ms
     * @param now the creation time, epoch ms
     * @return the stored alert, with its generated ID
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
            long now) {
        return save(new Alert(
                0,
                deviceId,
                ownerMsp,
                kind,
                ruleId,
                sensor,
                severity.value(),
                AlertState.OPEN.value(),
                message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) : message,
                Double.isFinite(value) ? value : null,
                readingTs,
                now,
                now,
                null,
                null,
                null,
                null,
                null));
    }

    /**
     * Inserts an alert, generating its ID.
     *
     * @param alert the alert (its ID is ignored)
     * @return the alert with its ID
     */
    abstract Alert save(Alert alert);

    /**
     * Records that an alert's condition stopped holding.
     *
     * @param id the alert
     * @param now the time, epoch ms
     * @return the updated alert, or empty when it does not exist or was cleared before
     */
    public Optional<Alert> markCleared(long id, long now) {
        return clear(id, SqlTimes.toDateTime(now)) == 0 ? Optional.empty() : find(id);
    }

    @Query("UPDATE alerts SET cleared_at = :now, updated_at = :now WHERE id = :id AND cleared_at IS NULL")
    abstract int clear(long id, LocalDateTime now);

    /**
     * Moves an alert to a new state if it is in one of the allowed states, atomically.
     *
     * @param id the alert
     * @param target {@link AlertState#ACKNOWLEDGED} or {@link AlertState#RESOLVED}
     * @param username who did it
     * @param now when, epoch ms
     * @return true when the alert moved; false when it was not in a state the move starts from
     */
    public boolean transition(long id, AlertState target, String username, long now) {
        LocalDateTime at = SqlTimes.toDateTime(now);
        return (target == AlertState.ACKNOWLEDGED ? acknowledge(id, username, at) : resolve(id, username, at)) == 1;
    }

    @Query("UPDATE alerts SET status = 'ACKNOWLEDGED', acknowledged_by = :username, acknowledged_at = :now,"
            + " updated_at = :now WHERE id = :id AND status = 'OPEN'")
    abstract int acknowledge(long id, String username, LocalDateTime now);

    @Query("UPDATE alerts SET status = 'RESOLVED', resolved_by = :username, resolved_at = :now, updated_at = :now"
            + " WHERE id = :id AND status IN ('OPEN', 'ACKNOWLEDGED')")
    abstract int resolve(long id, String username, LocalDateTime now);

    /**
     * Finds an alert.
     *
     * @param id the alert's ID
     * @return the alert, or empty
     */
    public abstract Optional<Alert> find(long id);

    /**
     * Returns alerts matching a filter, newest first (by ID).
     *
     * @param filter the filter
     * @param beforeId only alerts with a smaller ID (the paging cursor), or null from the newest
     * @param limit the most rows to return
     * @return the alerts
     */
    public List<Alert> page(AlertFilter filter, @Nullable Long beforeId, int limit) {
        List<Object> params = new ArrayList<>();
        String sql = select(filter, beforeId, params) + " LIMIT " + Math.max(1, limit);
        return jdbc.execute(c -> {
            try (PreparedStatement s = c.prepareStatement(sql)) {
                bind(s, params);
                List<Alert> alerts = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        alerts.add(read(rs));
                    }
                }
                return alerts;
            }
        });
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
        String column = (filter.time() == null ? AlertFilter.Time.CREATED : filter.time()).column();
        if (filter.from() != null) {
            sql.append(" AND ").append(column).append(" >= ?");
            params.add(new TimeParam(filter.from()));
        }
        if (filter.to() != null) {
            sql.append(" AND ").append(column).append(" < ?");
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
