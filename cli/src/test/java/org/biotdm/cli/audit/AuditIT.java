package org.biotdm.cli.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.biotdm.cli.ApiClient;
import org.biotdm.cli.CliJar;
import org.biotdm.cli.Credentials;
import org.biotdm.cli.KeyValues;
import org.biotdm.cli.stack.DatabaseAccount;
import org.biotdm.cli.verify.AnchorVerifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code biotdm.jar up} on free ports, replays a slice of the real UCI occupancy data set, waits until its
 * windows are anchored, and audits them from Org1's peer with {@code audit anchors|tx|verify}: OK while the data is
 * intact, the same while the gateway's API lies about everything (the audit never asks it), and MISMATCH with exit
 * status 1, naming the window and the reading, once a reading is changed in MariaDB behind the gateway's back; the
 * same verdicts with the readings read through the gateway's auditor API ({@code --gateway}) instead of its database,
 * and from a dump made with {@code mariadb-dump} and restored into another database ({@code --jdbc-url}).
 */
class AuditIT {
    private static final Path DATA = Path.of("..", "..", "shared", "data");
    private static final Pattern OK_LINE = Pattern.compile("(?m)^OK (\\S+) .* tx=(\\S+) VALID");

    @TempDir
    Path dataDir;

    @Test
    void audit_from_the_peer_accepts_intact_windows_ignores_a_lying_gateway_and_names_an_altered_reading()
            throws Exception {
        Process up = CliJar.start(
                "up", "--data-dir", dataDir.toString(), "--api-port", "0", "--device-port", "0", "--devnet-port", "0");
        try {
            URI api = URI.create(KeyValues.parse("READY", CliJar.awaitReady(up)).get("api"));
            long from = System.currentTimeMillis() - 60_000;
            CliJar.Result replay = CliJar.run(
                    "replay",
                    "--data-dir",
                    dataDir.toString(),
                    "--csv",
                    DATA.resolve("uci_occupancy").resolve("datatest.txt").toString(),
                    "--timestamp-col",
                    "date",
                    "--timestamp-format",
                    "yyyy-MM-dd HH:mm:ss",
                    "--device",
                    "room-1",
                    "--sensors",
                    "Temperature,Humidity,Light,CO2",
                    "--limit",
                    "200",
                    "--speedup",
                    "0");
            assertThat(replay.exitStatus()).as(replay.output()).isZero();
            awaitAnchored(api, from);
            String range = "--from=" + from;

            CliJar.Result intact = audit("verify", range);
            assertThat(intact.exitStatus()).as(intact.output()).isZero();
            assertThat(intact.output()).contains("mismatched=0").doesNotContain("MISMATCH");
            Matcher ok = OK_LINE.matcher(intact.output());
            assertThat(ok.find()).as(intact.output()).isTrue();
            String windowId = ok.group(1);
            String txId = ok.group(2);

            CliJar.Result throughApi = audit("verify", range, "--gateway");
            assertThat(throughApi.exitStatus()).as(throughApi.output()).isZero();
            assertThat(okLines(throughApi.output())).isEqualTo(okLines(intact.output()));
            assertThat(throughApi.output()).contains("mismatched=0 ").contains("withheld=0");

            the_ledger_commands_show_the_anchor_and_its_endorsed_transaction(range, windowId, txId);
            a_lying_gateway_changes_nothing(range, intact.output());
            long altered = alterOneReading(windowId);

            CliJar.Result tampered = audit("verify", range);
            assertThat(tampered.exitStatus()).as(tampered.output()).isEqualTo(AuditCommand.MISMATCH);
            assertThat(tampered.output())
                    .contains("MISMATCH " + windowId)
                    .contains("reading " + altered + " changed")
                    .contains("mismatched=1");
            CliJar.Result tamperedThroughApi = audit("verify", range, "--gateway");
            assertThat(tamperedThroughApi.exitStatus())
                    .as(tamperedThroughApi.output())
                    .isEqualTo(AuditCommand.MISMATCH);
            assertThat(tamperedThroughApi.output())
                    .contains("MISMATCH " + windowId)
                    .contains("reading " + altered + " changed");
            CliJar.Result fromDump = audit("verify", range, "--jdbc-url", restoredDump());
            assertThat(fromDump.exitStatus()).as(fromDump.output()).isEqualTo(AuditCommand.MISMATCH);
            assertThat(fromDump.output())
                    .contains("MISMATCH " + windowId)
                    .contains("reading " + altered + " changed")
                    .contains("mismatched=1");
        } finally {
            up.destroy();
            assertThat(up.waitFor(3, TimeUnit.MINUTES)).isTrue();
        }
    }

    private void the_ledger_commands_show_the_anchor_and_its_endorsed_transaction(
            String range, String windowId, String txId) throws Exception {
        CliJar.Result anchors = audit("anchors", range);
        assertThat(anchors.exitStatus()).as(anchors.output()).isZero();
        assertThat(anchors.output()).contains(windowId + " start=").contains("tx=" + txId);

        CliJar.Result tx = audit("tx", txId);
        assertThat(tx.exitStatus()).as(tx.output()).isZero();
        assertThat(tx.output())
                .contains("TX " + txId + " validation=VALID")
                .contains("creator=Org1MSP")
                .contains("chain=OK")
                .containsPattern("endorsers=\\S*Org1MSP");
    }

