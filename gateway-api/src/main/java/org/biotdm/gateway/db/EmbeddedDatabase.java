package org.biotdm.gateway.db;

import com.zaxxer.hikari.HikariDataSource;
import io.micronaut.context.BeanProvider;
import io.micronaut.context.event.BeanDestroyedEvent;
import io.micronaut.context.event.BeanDestroyedEventListener;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.biotdm.gateway.config.DataDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service's embedded MariaDB, started on demand by {@link EmbeddedDatasourceListener} when {@code
 * datasources.default.url} is empty, with its data in {@code <biotdm.data-dir>/mariadb}.
 *
 * <p>It stops the server when the Hikari pool has been closed (it listens for that bean's destruction), so the
 * telemetry writer and the pool are gone before MariaDB stops; {@link #stop()} on destruction is the fallback when no
 * pool was ever created.
 *
 * <p>While it runs, a watchdog looks at the server's process every second; when the server died (killed, crashed) it
 * starts it again on the same port and data, waiting 1, 2, 4, … up to 30 s between failed attempts. The Hikari pool
 * needs nothing for that: it drops broken connections and opens new ones once the server answers, and until then the
 * requests that need the database fail with 503 {@code DATABASE_UNAVAILABLE} and {@code Retry-After}.
 */
@Singleton
public class EmbeddedDatabase implements BeanDestroyedEventListener<DataSource> {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);

    private final BeanProvider<DatabaseConfiguration> configuration;
    private final BeanProvider<DataDirectory> dataDir;
    private EmbeddedMariaDb server;
    private Watchdog watchdog;

    /**
     * Creates the (not yet started) embedded database holder. Its settings are resolved only when it starts: as a
     * listener of the pool's destruction it is also created while the context stops, when no setting can be read
     * any more (a gateway on an external database never started it).
     *
     * @param configuration the database settings
     * @param dataDir the service's data directory
     */
    public EmbeddedDatabase(BeanProvider<DatabaseConfiguration> configuration, BeanProvider<DataDirectory> dataDir) {
        this.configuration = configuration;
        this.dataDir = dataDir;
    }

    /**
     * Starts the server on first call and creates the service's database if missing.
     *
     * @return the running server
     * @throws IllegalStateException when MariaDB cannot be started
     */
    public synchronized EmbeddedMariaDb start() {
        if (server == null) {
            DatabaseConfiguration settings = configuration.get();
            server = EmbeddedMariaDb.start(
                    dataDir.get().resolve("mariadb"), settings.embeddedBaseDir(), settings.embeddedPort());
            server.createDatabase(settings.embeddedDatabase());
            watchdog = new Watchdog(server);
        }
        return server;
    }

    /**
     * Returns the embedded server, if this service started one.
     *
     * @return the server, or empty when an external database is configured
     */
    public synchronized Optional<EmbeddedMariaDb> server() {
        return Optional.ofNullable(server);
    }

    /**
     * Returns the accounts of the embedded server; the service's datasource connects as the application user.
     *
     * @return the credentials
     * @throws IllegalStateException when the server was not started
     */
    public synchronized EmbeddedCredentials credentials() {
        if (server == null) {
            throw new IllegalStateException("the embedded MariaDB is not started");
        }
        return server.credentials();
    }

    /**
     * Returns the JDBC URL the service's datasource uses for the embedded database.
     *
     * @return the URL, with the driver options the telemetry writer relies on
     * @throws IllegalStateException when the server was not started
     */
    public synchronized String jdbcUrl() {
        if (server == null) {
            throw new IllegalStateException("the embedded MariaDB is not started");
        }
        return server.jdbcUrl(configuration.get().embeddedDatabase());
    }

    @Override
    public void onDestroyed(BeanDestroyedEvent<DataSource> event) {
        // Micronaut Data's contextual wrapper is destroyed before the pool itself; only the closed pool counts.
        if (event.getBean() instanceof HikariDataSource) {
            stop();
        }
    }

    /** Stops the embedded server, if one was started; its data stays. */
    @PreDestroy
    public synchronized void stop() {
        if (watchdog != null) {
            watchdog.close();
        }
        if (server != null) {
            server.stop();
        }
    }

    /** Starts the server again whenever it died, with back-off between failed attempts. */
    private static final class Watchdog implements AutoCloseable {
        private static final long CHECK_MS = 1_000;
        private static final long MAX_BACK_OFF_MS = 30_000;

        private final EmbeddedMariaDb server;
        private final ScheduledExecutorService executor;
        private long backOffMs;
        private long nextAttempt;

        Watchdog(EmbeddedMariaDb server) {
            this.server = server;
            this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "embedded-mariadb-watchdog");
                thread.setDaemon(true);
                return thread;
            });
            executor.scheduleWithFixedDelay(this::check, CHECK_MS, CHECK_MS, TimeUnit.MILLISECONDS);
        }

        private void check() {
            if (!server.hasDied() || System.currentTimeMillis() < nextAttempt) {
                return;
            }
            try {
                server.restart();
                backOffMs = 0;
            } catch (RuntimeException e) {
                backOffMs = Math.min(MAX_BACK_OFF_MS, Math.max(CHECK_MS, backOffMs * 2));
                nextAttempt = System.currentTimeMillis() + backOffMs;
                LOG.error("Embedded MariaDB did not start again; next attempt in {} ms", backOffMs, e);
            }
        }

        @Override
        public void close() {
            executor.shutdownNow();
        }
    }
}
