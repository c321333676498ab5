package org.biotdm.gateway.db;

import com.zaxxer.hikari.HikariDataSource;
import io.micronaut.context.event.BeanDestroyedEvent;
import io.micronaut.context.event.BeanDestroyedEventListener;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.Optional;
import javax.sql.DataSource;
import org.biotdm.gateway.config.DataDirectory;

/**
 * The service's embedded MariaDB, started on demand by {@link EmbeddedDatasourceListener} when {@code
 * datasources.default.url} is empty, with its data in {@code <biotdm.data-dir>/mariadb}.
 *
 * <p>It stops the server when the Hikari pool has been closed (it listens for that bean's destruction), so the
 * telemetry writer and the pool are gone before MariaDB stops; {@link #stop()} on destruction is the fallback when no
 * pool was ever created.
 */
@Singleton
public class EmbeddedDatabase implements BeanDestroyedEventListener<DataSource> {
    private final DatabaseConfiguration configuration;
    private final DataDirectory dataDir;
    private EmbeddedMariaDb server;

    /**
     * Creates the (not yet started) embedded database holder.
     *
     * @param configuration the database settings
     * @param dataDir the service's data directory
     */
    public EmbeddedDatabase(DatabaseConfiguration configuration, DataDirectory dataDir) {
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
            server = EmbeddedMariaDb.start(
                    dataDir.resolve("mariadb"), configuration.embeddedBaseDir(), configuration.embeddedPort());
            server.createDatabase(configuration.embeddedDatabase());
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
        return server.jdbcUrl(configuration.embeddedDatabase());
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
        if (server != null) {
            server.stop();
        }
    }
}
