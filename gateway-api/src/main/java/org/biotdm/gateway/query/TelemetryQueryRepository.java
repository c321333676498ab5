package org.biotdm.gateway.query;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.jdbc.DataSourceResolver;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.biotdm.gateway.ingress.IngressConfiguration;

/**
 * Reads a device's telemetry by reading time with bound parameters only, over the index {@code (device_id, ts)}.
 *
 * <p>Partition pruning: {@code telemetry} is partitioned by receive time, and ingest guarantees {@code ts − skew ≤
 * received_at} and, for readings committed without delay, {@code received_at ≤ ts + max-reading-age + skew}. Every
 * query therefore also bounds {@code received_at} to {@code [from − skew, to + max-reading-age + skew + 1 h)} (the
 * extra hour covers commit delays), so MariaDB reads only the daily partitions that can hold the range.
 *
 * <p>Hand-written SQL rather than a Micronaut Data repository: {@code telemetry} is the partitioned ingest table, not
 * a plain one; these queries add the {@code received_at} bounds for partition pruning, aggregate into time buckets,
 * and serve the streamed export, none of which a derived query expresses.
 */
@Singleton
public class TelemetryQueryRepository {
    /** The columns {@link #read(ResultSet)} expects, in order. */
    public static final String COLUMNS = "id, sensor, ts, value_num, value_text, value_kind, unit, received_at";

    private static final long COMMIT_DELAY_MARGIN_MS = 3_600_000L;
    private static final long MAX_DATETIME_MS = 253_402_300_799_999L;

    private final DataSource dataSource;
    private final long lowMarginMs;
    private final long highMarginMs;

    /**
     * Creates the repository.
     *
     * @param dataSource the service's datasource
     * @param resolver unwraps Micronaut Data's contextual datasource, when present
     * @param ingress the ingest limits the partition bounds rely on ({@code max-clock-skew}, {@code
     *     max-reading-age})
     */
    public TelemetryQueryRepository(
            DataSource dataSource, @Nullable DataSourceResolver resolver, IngressConfiguration ingress) {
        this.dataSource = resolver == null ? dataSource : resolver.resolve(dataSource);
        long skew = ingress.maxClockSkew().toMillis();
        this.lowMarginMs = skew;
        this.highMarginMs = skew + ingress.maxReadingAge().toMillis() + COMMIT_DELAY_MARGIN_MS;
    }

    /**
     * Returns raw readings in time order.
     *
     * @param range the device, sensor and range
     * @param afterTs with {@code afterId}, the cursor: only readings after {@code (afterTs, afterId)}; or null
     * @param afterId the cursor's reading ID
     * @param limit the most readings
     * @return the readings
     * @throws SQLException when the database fails
     */
    public List<TelemetryPoint> page(TelemetryRange range, @Nullable Long afterTs, long afterId, int limit)
            throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT ").append(COLUMNS).append(" FROM telemetry WHERE ");
        List<Object> params = new ArrayList<>();
        where(range, sql, params);
        if (afterTs != null) {
            sql.append(" AND (ts > ? OR (ts = ? AND id > ?))");
            params.add(afterTs);
            params.add(afterTs);
            params.add(afterId);
        }
        sql.append(" ORDER BY ts, id LIMIT ").append(limit);
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql.toString())) {
            bind(s, params);
            List<TelemetryPoint> points = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    points.add(read(rs));
                }
            }
            return points;
        }
    }

    /**
     * Downsamples numeric readings into buckets aligned to multiples of {@code bucketMs}, in SQL.
     *
     * @param range the device, sensor and range
     * @param bucketMs the bucket length, ms
     * @return buckets ordered by sensor, then start
     * @throws SQLException when the database fails
     */
    public List<TelemetryBucket> buckets(TelemetryRange range, long bucketMs) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT sensor, ts DIV ? AS bucket, MIN(value_num), MAX(value_num),"
                + " AVG(value_num), COUNT(value_num) FROM telemetry WHERE ");
        List<Object> params = new ArrayList<>();
        params.add(bucketMs);
        where(range, sql, params);
        sql.append(" AND value_num IS NOT NULL GROUP BY sensor, bucket ORDER BY sensor, bucket");
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql.toString())) {
            bind(s, params);
            List<TelemetryBucket> buckets = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    buckets.add(new TelemetryBucket(
                            rs.getString(1),
                            rs.getLong(2) * bucketMs,
                            rs.getDouble(3),
                            rs.getDouble(4),
                            rs.getDouble(5),
                            rs.getLong(6)));
                }
            }
            return buckets;
        }
    }

    /**
     * Prepares a forward-only, streaming query of every reading of a range in time order, for exports: MariaDB
     * Connector/J fetches {@code fetchSize} rows at a time instead of the whole result.
     *
     * @param c a connection the caller keeps open while reading
     * @param range the device, sensor and range
     * @param fetchSize rows per fetch, 1 or more
     * @return the statement, parameters bound; the caller closes it
     * @throws SQLException when the database fails
     */
    public PreparedStatement streaming(Connection c, TelemetryRange range, int fetchSize) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT ").append(COLUMNS).append(" FROM telemetry WHERE ");
        List<Object> params = new ArrayList<>();
        where(range, sql, params);
        sql.append(" ORDER BY ts, id");
        PreparedStatement s =
                c.prepareStatement(sql.toString(), ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
        s.setFetchSize(fetchSize);
        bind(s, params);
        return s;
    }

    /**
     * Reads a reading from a row selected with {@link #COLUMNS}.
     *
     * @param rs the result set, on a row
     * @return the reading
     * @throws SQLException when reading fails
     */
    public static TelemetryPoint read(ResultSet rs) throws SQLException {
        double value = rs.getDouble(4);
        Double boxed = rs.wasNull() ? null : value;
        return new TelemetryPoint(
                rs.getLong(1),
                rs.getString(2),
                rs.getLong(3),
                boxed,
                rs.getString(5),
                rs.getString(6),
                rs.getString(7),
                SqlTimes.get(rs, 8));
    }

    private void where(TelemetryRange range, StringBuilder sql, List<Object> params) {
        sql.append("device_id = ? AND ts >= ? AND ts < ? AND received_at >= ? AND received_at < ?");
        params.add(range.deviceId());
        params.add(range.from());
        params.add(range.to());
        params.add(new Time(range.from() - lowMarginMs));
        params.add(new Time(range.to() + highMarginMs));
        if (range.sensor() != null) {
            sql.append(" AND sensor = ?");
            params.add(range.sensor());
        }
    }

    private static void bind(PreparedStatement s, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            Object p = params.get(i);
            if (p instanceof Time time) {
                SqlTimes.set(s, i + 1, Math.min(Math.max(0, time.epochMillis()), MAX_DATETIME_MS));
            } else if (p instanceof Long number) {
                s.setLong(i + 1, number);
            } else {
                s.setString(i + 1, (String) p);
            }
        }
    }

    /** A time parameter, bound as UTC {@code DATETIME}. */
    private record Time(long epochMillis) {}
}