    /** Points stack.properties' API at a server that answers every route with a lie, and audits again. */
    private void a_lying_gateway_changes_nothing(String range, String truthful) throws Exception {
        AtomicInteger asked = new AtomicInteger();
        HttpServer liar = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        liar.createContext("/", exchange -> {
            asked.incrementAndGet();
            byte[] lie = ("{\"merkleRoot\":\"" + "00".repeat(32) + "\",\"status\":\"MATCH\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, lie.length);
            exchange.getResponseBody().write(lie);
            exchange.close();
        });
        liar.start();
        Path stackFile = dataDir.resolve("stack.properties");
        String original = Files.readString(stackFile);
        try {
            Files.writeString(
                    stackFile,
                    original.replaceAll(
                            "(?m)^api\\.url=.*$",
                            "api.url=http\\\\://127.0.0.1\\\\:"
                                    + liar.getAddress().getPort()));
            CliJar.Result lied = audit("verify", range);
            assertThat(lied.exitStatus()).as(lied.output()).isZero();
            assertThat(okLines(lied.output())).isEqualTo(okLines(truthful));
            assertThat(asked).as("requests to the gateway's API").hasValue(0);
        } finally {
            Files.writeString(stackFile, original);
            liar.stop(0);
        }
    }

    private static List<String> okLines(String output) {
        return output.lines().filter(line -> line.startsWith("OK ")).toList();
    }

    /** Changes the value of the window's first reading in MariaDB, as an intruder with database access would. */
    private long alterOneReading(String ledgerWindowId) throws Exception {
        int port = DatabaseAccount.embeddedPort(dataDir.resolve("logs").resolve("gateway.log"))
                .orElseThrow();
        DatabaseAccount account = DatabaseAccount.of(dataDir.resolve("gateway"));
        try (Connection db = DriverManager.getConnection(
                        "jdbc:mariadb://127.0.0.1:" + port + "/biotdm", account.user(), account.password());
                Statement statement = db.createStatement()) {
            long id;
            try (ResultSet row = statement.executeQuery("SELECT MIN(t.id) FROM telemetry t JOIN anchor_windows w"
                    + " ON t.window_id = w.window_id WHERE w.ledger_window_id = '" + ledgerWindowId + "'")) {
                assertThat(row.next()).isTrue();
                id = row.getLong(1);
            }
            assertThat(statement.executeUpdate(
                            "UPDATE telemetry SET value_text = CONCAT(value_text, '1') WHERE id = " + id))
                    .isEqualTo(1);
            return id;
        }
    }

    /**
     * Dumps the gateway's telemetry tables with MariaDB's own {@code mariadb-dump} and restores the dump into a new
     * database, as an auditor handed a dump would; returns its JDBC URL.
     */
    private String restoredDump() throws Exception {
        int port = DatabaseAccount.embeddedPort(dataDir.resolve("logs").resolve("gateway.log"))
                .orElseThrow();
        Path credentials = dataDir.resolve("gateway").resolve("mariadb-credentials.properties");
        Properties accounts = new Properties();
        try (var in = Files.newBufferedReader(credentials)) {
            accounts.load(in);
        }
        Path bin;
        try (var installs = Files.list(Path.of(System.getProperty("java.io.tmpdir"), "biotdm-mariadb"))) {
            bin = installs.filter(p -> Files.isExecutable(p.resolve("bin").resolve("mariadb-dump")))
                    .findFirst()
                    .orElseThrow()
                    .resolve("bin");
        }
        Path dump = dataDir.resolve("biotdm-dump.sql");
        String user = accounts.getProperty("user");
        runClient(
                bin.resolve("mariadb-dump"),
                accounts,
                null,
                "-h",
                "127.0.0.1",
                "-P",
                Integer.toString(port),
                "-u",
                user,
                "--single-transaction",
                "--result-file=" + dump,
                "biotdm",
                "telemetry",
                "anchor_windows",
                "anchor_leaves");
        try (Connection root = DriverManager.getConnection(
                        "jdbc:mariadb://127.0.0.1:" + port + "/", "root", accounts.getProperty("root-password"));
                Statement statement = root.createStatement()) {
            statement.execute("CREATE DATABASE biotdm_copy");
            statement.execute("GRANT ALL ON biotdm_copy.* TO '" + user + "'@'127.0.0.1'");
        }
        runClient(
                bin.resolve("mariadb"),
                accounts,
                dump,
                "-h",
                "127.0.0.1",
                "-P",
                Integer.toString(port),
                "-u",
                user,
                "biotdm_copy");
        return "jdbc:mariadb://127.0.0.1:" + port + "/biotdm_copy";
    }

    private static void runClient(Path program, Properties accounts, Path input, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(program.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("MYSQL_PWD", accounts.getProperty("password"));
        if (input != null) {
            builder.redirectInput(input.toFile());
        }
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as(program + ": " + output).isZero();
    }

    private void awaitAnchored(URI api, long from) throws Exception {
        ApiClient client = new ApiClient(api);
        String token = client.login(Credentials.load(dataDir.resolve("credentials.properties"))
                .find("Org1MSP", "auditor")
                .orElseThrow());
        long to = System.currentTimeMillis() + 1;
        assertThat(new AnchorVerifier(client, token, null, System.err)
                        .awaitAnchored(from, to, Duration.ofMinutes(3), "Waiting for anchoring")
                        .summary()
                        .pending())
                .isZero();
    }

    private CliJar.Result audit(String command, String... args) throws Exception {
        List<String> all = new java.util.ArrayList<>(List.of("audit", command, "--data-dir", dataDir.toString()));
        all.addAll(List.of(args));
        return CliJar.run(all.toArray(String[]::new));
    }
}
