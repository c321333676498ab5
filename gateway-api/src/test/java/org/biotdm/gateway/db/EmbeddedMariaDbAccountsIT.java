package org.biotdm.gateway.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.biotdm.gateway.testing.TestSettings;
import org.junit.jupiter.api.Test;

/**
 * The embedded MariaDB's accounts, on a server started directly in a temporary directory: {@code root} needs its
 * generated password, the application user reaches only the service's database, the credentials are owner-only and
 * survive a restart, and a data directory without credentials (as an earlier release left it) gets passwords on its
 * next start.
 */
class EmbeddedMariaDbAccountsIT {
    private static final String CREATE_TABLE = "CREATE TABLE t (id INT PRIMARY KEY)";

    @Test
    void root_needs_its_password_and_the_application_user_reaches_only_its_database() throws Exception {
        Path dir = newDirectory();
        try (EmbeddedMariaDb server = start(dir)) {
            server.createDatabase("biotdm");
            EmbeddedCredentials credentials = server.credentials();

            assertThatThrownBy(() -> connect(server, "", "root", "")).isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> connect(server, "", "anyone", ""))
                    .as("no anonymous account")
                    .isInstanceOf(SQLException.class);
            try (Connection app = connect(server, "biotdm", credentials.user(), credentials.password());
                    Statement statement = app.createStatement()) {
                statement.execute(CREATE_TABLE);
                assertThatThrownBy(() -> statement.execute("CREATE DATABASE other"))
                        .isInstanceOf(SQLException.class);
                assertThatThrownBy(() -> statement.execute("DROP DATABASE mysql"))
                        .isInstanceOf(SQLException.class);
                assertThatThrownBy(() -> statement.execute("UPDATE mysql.global_priv SET priv = '{}'"))
                        .isInstanceOf(SQLException.class);
            }
            assertThat(credentials.toString()).doesNotContain(credentials.password(), credentials.rootPassword());
        }
    }

    @Test
    void the_credentials_are_owner_only_and_reused_after_a_restart() throws Exception {
        Path dir = newDirectory();
        Path file = dir.resolve(EmbeddedCredentials.FILE_NAME);
        String first;
        try (EmbeddedMariaDb server = start(dir)) {
            server.createDatabase("biotdm");
            first = Files.readString(file);
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("mariadb"))))
                .as("the tables' files are not reachable by other users")
                .isEqualTo("rwx------");
        assertThat(dir.resolve(".mariadb-init.sql"))
                .as("the init file is deleted once the server is up")
                .doesNotExist();

        try (EmbeddedMariaDb server = start(dir)) {
            assertThat(Files.readString(file)).isEqualTo(first);
            try (Connection app = connect(
                    server,
                    "biotdm",
                    server.credentials().user(),
                    server.credentials().password())) {
                assertThat(app.isValid(5)).isTrue();
            }
        }
    }

    @Test
    void a_data_directory_without_credentials_gets_passwords_on_its_next_start() throws Exception {
        Path dir = newDirectory();
        String oldPassword;
        try (EmbeddedMariaDb server = start(dir)) {
            oldPassword = server.credentials().rootPassword();
        }
        Files.delete(dir.resolve(EmbeddedCredentials.FILE_NAME));

        try (EmbeddedMariaDb server = start(dir)) {
            EmbeddedCredentials renewed = server.credentials();
            assertThat(renewed.rootPassword()).isNotEqualTo(oldPassword);
            assertThatThrownBy(() -> connect(server, "", "root", oldPassword)).isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> connect(server, "", "root", "")).isInstanceOf(SQLException.class);
            try (Connection root = connect(server, "", "root", renewed.rootPassword())) {
                assertThat(root.isValid(5)).isTrue();
            }
        }
    }

    private static EmbeddedMariaDb start(Path dir) {
        return EmbeddedMariaDb.start(
                dir.resolve("mariadb"),
                TestSettings.defaults(DatabaseConfiguration.class).embeddedBaseDir(),
                0);
    }

    private static Connection connect(EmbeddedMariaDb server, String database, String user, String password)
            throws SQLException {
        return DriverManager.getConnection(server.jdbcUrl(database), user, password);
    }

    private static Path newDirectory() throws IOException {
        return Files.createTempDirectory(
                Files.createDirectories(Path.of("target", "it-data")).toAbsolutePath(), "accounts-");
    }
}
