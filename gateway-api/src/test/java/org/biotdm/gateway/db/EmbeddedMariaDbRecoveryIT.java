package org.biotdm.gateway.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.biotdm.gateway.config.DataDirectory;
import org.biotdm.gateway.testing.TestSettings;
import org.junit.jupiter.api.Test;

/**
 * Real {@code mariadbd} processes killed with SIGKILL: the one a killed gateway leaves behind is found by its data
 * directory and stopped before the next start, and one that dies under a running gateway is started again by the
 * watchdog on the same port, with its committed data.
 */
class EmbeddedMariaDbRecoveryIT {
    private static final Path BASE =
            TestSettings.defaults(DatabaseConfiguration.class).embeddedBaseDir();

    @Test
    void mariadb_left_running_by_a_killed_gateway_is_stopped_and_the_next_start_serves() throws Exception {
        Path dataDir = newDataDir().resolve("mariadb");
        int port = freePort();
        Process gateway = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        OrphanedMariaDbMain.class.getName(),
                        dataDir.toString(),
                        BASE.toString(),
                        Integer.toString(port))
                .redirectErrorStream(true)
                .start();
        long orphanPid = awaitReadyPid(gateway);
        gateway.destroyForcibly();
        assertThat(gateway.waitFor(30, TimeUnit.SECONDS)).isTrue();
        ProcessHandle orphan = ProcessHandle.of(orphanPid).orElseThrow();
        assertThat(orphan.isAlive())
                .as("SIGKILL of its gateway leaves mariadbd running")
                .isTrue();

        EmbeddedMariaDb next = EmbeddedMariaDb.start(dataDir, BASE, port);
        try {
            assertThat(orphan.isAlive()).as("the stale server was stopped").isFalse();
            assertThat(next.process().orElseThrow().pid()).isNotEqualTo(orphanPid);
            assertThat(rootQuery(next, "SELECT 1")).isEqualTo("1");
        } finally {
            next.stop();
        }
    }

    @Test
    void mariadb_killed_under_a_running_gateway_is_started_again_on_its_port_with_its_data() throws Exception {
        Path dataDir = newDataDir();
        DatabaseConfiguration defaults = TestSettings.defaults(DatabaseConfiguration.class);
        EmbeddedDatabase database = new EmbeddedDatabase(() -> defaults, () -> new DataDirectory(dataDir));
        EmbeddedMariaDb server = database.start();
        try {
            rootUpdate(server, "CREATE TABLE biotdm.survivors (id INT PRIMARY KEY)");
            rootUpdate(server, "INSERT INTO biotdm.survivors VALUES (7)");
            ProcessHandle first = server.process().orElseThrow();
            first.destroyForcibly();
            assertThat(first.onExit().get(30, TimeUnit.SECONDS).isAlive()).isFalse();

            Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
            String survivor = null;
            while (survivor == null && Instant.now().isBefore(deadline)) {
                Thread.sleep(500);
                survivor = queryQuietly(server, "SELECT id FROM biotdm.survivors");
            }
            assertThat(survivor).as("the watchdog started the server again").isEqualTo("7");
            assertThat(server.process().orElseThrow().pid()).isNotEqualTo(first.pid());
            assertThat(server.hasDied()).isFalse();
        } finally {
            database.stop();
        }
        assertThat(server.isRunning()).isFalse();
    }

    private static long awaitReadyPid(Process process) throws Exception {
        BufferedReader lines =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            if (line.startsWith("READY ")) {
                return Long.parseLong(line.substring("READY ".length()).trim());
            }
        }
        throw new AssertionError("the stand-in gateway exited before its MariaDB was ready");
    }

    private static Path newDataDir() throws Exception {
        return Files.createTempDirectory(
                Files.createDirectories(Path.of("target", "it-data")).toAbsolutePath(), "recovery-");
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static String queryQuietly(EmbeddedMariaDb server, String sql) {
        try {
            return rootQuery(server, sql);
        } catch (SQLException e) {
            return null;
        }
    }

    private static String rootQuery(EmbeddedMariaDb server, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(
                        server.jdbcUrl(""), "root", server.credentials().rootPassword());
                Statement statement = connection.createStatement();
                var rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static void rootUpdate(EmbeddedMariaDb server, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(
                        server.jdbcUrl(""), "root", server.credentials().rootPassword());
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
