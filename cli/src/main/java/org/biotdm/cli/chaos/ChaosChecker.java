package org.biotdm.cli.chaos;

import java.io.IOException;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;
import org.biotdm.cli.ApiClient;
import org.biotdm.cli.Credentials;
import org.biotdm.cli.stack.DatabaseAccount;
import org.biotdm.cli.stack.Stack;
import org.biotdm.cli.stack.StackException;
import org.biotdm.cli.verify.AnchorVerifier;
import org.biotdm.cli.verify.VerifyReport;

/**
 * Reads a chaos run's {@link ChaosHistory} against what the stack holds afterwards. In MariaDB ({@code telemetry},
 * the devices of the run only): every acknowledged batch is stored with all the readings it was acknowledged for
 * ({@code lost} counts the readings missing), no reading is stored twice ({@code duplicated}: rows beyond the first
 * of the same device, batch sequence number, sensor and reading time), and no batch is stored that no device had
 * acknowledged ({@code phantom}). On the ledger, through the gateway's verification as the auditor: every window of
 * the run is sealed, anchored and verifies ({@code unanchored}: windows still pending or mismatched once anchoring had
 * up to five minutes to catch up). The chaincode refuses a second anchor of one window, so each is anchored once. In
 * the dev network's log: the world-state hashes its peers logged agree for every height, between peers and across
 * its restarts ({@link StateHashes}).
 */
final class ChaosChecker {
    private static final Duration ANCHORING_LIMIT = Duration.ofMinutes(5);

    /**
     * What the checker found.
     *
     * @param stored rows of the run's devices in {@code telemetry}
     * @param lost acknowledged readings missing
     * @param duplicated rows beyond the first of one reading
     * @param phantom batches stored that no device had acknowledged
     * @param windows the run's anchoring windows
     * @param unanchored windows pending or mismatched
     * @param state the comparison of the peers' world-state hashes
     */
    record Findings(
            long stored, long lost, long duplicated, long phantom, int windows, int unanchored, StateHashes state) {}

    private final Stack stack;
    private final PrintStream err;

    ChaosChecker(Stack stack, PrintStream err) {
        this.stack = stack;
        this.err = err;
    }

    /**
     * Checks the history.
     *
     * @param history the run's history, every device flushed
     * @param fromMillis the run's start, epoch ms
     * @return the findings
     * @throws IOException when the database's port, account or the API cannot be read
     * @throws SQLException when the database cannot be queried
     * @throws InterruptedException when interrupted
     */
    Findings check(ChaosHistory history, long fromMillis) throws IOException, SQLException, InterruptedException {
        Map<ChaosHistory.Batch, long[]> stored = storedBatches(history);
        long lost = 0;
        for (Map.Entry<ChaosHistory.Batch, Integer> acked :
                history.acknowledgedBatches().entrySet()) {
            long[] counts = stored.getOrDefault(acked.getKey(), new long[2]);
            lost += Math.max(0, acked.getValue() - counts[1]);
        }
        long phantom = stored.keySet().stream()
                .filter(batch -> !history.acknowledgedBatches().containsKey(batch))
                .count();
        long rows = stored.values().stream().mapToLong(c -> c[0]).sum();
        long distinct = stored.values().stream().mapToLong(c -> c[1]).sum();
        VerifyReport.Summary anchors = awaitAnchors(fromMillis);
        return new Findings(
                rows,
                lost,
                rows - distinct,
                phantom,
                anchors.windows(),
                anchors.pending() + anchors.mismatched(),
                StateHashes.read(stack.dataDir().logs().resolve("devnet.log")));
    }

    /** Per stored batch of the run's devices: its rows and its distinct readings. */
    private Map<ChaosHistory.Batch, long[]> storedBatches(ChaosHistory history) throws IOException, SQLException {
        OptionalInt port = DatabaseAccount.embeddedPort(stack.dataDir().logs().resolve("gateway.log"));
        if (port.isEmpty()) {
            throw new StackException("The gateway's log names no embedded MariaDB port");
        }
        DatabaseAccount account = DatabaseAccount.of(stack.dataDir().gateway());
        Map<ChaosHistory.Batch, long[]> stored = new HashMap<>();
        String sql = "SELECT batch_seq, COUNT(*), COUNT(DISTINCT sensor, ts) FROM telemetry WHERE device_id = ?"
                + " GROUP BY batch_seq";
        try (Connection connection = DriverManager.getConnection(
                        "jdbc:mariadb://127.0.0.1:" + port.getAsInt() + "/biotdm", account.user(), account.password());
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (String device : history.devices()) {
                statement.setString(1, device);
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        stored.put(
                                new ChaosHistory.Batch(device, rows.getLong(1)),
                                new long[] {rows.getLong(2), rows.getLong(3)});
                    }
                }
            }
        }
        return stored;
    }

    /**
     * Verifies the run's windows, asking again while some are pending or the gateway cannot read the ledger (503),
     * for up to five minutes; a ledger still unreadable then counts as one unanchored window, as nothing of the run
     * could be shown anchored.
     */
    private VerifyReport.Summary awaitAnchors(long fromMillis) throws IOException, InterruptedException {
        Credentials.Login auditor = Credentials.load(stack.dataDir().credentials())
                .findAny("auditor")
                .orElseThrow(() ->
                        new StackException("No auditor in " + stack.dataDir().credentials()));
        Instant deadline = Instant.now().plus(ANCHORING_LIMIT);
        long to = System.currentTimeMillis();
        while (true) {
            VerifyReport.Summary summary;
            try {
                String token = stack.api().login(auditor);
                summary = new AnchorVerifier(stack.api(), token, null, err)
                        .verify(fromMillis, to)
                        .summary();
            } catch (ApiClient.ApiError e) {
                if (e.status() != 503) {
                    throw e;
                }
                err.println("CHAOS cannot verify yet: " + e.getMessage());
                summary = new VerifyReport.Summary(0, 0, 0, 0, 1);
            }
            if (summary.pending() == 0 || Instant.now().isAfter(deadline)) {
                return summary;
            }
            err.println("CHAOS waiting for " + summary.pending() + " windows to be anchored");
            Thread.sleep(5_000);
        }
    }
}
