package org.biotdm.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.biotdm.cli.BiotdmMain;
import org.biotdm.cli.stack.DatabaseAccount;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class IngestArgumentsTest {

    private static IngestBenchCommand ingest(String... args) {
        IngestBenchCommand command = new IngestBenchCommand();
        new CommandLine(command).parseArgs(args);
        return command;
    }

    @Test
    void bench_ingest_has_working_defaults_and_takes_its_options() {
        IngestBenchCommand defaults = ingest();
        IngestBenchCommand given =
                ingest("--devices", "8", "--seconds", "5", "--batch-size", "1000", "--data-dir", "/tmp/kept");

        assertThat(defaults.validate()).isNull();
        assertThat(defaults.benchStack.dataDir)
                .as("a temporary data directory by default")
                .isNull();
        assertThat(given.validate()).isNull();
        assertThat(given.devices).isEqualTo(8);
        assertThat(given.seconds).isEqualTo(5);
        assertThat(given.batchSize).isEqualTo(1000);
        assertThat(given.benchStack.dataDir).isEqualTo(java.nio.file.Path.of("/tmp/kept"));
    }

    @Test
    void bench_ingest_refuses_out_of_range_options() {
        assertThat(ingest("--devices", "0").validate()).contains("--devices");
        assertThat(ingest("--seconds", "0").validate()).contains("--seconds");
        assertThat(ingest("--warmup", "-1").validate()).contains("--warmup");
        assertThat(ingest("--batch-size", "1001").validate()).contains("--batch-size");
        assertThat(ingest("--in-flight", "0").validate()).contains("--in-flight");
        assertThat(ingest("--raw-connections", "0").validate()).contains("--raw-connections");
    }

    @Test
    void bench_lists_ingest_and_biotdm_lists_load() {
        CommandLine biotdm = BiotdmMain.commandLine();

        assertThat(biotdm.getSubcommands().get("bench").getSubcommands()).containsKey("ingest");
        assertThat(biotdm.getSubcommands()).containsKey("load");
    }

    @Test
    void finds_the_embedded_mariadb_port_in_the_gateways_log(@TempDir Path dir) throws IOException {
        Path log = dir.resolve("gateway.log");
        Files.writeString(
                log,
                "12:00:00 INFO EmbeddedMariaDb - Embedded MariaDB listening on 127.0.0.1:40001, data in /x\n"
                        + "later\n"
                        + "12:05:00 INFO EmbeddedMariaDb - Embedded MariaDB listening on 127.0.0.1:40123, data in /x\n");
        Path none = dir.resolve("none.log");
        Files.writeString(none, "no database here\n");

        assertThat(DatabaseAccount.embeddedPort(log)).hasValue(40123);
        assertThat(DatabaseAccount.embeddedPort(none)).isEmpty();
        assertThat(RawInsertBench.jdbcUrl(40123)).startsWith("jdbc:mariadb://127.0.0.1:40123/biotdm");
    }
}
