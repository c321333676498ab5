package org.biotdm.gateway.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.biotdm.gateway.db.DatabaseConfiguration;
import org.biotdm.gateway.db.EmbeddedMariaDb;

/**
 * One embedded MariaDB per test JVM, started through the service's own {@link EmbeddedMariaDb} (the code path an
 * unconfigured gateway takes), in {@code target/test-mariadb/}, and stopped when the JVM exits. Each test class asks
 * for a fresh database so Flyway migrates a clean schema and classes never see each other's rows.
 */
public final class TestMariaDb {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedMariaDb server;

    private TestMariaDb() {}

    /**
     * Returns the shared server, starting it on first use.
     *
     * @return the running server
     */
    public static synchronized EmbeddedMariaDb server() {
        if (server == null) {
            try {
                Path root = Files.createDirectories(Path.of("target", "test-mariadb"));
                Path dataDir =
                        Files.createTempDirectory(root.toAbsolutePath(), "jvm-").resolve("data");
                server = EmbeddedMariaDb.start(
                        dataDir,
                        TestSettings.defaults(DatabaseConfiguration.class).embeddedBaseDir(),
                        0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "test-mariadb-shutdown"));
        }
        return server;
    }

    /**
     * Creates a new, empty database on the shared server.
     *
     * @param prefix a name prefix, {@code [A-Za-z0-9_]+}, for readable logs
     * @return its JDBC URL
     */
    public static String newDatabase(String prefix) {
        String name = prefix + "_" + DATABASES.incrementAndGet();
        server().createDatabase(name);
        return server().jdbcUrl(name);
    }

    /**
     * Returns the datasource properties for a new, empty database, for {@code @MicronautTest} or an {@code
     * ApplicationContext}.
     *
     * @param prefix a name prefix, {@code [A-Za-z0-9_]+}
     * @return {@code datasources.default.url}, {@code username} and {@code password}
     */
    public static Map<String, Object> datasourceProperties(String prefix) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("datasources.default.url", newDatabase(prefix));
        properties.put("datasources.default.username", server().credentials().user());
        properties.put("datasources.default.password", server().credentials().password());
        return properties;
    }
}
