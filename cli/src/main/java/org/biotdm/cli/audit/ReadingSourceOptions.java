package org.biotdm.cli.audit;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.OptionalInt;
import org.biotdm.cli.ApiClient;
import org.biotdm.cli.Credentials;
import org.biotdm.cli.Progress;
import org.biotdm.cli.stack.DataDir;
import org.biotdm.cli.stack.DatabaseAccount;
import org.biotdm.cli.stack.StackException;
import org.biotdm.cli.stack.StackInfo;
import picocli.CommandLine.Option;

/**
 * Where {@code audit verify} reads the stored readings from: the gateway's MariaDB database (the default; also a copy
 * restored from a dump, with {@code --jdbc-url}) or, with {@code --gateway}, the gateway's auditor API. Either way the
 * roots they are compared with come from the auditor's own peer. A picocli mixin.
 */
final class ReadingSourceOptions {
    @Option(
            names = "--jdbc-url",
            paramLabel = "URL",
            description = "The gateway's database, or a copy restored from its dump (default: the embedded MariaDB of "
                    + "DIR, its port from DIR/logs/gateway.log).")
    String jdbcUrl;

    @Option(
            names = "--db-user",
            paramLabel = "NAME",
            description = "Database user (default: DIR/gateway/mariadb-credentials.properties).")
    String dbUser;

    @Option(
            names = "--db-password-env",
            paramLabel = "VAR",
            description = "Environment variable holding --db-user's password.")
    String dbPasswordEnv;

    @Option(
            names = "--gateway",
            paramLabel = "URL",
            arity = "0..1",
            fallbackValue = "",
            description = "Read the readings through the gateway's API at URL (default URL: the running stack's) "
                    + "instead of its database.")
    String gateway;

    @Option(
            names = "--api-user",
            paramLabel = "NAME",
            description = "With --gateway: an auditor or admin (default: your organisation's auditor in "
                    + "DIR/credentials.properties).")
    String apiUser;

    @Option(
            names = "--api-password-env",
            paramLabel = "VAR",
            description = "Environment variable holding --api-user's password.")
    String apiPasswordEnv;

    /**
     * Reads the stored telemetry of the anchors' windows.
     *
     * @param dataDir the stack's data directory (defaults for every option)
     * @param mspId the auditor's organisation
     * @param anchors the anchors read from the peer, windows starting in {@code [from, to)}
     * @param range {@code [from, to)}, epoch ms
     * @param progress ticks while the gateway's API is read
     * @return what the source holds
     * @throws StackException when an option or default is missing or wrong
     * @throws SQLException when the database cannot be read
     * @throws IOException when the gateway's API cannot be read
     * @throws InterruptedException when interrupted
     */
    StoredTelemetry read(DataDir dataDir, String mspId, List<LedgerAnchor> anchors, long[] range, Progress progress)
            throws SQLException, IOException, InterruptedException {
        if (gateway == null) {
            return StoredTelemetry.read(database(dataDir), account(dataDir), range[0], range[1]);
        }
        ApiClient client = new ApiClient(gatewayUrl(dataDir));
        String token = client.login(login(dataDir, mspId));
        return new GatewayReadings(client, token).read(anchors, progress);
    }

    /**
     * Tells whether the readings come from the gateway's API.
     *
     * @return true with {@code --gateway}
     */
    boolean fromGateway() {
        return gateway != null;
    }

    private URI gatewayUrl(DataDir dataDir) {
        if (!gateway.isEmpty()) {
            return URI.create(gateway);
        }
        return StackInfo.read(dataDir)
                .map(StackInfo::apiUrl)
                .orElseThrow(
                        () -> new StackException("No stack.properties in " + dataDir.root() + ": give --gateway URL"));
    }

    private Credentials.Login login(DataDir dataDir, String mspId) {
        if (apiUser != null) {
            return new Credentials.Login(apiUser, secret(apiPasswordEnv, "--api-user"));
        }
        Path file = dataDir.root().resolve("credentials.properties");
        return Credentials.load(file)
                .find(mspId, "auditor")
                .orElseThrow(() -> new StackException("No " + mspId + " auditor in " + file + ": give --api-user"));
    }

    private String database(DataDir dataDir) throws IOException {
        if (jdbcUrl != null) {
            return jdbcUrl;
        }
        Path log = dataDir.logs().resolve("gateway.log");
        OptionalInt port = DatabaseAccount.embeddedPort(log);
        if (port.isEmpty()) {
            throw new StackException("No embedded MariaDB port in " + log + ": give --jdbc-url");
        }
        return "jdbc:mariadb://127.0.0.1:" + port.getAsInt() + "/biotdm";
    }

    private DatabaseAccount account(DataDir dataDir) throws IOException {
        if (dbUser == null) {
            return DatabaseAccount.of(dataDir.gateway());
        }
        return new DatabaseAccount(dbUser, secret(dbPasswordEnv, "--db-user"));
    }

    private static String secret(String variable, String option) {
        String value = variable == null ? null : System.getenv(variable);
        if (value == null) {
            throw new StackException(
                    option + " needs " + option.replace("user", "password-env") + " VAR with the password in $VAR");
        }
        return value;
    }
}
