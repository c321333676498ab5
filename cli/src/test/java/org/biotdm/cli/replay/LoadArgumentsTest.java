package org.biotdm.cli.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.biotdm.cli.Console;
import org.biotdm.protocol.telemetry.Reading;
import org.biotdm.protocol.telemetry.ValueKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class LoadArgumentsTest {

    private static LoadCommand load(String... args) {
        LoadCommand command = new LoadCommand();
        new CommandLine(command).parseArgs(args);
        return command;
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
        LoadCommand command = new LoadCommand();
        command.console = Console.of(
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
}
