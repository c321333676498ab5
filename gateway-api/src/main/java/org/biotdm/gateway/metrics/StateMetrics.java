package org.biotdm.gateway.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.jdbc.DataSourceResolver;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.biotdm.gateway.command.CommandState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gauges read from MariaDB every 15 s: {@code biotdm_anchoring_backlog_windows} (anchors written to the outbox and
 * not yet confirmed by the ledger), {@code biotdm_anchoring_lag_seconds} (how long ago the oldest window that has
 * ended but is not anchored ended; 0 when none) and {@code biotdm_commands{state}} (commands in each {@link
 * CommandState}). While the database cannot be read the gauges keep their last values and {@code
 * biotdm_metrics_database_up} is 0.
 */
@Requires(beans = MeterRegistry.class)
@Singleton
final class StateMetrics {
    private static final Logger LOG = LoggerFactory.getLogger(StateMetrics.class);

    private final DataSource dataSource;
    private final AtomicLong backlog = new AtomicLong();
    private final AtomicLong lagSeconds = new AtomicLong();
    private final AtomicLong databaseUp = new AtomicLong();
    private volatile boolean warned;
    private final Map<CommandState, AtomicLong> commands = new EnumMap<>(CommandState.class);

    /**
     * Creates the gauges.
     *
     * @param registry the registry
     * @param dataSource the service's datasource
     * @param resolver unwraps Micronaut Data's contextual datasource, when present
     */
    public StateMetrics(MeterRegistry registry, DataSource dataSource, @Nullable DataSourceResolver resolver) {
        this.dataSource = resolver == null ? dataSource : resolver.resolve(dataSource);
        Gauge.builder("biotdm.anchoring.backlog", backlog, AtomicLong::get)
                .description("Anchors not yet confirmed by the ledger")
                .baseUnit("windows")
                .register(registry);
        Gauge.builder("biotdm.anchoring.lag", lagSeconds, AtomicLong::get)
                .description("Age of the oldest ended window not anchored")
                .baseUnit("seconds")
                .register(registry);
        Gauge.builder("biotdm.metrics.database.up", databaseUp, AtomicLong::get)
                .description("1 when the last read of these gauges from MariaDB succeeded")
                .register(registry);
        for (CommandState state : CommandState.values()) {
            AtomicLong count = new AtomicLong();
            commands.put(state, count);
            Gauge.builder("biotdm.commands", count, AtomicLong::get)
                    .description("Commands by state")
                    .tag("state", state.name())
                    .register(registry);
        }
    }

    /** Reads the gauges' values; a failure is logged at the first and at the start of each outage. */
    @Scheduled(fixedDelay = "15s", initialDelay = "5s")
    void refresh() {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            backlog.set(
                    single(statement, "SELECT COUNT(*) FROM anchor_outbox WHERE status IN ('PENDING','SUBMITTED')"));
            long oldestEnd = single(
                    statement,
                    "SELECT COALESCE(MIN(end_ms), 0) FROM anchor_windows WHERE status <> 'ANCHORED' AND end_ms < "
                            + System.currentTimeMillis());
            lagSeconds.set(oldestEnd == 0 ? 0 : (System.currentTimeMillis() - oldestEnd) / 1000);
            commands.values().forEach(count -> count.set(0));
            try (ResultSet rows = statement.executeQuery("SELECT state, COUNT(*) FROM commands GROUP BY state")) {
                while (rows.next()) {
                    AtomicLong count = commands.get(stateOf(rows.getString(1)));
                    if (count != null) {
                        count.set(rows.getLong(2));
                    }
                }
            }
            databaseUp.set(1);
        } catch (SQLException e) {
            if (databaseUp.getAndSet(0) == 1 || !warned) {
                warned = true;
                LOG.warn("Cannot read the anchoring and command gauges: {}", e.getMessage());
            }
        }
    }

    private static long single(Statement statement, String sql) throws SQLException {
        try (ResultSet rows = statement.executeQuery(sql)) {
            return rows.next() ? rows.getLong(1) : 0;
        }
    }

    private static CommandState stateOf(String name) {
        try {
            return CommandState.valueOf(name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
