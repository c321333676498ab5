package org.biotdm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.biotdm.protocol.telemetry.Reading;
import org.biotdm.protocol.telemetry.ValueKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class LoadArgumentsTest {

    private static IngestBenchCommand ingest(String... args) {
        IngestBenchCommand command = new IngestBenchCommand();
        new CommandLine(command).parseArgs(args);
        return command;
    }

    private static LoadCommand load(String... args) {
        LoadCommand command = new LoadCommand();
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
    void load_requires_devices_rate_and_duration() {
        CommandLine commandLine = new CommandLine(new LoadCommand());

        assertThat(commandLine.execute("--devices", "2", "--rate", "100")).isEqualTo(2);
        assertThat(load("--devices", "2", "--rate", "100", "--duration", "3").validate())
                .isNull();
    }

    @Test
    void load_refuses_out_of_range_options() {
        assertThat(load("--devices", "0", "--rate", "1", "--duration", "1").validate())
                .contains("--devices");
        assertThat(load("--devices", "1", "--rate", "0", "--duration", "1").validate())
                .contains("--rate");
        assertThat(load("--devices", "1", "--rate", "1", "--duration", "0").validate())
                .contains("--duration");
        assertThat(load("--devices", "1", "--rate", "1", "--duration", "1", "--batch-size", "0")
                        .validate())
                .contains("--batch-size");
    }

    @Test
    void load_without_a_running_stack_says_how_to_start_one(@TempDir Path dir) {
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        LoadCommand command = new LoadCommand(
                new java.io.PrintStream(java.io.OutputStream.nullOutputStream()), new java.io.PrintStream(err, true));

        int status = new CommandLine(command)
                .execute("--devices", "1", "--rate", "1", "--duration", "1", "--data-dir", dir.toString());

        assertThat(status).isEqualTo(1);
        assertThat(err.toString()).contains("scripts/biotdm up");
    }

    @Test
    void readings_are_due_at_the_rate_and_never_beyond_the_total() {
        assertThat(LoadCommand.due(1000, 1_500_000_000L, 10_000)).isEqualTo(1500);
        assertThat(LoadCommand.due(1000, 0, 10_000)).isZero();
        assertThat(LoadCommand.due(1000, 60_000_000_000L, 10_000)).isEqualTo(10_000);
        assertThat(LoadCommand.line(2, 10, 9, 1)).isEqualTo("LOAD devices=2 sent=10 acked=9 failed=1");
    }

    @Test
    void progress_bar_fills_with_the_fraction_done() {
        assertThat(ProgressBar.render(0.5, 10)).isEqualTo("[#####     ]  50%");
        assertThat(ProgressBar.render(1.7, 4)).isEqualTo("[####] 100%");
        assertThat(ProgressBar.render(-1, 4)).isEqualTo("[    ]   0%");
    }

    @Test
    void generated_readings_are_rows_of_real_sensor_shapes_with_increasing_times() {
        LoadReadings generator = new LoadReadings(7);

        List<Reading> first = generator.next(12, 1_000_000);
        List<Reading> second = generator.next(5, 1_000_000);

        assertThat(first).hasSize(12);
        assertThat(first.subList(0, 5)).extracting(Reading::sensor).containsExactlyElementsOf(LoadReadings.SENSORS);
        assertThat(first.subList(0, 5)).allMatch(r -> r.ts() == first.get(0).ts());
        assertThat(first.get(5).ts()).isEqualTo(first.get(0).ts() + 1);
        assertThat(first.get(11).ts()).isLessThanOrEqualTo(1_000_000);
        assertThat(second.get(0).ts()).isGreaterThan(first.get(11).ts());
        double temperature = Double.parseDouble(first.get(0).valueText());
        assertThat(temperature).isBetween(19.0, 24.5);
        assertThat(first.get(0).unit()).isEqualTo("C");
        assertThat(first.get(4).kind()).isEqualTo(ValueKind.S);
        assertThat(first.get(4).valueText()).isIn("OCCUPIED", "EMPTY");
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

        assertThat(RawInsertBench.embeddedPort(log)).hasValue(40123);
        assertThat(RawInsertBench.embeddedPort(none)).isEmpty();
        assertThat(RawInsertBench.jdbcUrl(40123)).startsWith("jdbc:mariadb://127.0.0.1:40123/biotdm");
    }
}
