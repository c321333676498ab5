package org.biotdm.gateway.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.jdbc.DataSourceResolver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class EmbeddedMariaDbIT {

    @Test
    void embedded_database_keeps_its_data_across_restarts_and_serves_as_an_external_url() throws Exception {
        Path dataDir = Files.createTempDirectory(
                Files.createDirectories(Path.of("target", "it-data")).toAbsolutePath(), "embedded-");
        int firstPort;
        EmbeddedCredentials credentials;
        try (ApplicationContext first = start(dataDir, null, null)) {
            EmbeddedMariaDb server =
                    first.getBean(EmbeddedDatabase.class).server().orElseThrow();
            firstPort = server.port();
            credentials = server.credentials();
            assertThat(server.dataDir()).isEqualTo(dataDir.resolve("mariadb").toAbsolutePath());
            assertThat(migratedVersions(first)).contains("1");
            insertDevice(first, "mote-1");
        }
        assertThatThrownBy(() -> DriverManager.getConnection(
                        "jdbc:mariadb://127.0.0.1:" + firstPort + "/biotdm",
                        credentials.user(),
                        credentials.password()))
                .as("the embedded server stops with the context")
                .isInstanceOf(SQLException.class);

        try (ApplicationContext second = start(dataDir, null, null)) {
            EmbeddedMariaDb server =
                    second.getBean(EmbeddedDatabase.class).server().orElseThrow();
            assertThat(deviceOwners(second)).containsExactly("Org1MSP");

            try (ApplicationContext external = start(
                    Files.createTempDirectory(dataDir.getParent(), "external-"),
                    server.jdbcUrl("biotdm"),
                    credentials)) {
                assertThat(external.getBean(EmbeddedDatabase.class).server())
                        .as("no embedded server with a URL")
                        .isEmpty();
                assertThat(deviceOwners(external)).containsExactly("Org1MSP");
                insertDevice(external, "mote-2");
            }
            assertThat(deviceOwners(second)).containsExactly("Org1MSP", "Org1MSP");
        }
    }

    private static ApplicationContext start(Path dataDir, String url, EmbeddedCredentials credentials) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("biotdm.data-dir", dataDir.toString());
        properties.put("biotdm.anchoring.enabled", false);
        if (url != null) {
            properties.put("datasources.default.url", url);
            properties.put("datasources.default.username", credentials.user());
            properties.put("datasources.default.password", credentials.password());
        }
        return ApplicationContext.builder()
                .environments(Environment.TEST)
                .properties(properties)
                .start();
    }

    private static DataSource dataSource(ApplicationContext context) {
        return context.getBean(DataSourceResolver.class).resolve(context.getBean(DataSource.class));
    }

    private static List<String> migratedVersions(ApplicationContext context) throws SQLException {
        return query(context, "SELECT version FROM flyway_schema_history WHERE success = 1 ORDER BY installed_rank");
    }

    private static List<String> deviceOwners(ApplicationContext context) throws SQLException {
        return query(context, "SELECT owner_msp FROM devices ORDER BY device_id");
    }

    private static List<String> query(ApplicationContext context, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection connection = dataSource(context).getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    private static void insertDevice(ApplicationContext context, String deviceId) throws SQLException {
        try (Connection connection = dataSource(context).getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "INSERT INTO devices (device_id, owner_msp, status) VALUES (?, 'Org1MSP', 'ACTIVE')")) {
            statement.setString(1, deviceId);
            statement.executeUpdate();
        }
    }
}
