package org.biotdm.cli.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecoveryLogTest {
    private static final String BANNER =
            "==== 2026-12-08T03:33:31.811753071Z biotdm starts the gateway API: java -jar x";
    private static final String MARIADB = "03:34:20.644 INFO  o.biotdm.gateway.db.EmbeddedMariaDb - Embedded MariaDB"
            + " listening on 127.0.0.1:37095, data in /tmp/d/gateway/mariadb, process 17562";
    private static final String STARTED = "03:34:57.785 INFO  io.micronaut.runtime.Micronaut - Startup completed in"
            + " 84149ms. Server Running: http://127.0.0.1:46725";
    private static final String COMMITTED = "03:39:23.409 INFO  o.b.gateway.ledger.TransactionLog - Ledger transaction"
            + " anchors:AnchorTelemetry COMMITTED in block 100";
    private static final String FAILED = "03:39:20.000 INFO  o.b.gateway.ledger.TransactionLog - Ledger transaction"
            + " anchors:AnchorTelemetry ENDORSE_FAILED in block null";

    private final RecoveryLog log = new RecoveryLog(
            List.of(BANNER, MARIADB, "  at a.stack.Frame(Frame.java:1)", STARTED, FAILED, COMMITTED), ZoneOffset.UTC);

    @Test
    void recovery_is_the_time_from_the_fault_to_the_first_line_showing_the_part_back() {
        Instant kill = Instant.parse("2026-12-08T03:34:10.000Z");

        assertThat(log.secondsUntil(kill, RecoveryLog.MARIADB_STARTED)).contains(10.644);
        assertThat(log.secondsUntil(kill, RecoveryLog.GATEWAY_STARTED)).contains(47.785);
    }

    @Test
    void a_failed_ledger_transaction_does_not_show_the_ledger_back() {
        Instant resumed = Instant.parse("2026-12-08T03:39:00.000Z");

        assertThat(log.secondsUntil(resumed, RecoveryLog.LEDGER_COMMITTED)).contains(23.409);
    }

    @Test
    void lines_written_before_the_fault_are_not_its_recovery() {
        Instant kill = Instant.parse("2026-12-08T03:35:00.000Z");

        assertThat(log.secondsUntil(kill, RecoveryLog.GATEWAY_STARTED)).isEmpty();
        assertThat(log.secondsUntil(kill, RecoveryLog.MARIADB_STARTED)).isEmpty();
    }

    @Test
    void a_line_just_after_midnight_follows_a_fault_just_before_it() {
        RecoveryLog overMidnight = new RecoveryLog(
                List.of("00:00:03.500 INFO  io.micronaut.runtime.Micronaut - Startup completed in 900ms."),
                ZoneOffset.UTC);

        assertThat(overMidnight.secondsUntil(Instant.parse("2026-12-08T23:59:58.000Z"), RecoveryLog.GATEWAY_STARTED))
                .contains(5.5);
    }

    @Test
    void a_log_file_is_read_and_a_missing_one_shows_nothing(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("gateway.log");
        Files.write(file, List.of(BANNER, STARTED));
        Instant kill = Instant.parse("2026-12-08T03:34:50.000Z");

        assertThat(RecoveryLog.read(file).secondsUntil(kill, RecoveryLog.GATEWAY_STARTED))
                .hasValueSatisfying(seconds -> assertThat(seconds).isPositive());
        assertThat(RecoveryLog.read(dir.resolve("none.log")).secondsUntil(kill, RecoveryLog.GATEWAY_STARTED))
                .isEmpty();
    }
}
