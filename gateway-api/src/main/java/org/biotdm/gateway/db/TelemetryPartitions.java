package org.biotdm.gateway.db;

import io.micronaut.context.event.StartupEvent;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.jdbc.DataSourceResolver;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps daily partitions of {@code telemetry} (partitioned by {@code received_at}, UTC) ready for today and the next
 * {@code biotdm.database.partitions-ahead-days} days, by splitting the catch-all partition {@code p_future} with
 * {@code ALTER TABLE telemetry REORGANIZE PARTITION p_future INTO (...)}. Rows never fail for lack of a partition
 * ({@code p_future} takes everything beyond the last bound); the job keeps {@code p_future} empty so the split is a
 * metadata change.
 *
 * <p>Partition {@code pYYYYMMDD} holds the rows received on that UTC day, that is, below the next day's midnight and
 * at or above the previous partition's bound. When the newest bound lies in the past (first start, or a service that
 * was down for days) one partition, named after yesterday, bridges the gap up to today's midnight.
 *
 * <p>It runs at startup and then every {@code biotdm.database.partition-check-interval} (1 h by default). It is
 * idempotent (it recomputes what is missing from {@code information_schema.PARTITIONS}) and safe with several
 * gateway instances on one database: it holds the named lock {@value #LOCK_NAME} ({@code GET_LOCK}, not waiting) while
 * it inspects and changes the table, and an instance that does not get the lock skips the run.
 *
 * <p>Hand-written SQL, as DDL and {@code information_schema} reads are outside what Micronaut Data repositories do.
 */
@Singleton
final class TelemetryPartitions {
    /** The MariaDB named lock that serialises partition maintenance across gateway instances. */
    public static final String LOCK_NAME = "biotdm.telemetry.partitions";

    private static final Logger LOG = LoggerFactory.getLogger(TelemetryPartitions.class);
    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("'p'yyyyMMdd", Locale.ROOT);
    private static final String FUTURE = "p_future";

    private final DataSource dataSource;
    private final DatabaseConfiguration configuration;
    private final Clock clock;

    /**
     * Creates the job.
     *
     * @param dataSource the service's datasource
     * @param resolver unwraps Micronaut Data's contextual datasource, when present
     * @param configuration the database settings
     */
    public TelemetryPartitions(
            DataSource dataSource, @Nullable DataSourceResolver resolver, DatabaseConfiguration configuration) {
        this(resolver == null ? dataSource : resolver.resolve(dataSource), configuration, Clock.systemUTC());
    }

    TelemetryPartitions(DataSource dataSource, DatabaseConfiguration configuration, Clock clock) {
        this.dataSource = dataSource;
        this.configuration = configuration;
        this.clock = clock;
    }

    /**
     * What a maintenance run did.
     *
     * @param lockAcquired false when another instance held {@value #LOCK_NAME} and this run skipped
     * @param created the partitions added, oldest first (empty when all were ready)
     */
    public record Result(boolean lockAcquired, List<String> created) {}

    @EventListener
    void onStartup(StartupEvent event) {
        runLogged();
    }

    @Scheduled(
            fixedDelay = "${biotdm.database.partition-check-interval}",
            initialDelay = "${biotdm.database.partition-check-interval}")
    void onSchedule() {
        runLogged();
    }

    private void runLogged() {
        try {
            Result result = ensurePartitions(LocalDate.now(clock.withZone(ZoneOffset.UTC)));
            if (!result.created().isEmpty()) {
                LOG.info("Added telemetry partitions {}", result.created());
            }
        } catch (SQLException e) {
            LOG.warn("Telemetry partition maintenance failed, retrying at the next run: {}", e.toString());
        }
    }

    /**
     * Makes sure daily partitions exist for {@code today} and the configured number of days after it.
     *
     * @param today the current UTC day
     * @return what was done
     * @throws SQLException when the database cannot be read or changed
     */
    public Result ensurePartitions(LocalDate today) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            if (!acquireLock(connection)) {
                return new Result(false, List.of());
            }
            try {
                List<String> created = addMissing(connection, today);
                return new Result(true, created);
            } finally {
                releaseLock(connection);
            }
        }
    }

    private List<String> addMissing(Connection connection, LocalDate today) throws SQLException {
        LocalDate newestBound = newestBound(connection);
        if (newestBound == null) {
            return List.of();
        }
        LocalDate horizon = today.plusDays(configuration.partitionsAheadDays() + 1L);
        List<String> names = new ArrayList<>();
        StringBuilder ddl = new StringBuilder("ALTER TABLE telemetry REORGANIZE PARTITION ")
                .append(FUTURE)
                .append(" INTO (");
        LocalDate from = newestBound;
        if (from.isBefore(today)) {
            appendPartition(ddl, names, today.minusDays(1), today);
            from = today;
        }
        for (LocalDate day = from; day.isBefore(horizon); day = day.plusDays(1)) {
            appendPartition(ddl, names, day, day.plusDays(1));
        }
        if (names.isEmpty()) {
            return List.of();
        }
        ddl.append("PARTITION ").append(FUTURE).append(" VALUES LESS THAN (MAXVALUE))");
        try (Statement statement = connection.createStatement()) {
            statement.execute(ddl.toString());
        }
        return List.copyOf(names);
    }

    private static void appendPartition(StringBuilder ddl, List<String> names, LocalDate day, LocalDate bound) {
        String name = NAME.format(day);
        names.add(name);
        ddl.append("PARTITION ")
                .append(name)
                .append(" VALUES LESS THAN ('")
                .append(bound)
                .append("'), ");
    }

    /** Returns the highest bound below {@code p_future}, or null when the table has no {@code p_future} to split. */
    private static LocalDate newestBound(Connection connection) throws SQLException {
        LocalDate newest = null;
        boolean hasFuture = false;
        try (PreparedStatement statement = connection.prepareStatement("SELECT PARTITION_NAME, PARTITION_DESCRIPTION"
                        + " FROM information_schema.PARTITIONS WHERE TABLE_SCHEMA = DATABASE()"
                        + " AND TABLE_NAME = 'telemetry' AND PARTITION_NAME IS NOT NULL");
                ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                String description = rows.getString(2);
                if (FUTURE.equals(rows.getString(1))) {
                    hasFuture = true;
                } else if (description != null && !description.contains("MAXVALUE")) {
                    LocalDate bound =
                            LocalDate.parse(description.replace("'", "").substring(0, 10));
                    if (newest == null || bound.isAfter(newest)) {
                        newest = bound;
                    }
                }
            }
        }
        if (!hasFuture || newest == null) {
            LOG.warn("Table telemetry has no p_future partition below a dated one; leaving its partitions alone");
            return null;
        }
        return newest;
    }

    private static boolean acquireLock(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT GET_LOCK(?, 0)")) {
            statement.setString(1, LOCK_NAME);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() && rows.getInt(1) == 1;
            }
        }
    }

    private static void releaseLock(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT RELEASE_LOCK(?)")) {
            statement.setString(1, LOCK_NAME);
            statement.execute();
        }
    }
}
