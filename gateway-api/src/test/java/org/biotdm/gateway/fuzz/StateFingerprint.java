package org.biotdm.gateway.fuzz;

import io.micronaut.context.ApplicationContext;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import javax.sql.DataSource;

/**
 * What the gateway has written: the checksum of every MariaDB table ({@code CHECKSUM TABLE}) and the ledger's
 * height. A refused request must leave it unchanged. The tables the chaincode event follower fills from blocks
 * ({@code blockchain_tx}, {@code event_checkpoints}) are left out: they mirror the ledger asynchronously, and the
 * ledger's height already shows any transaction a request submitted. So is the firmware campaign scheduler's lease
 * ({@code firmware_scheduler_lease}), which the leading instance renews on every tick whatever the requests do.
 */
final class StateFingerprint {
    private static final java.util.Set<String> BACKGROUND_TABLES =
            java.util.Set.of("blockchain_tx", "event_checkpoints", "firmware_scheduler_lease");

    private final DataSource database;
    private final LongSupplier chainHeight;

    StateFingerprint(ApplicationContext context, LongSupplier chainHeight) {
        // The pool itself: the application's DataSource bean only lends the connection of a surrounding transaction.
        this.database = DelegatingDataSource.unwrapDataSource(context.getBean(DataSource.class));
        this.chainHeight = chainHeight;
    }

    /** The fingerprint now, as {@code table=checksum} lines and the ledger height. */
    String now() {
        Map<String, String> sums = new TreeMap<>();
        try (Connection connection = database.getConnection();
                Statement statement = connection.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery("SHOW TABLES")) {
                while (rows.next()) {
                    if (!BACKGROUND_TABLES.contains(rows.getString(1))) {
                        tables.add("`" + rows.getString(1) + "`");
                    }
                }
            }
            try (ResultSet rows = statement.executeQuery("CHECKSUM TABLE " + String.join(", ", tables))) {
                while (rows.next()) {
                    sums.put(rows.getString(1), rows.getString(2));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading the table checksums", e);
        }
        sums.put("ledger height", Long.toString(chainHeight.getAsLong()));
        return sums.toString();
    }

    /** The fingerprint once it has stopped changing (a second apart, for at most 30 s): asynchronous writes done. */
    String settled() throws InterruptedException {
        String last = now();
        for (int i = 0; i < 30; i++) {
            Thread.sleep(1000);
            String next = now();
            if (next.equals(last)) {
                return next;
            }
            last = next;
        }
        return last;
    }

    /** The entries that differ between two fingerprints. */
    String diff(String before, String after) {
        List<String> changed = new ArrayList<>();
        String[] a = before.substring(1, before.length() - 1).split(", ");
        String[] b = after.substring(1, after.length() - 1).split(", ");
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            if (!a[i].equals(b[i])) {
                changed.add(b[i].substring(0, b[i].indexOf('=')));
            }
        }
        return changed.isEmpty() ? "the table list" : String.join(", ", changed);
    }
}
