package org.biotdm.device.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.biotdm.protocol.telemetry.Reading;
import org.biotdm.protocol.telemetry.ValueKind;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The replay's column mapping on the real data sets in {@code ../shared/data} and on a CSV shaped unlike them. */
class CsvReplayTest {
    /** The project root's sibling {@code shared/data}, seen from the module directory. */
    private static final Path DATA = Path.of("..", "..", "shared", "data");

    private static final long START = 1_800_000_000_000L;

    /** Records what the replay delivers; "acknowledges" everything. */
    static final class RecordingSink implements ReplaySink {
        final Map<String, List<Reading>> readings = new LinkedHashMap<>();

        @Override
        public void accept(String deviceId, List<Reading> row) {
            readings.computeIfAbsent(deviceId, id -> new ArrayList<>()).addAll(row);
        }

        @Override
        public long finish(Duration timeout) {
            return readings.values().stream().mapToLong(List::size).sum();
        }
    }

    /** A virtual clock: sleeping advances it, so paced replays run instantly and exactly. */
    static final class VirtualClock {
        long now = START;
        final List<Long> sleeps = new ArrayList<>();

        CsvReplay replay(ReplayOptions options) {
            return new CsvReplay(options, () -> now, millis -> {
                sleeps.add(millis);
                now += millis;
            });
        }
    }

    private static ReplayOptions parse(String... args) {
        ReplayCommand command = new ReplayCommand();
        new CommandLine(command).parseArgs(args);
        return command.options();
    }

    @Nested
    class Suthaharan_motes {
        @Test
        void tab_separated_mote_file_by_column_index_with_a_reading_every_5_s() throws Exception {
            Path file = DATA.resolve("suthaharan_wsn/single_hop/singlehop_indoor_moteid1_data.txt");
            ReplayOptions options = parse(
                    "--csv",
                    file.toString(),
                    "--server-cert",
                    "x",
                    "--delimiter",
                    "tab",
                    "--interval-ms",
                    "5000",
                    "--device",
                    "mote-1",
                    "--sensors",
                    "3=humidity,4=temperature",
                    "--speedup",
                    "100");
            VirtualClock clock = new VirtualClock();
            RecordingSink sink = new RecordingSink();

            ReplayReport report = clock.replay(options).run(sink, Duration.ZERO);

            assertThat(report.summaryLine())
                    .isEqualTo("REPLAY devices=1 rows=4417 readings=8834 skipped=0 missing=0 acked=8834");
            List<Reading> mote = sink.readings.get("mote-1");
            assertThat(mote.get(0)).isEqualTo(new Reading("humidity", ValueKind.N, "45.93", null, START));
            assertThat(mote.get(1)).isEqualTo(new Reading("temperature", ValueKind.N, "27.97", null, START));
            assertThat(mote.get(2).ts()).as("5 s at 100x").isEqualTo(START + 50);
            assertThat(mote.get(8832).ts()).isEqualTo(START + 4416 * 50L);
        }

        @Test
        void merged_csv_of_four_motes_by_header_name_with_a_device_column() throws Exception {
            Path file = DATA.resolve("suthaharan_wsn/single_hop/data.csv");
            ReplayOptions options = parse(
                    "--csv",
                    file.toString(),
                    "--server-cert",
                    "x",
                    "--interval-ms",
                    "5000",
                    "--device-col",
                    "mote_id",
                    "--device-prefix",
                    "sh-mote-",
                    "--sensors",
                    "humidity,temperature,label",
                    "--speedup",
                    "0");

            ReplayReport report = new VirtualClock().replay(options).run(new RecordingSink(), Duration.ZERO);

            assertThat(report.devices()).isEqualTo(4);
            assertThat(report.rows()).isEqualTo(4417 + 4417 + 5039 + 5041);
            assertThat(report.readings()).isEqualTo(3 * report.rows());
            assertThat(report.skipped()).isZero();
        }
    }

    @Nested
    class Uci_occupancy {
        @Test
        void rows_with_a_leading_row_name_map_header_names_one_field_to_the_right() throws Exception {
            Path file = DATA.resolve("uci_occupancy/datatest.txt");
            ReplayOptions options = parse(
                    "--csv",
                    file.toString(),
                    "--server-cert",
                    "x",
                    "--timestamp-col",
                    "date",
                    "--timestamp-format",
                    "yyyy-MM-dd HH:mm:ss",
                    "--device",
                    "room-1",
                    "--sensors",
                    "Temperature,Humidity,Light,CO2,HumidityRatio,Occupancy",
                    "--speedup",
                    "60");
            VirtualClock clock = new VirtualClock();
            RecordingSink sink = new RecordingSink();

            ReplayReport report = clock.replay(options).run(sink, Duration.ZERO);

            assertThat(report.summaryLine())
                    .isEqualTo("REPLAY devices=1 rows=2665 readings=15990 skipped=0 missing=0 acked=15990");
            List<Reading> room = sink.readings.get("room-1");
            assertThat(room.subList(0, 6))
                    .extracting(Reading::sensor, Reading::valueText)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("Temperature", "23.7"),
                            org.assertj.core.groups.Tuple.tuple("Humidity", "26.272"),
                            org.assertj.core.groups.Tuple.tuple("Light", "585.2"),
                            org.assertj.core.groups.Tuple.tuple("CO2", "749.2"),
                            org.assertj.core.groups.Tuple.tuple("HumidityRatio", "0.00476416302416414"),
                            org.assertj.core.groups.Tuple.tuple("Occupancy", "1"));
            assertThat(room.get(6).ts())
                    .as("14:19:00 -> 14:19:59 is 59 s, at 60x")
                    .isEqualTo(START + 983);
        }

        @TempDir
        Path dir;

        @Test
        void long_format_with_real_labels_is_accepted_whole_and_each_mapping_reported_once() throws Exception {
            List<String> labels = List.of(
                    "Temperature (\u00b0C)",
                    "Humidity (%)",
                    "Light (lx)",
                    "CO2 (ppm)",
                    "Humidity Ratio (kg/kg)",
                    "Occupancy");
            List<String> wide = Files.readAllLines(DATA.resolve("uci_occupancy/datatest.txt"))
                    .subList(1, 201);
            List<String> melted = new ArrayList<>(List.of("date,room,sensor,value"));
            for (String row : wide) {
                String[] fields = row.replace("\"", "").split(",");
                for (int i = 0; i < labels.size(); i++) {
                    melted.add(fields[1] + ",Conference Room,\"" + labels.get(i) + "\"," + fields[2 + i]);
                }
            }
            Path file = dir.resolve("uci-long.csv");
            Files.write(file, melted);
            ReplayOptions options = parse(
                    "--csv",
                    file.toString(),
                    "--server-cert",
                    "x",
                    "--timestamp-col",
                    "date",
                    "--timestamp-format",
                    "yyyy-MM-dd HH:mm:ss",
                    "--device-col",
                    "room",
                    "--sensor-col",
                    "sensor",
                    "--value-col",
                    "value",
                    "--speedup",
                    "0");
            RecordingSink sink = new RecordingSink();
            List<String> renamed = new ArrayList<>();

            ReplayReport report =
                    new VirtualClock().replay(options).onRenamed(renamed::add).run(sink, Duration.ZERO);

            assertThat(report.summaryLine())
                    .isEqualTo("REPLAY devices=1 rows=1200 readings=1200 skipped=0 missing=0 acked=1200");
            assertThat(renamed).containsExactly("RENAMED device 'Conference Room' -> 'Conference-Room'");
            assertThat(sink.readings.get("Conference-Room").subList(0, 6))
                    .extracting(Reading::sensor, Reading::valueText)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("Temperature (\u00b0C)", "23.7"),
                            org.assertj.core.groups.Tuple.tuple("Humidity (%)", "26.272"),
                            org.assertj.core.groups.Tuple.tuple("Light (lx)", "585.2"),
                            org.assertj.core.groups.Tuple.tuple("CO2 (ppm)", "749.2"),
                            org.assertj.core.groups.Tuple.tuple("Humidity Ratio (kg/kg)", "0.00476416302416414"),
                            org.assertj.core.groups.Tuple.tuple("Occupancy", "1"));
        }
    }

    @Nested
    class Ampds2_water {
        @Test
        void gzipped_meter_with_epoch_seconds_and_a_limit() throws Exception {
            Path file = DATA.resolve("ampds2/Water_WHW.csv.gz");
            ReplayOptions options = parse(
                    "--csv",
                    file.toString(),
                    "--server-cert",
                    "x",
                    "--timestamp-col",
                    "unix_ts",
                    "--timestamp-format",
                    "epoch-s",
                    "--device",
                    "water-1",
                    "--sensors",
                    "counter,avg_rate,inst_rate",
                    "--speedup",
                    "600",
                    "--limit",
                    "1440");
            VirtualClock clock = new VirtualClock();
            RecordingSink sink = new RecordingSink();
            List<ReplayReport> progress = new ArrayList<>();

            ReplayReport report = clock.replay(options)
                    .onProgress(progress::add, Duration.ofSeconds(10))
                    .run(sink, Duration.ZERO);

            assertThat(progress).as("every 10 s of a 144 s replay").hasSize(14);
            assertThat(progress.get(0).rows()).isEqualTo(101);
            assertThat(progress).extracting(ReplayReport::rows).isSorted();
            assertThat(report.rows()).isEqualTo(1440);
            assertThat(report.readings()).isEqualTo(3 * 1440);
            assertThat(sink.readings.get("water-1").get(0).valueText()).isEqualTo("45287.526");
            assertThat(sink.readings.get("water-1").get(3).ts())
                    .as("60 s at 600x")
                    .isEqualTo(START + 100);
            assertThat(clock.now - START).as("a day of water in 144 s").isEqualTo(1439 * 100L);
        }
    }

    @Nested
    class Shaped_unlike_them {
        @TempDir
        Path dir;

        @Test
        void long_rows_with_states_quotes_missing_markers_and_bad_rows_by_line_number() throws Exception {
            Path file = dir.resolve("plant.csv");
            Files.writeString(
                    file,
                    String.join(
                            "\n",
                            "when;machine;what;reading",
                            "1800000000000;press-1;valve;ON",
                            "1800000001000;press-1;temp_C;+71.50",
                            "1800000001500;\"press-2\";\"door;main\";OPEN",
                            "",
                            "1800000002000;press-2;temp_C;-200",
                            "yesterday;press-1;valve;OFF",
                            "1800000003000;press-1;pressure|bar;3",
                            "1800000003000;press 3;valve;OFF",
                            "1800000004000;press-1;alarm;true",
                            "1800000005000;press-1;note;",
                            "1800000006000;press-1",
                            "1800000007000;press-2;vibration;.25"));
            ReplayOptions options = parse(
                    "--csv",
                    file.toString(),
                    "--server-cert",
                    "x",
                    "--delimiter",
                    ";",
                    "--timestamp-col",
                    "1",
                    "--timestamp-format",
                    "epoch-ms",
                    "--device-col",
                    "machine",
                    "--sensor-col",
                    "what",
                    "--value-col",
                    "4",
                    "--missing",
                    "-200",
                    "--speedup",
                    "0");
            RecordingSink sink = new RecordingSink();
            List<ReplayReport.SkippedRow> printed = new ArrayList<>();
            List<String> renamed = new ArrayList<>();

            ReplayReport report = new VirtualClock()
                    .replay(options)
                    .onSkipped(printed::add)
                    .onRenamed(renamed::add)
                    .run(sink, Duration.ZERO);

            assertThat(report.summaryLine())
                    .isEqualTo("REPLAY devices=3 rows=11 readings=7 skipped=3 missing=1 acked=7");
            assertThat(report.skippedRows()).isEqualTo(printed);
            assertThat(report.skippedRows())
                    .extracting(ReplayReport.SkippedRow::line)
                    .containsExactly(7L, 11L, 12L);
            assertThat(report.skippedRows().get(0).reason()).contains("yesterday");
            assertThat(report.skippedRows().get(1).reason()).contains("--missing ''");
            assertThat(report.skippedRows().get(2).reason()).contains("the row has 2 fields");
            assertThat(renamed)
                    .containsExactly(
                            "RENAMED sensor 'pressure|bar' -> 'pressure_bar'", "RENAMED device 'press 3' -> 'press-3'");
            assertThat(sink.readings.get("press-1"))
                    .extracting(Reading::sensor, Reading::kind, Reading::valueText)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("valve", ValueKind.S, "ON"),
                            org.assertj.core.groups.Tuple.tuple("temp_C", ValueKind.N, "71.50"),
                            org.assertj.core.groups.Tuple.tuple("pressure_bar", ValueKind.N, "3"),
                            org.assertj.core.groups.Tuple.tuple("alarm", ValueKind.B, "true"));
            assertThat(sink.readings.get("press-2"))
                    .extracting(Reading::sensor, Reading::valueText)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("door;main", "OPEN"),
                            org.assertj.core.groups.Tuple.tuple("vibration", "0.25"));
            assertThat(sink.readings.get("press-3"))
                    .extracting(Reading::valueText)
                    .containsExactly("OFF");
        }

        @Test
        void a_second_device_label_mapping_to_a_taken_id_is_skipped_not_merged() throws Exception {
            Path file = dir.resolve("rooms.csv");
            Files.writeString(
                    file,
                    "t,room,sensor,value\n1800000000000,Room 1,t,1\n1800000001000,Room-1,t,2\n"
                            + "1800000002000,Room 1,t,3\n");
            ReplayOptions options = parse(
                    "--csv",
                    file.toString(),
                    "--server-cert",
                    "x",
                    "--timestamp-col",
                    "t",
                    "--timestamp-format",
                    "epoch-ms",
                    "--device-col",
                    "room",
                    "--sensor-col",
                    "sensor",
                    "--value-col",
                    "value",
                    "--speedup",
                    "0");
            RecordingSink sink = new RecordingSink();

            ReplayReport report = new VirtualClock().replay(options).run(sink, Duration.ZERO);

            assertThat(report.skipped()).isEqualTo(1);
            assertThat(report.skippedRows().get(0).reason()).contains("'Room 1' and 'Room-1' both map to");
            assertThat(sink.readings.get("Room-1"))
                    .extracting(Reading::valueText)
                    .containsExactly("1", "3");
        }

        @Test
        void headerless_space_separated_intel_lab_lines_by_index_with_two_time_columns() throws Exception {
            Path file = DATA.resolve("intel_lab/raw_lines_quoted_in_code.txt");
            ReplayOptions options = parse(
                    "--csv",
                    file.toString(),
                    "--server-cert",
                    "x",
                    "--no-header",
                    "--delimiter",
                    "space",
                    "--timestamp-col",
                    "1,2",
                    "--timestamp-format",
                    "yyyy-MM-dd HH:mm:ss[.SSSSSS][.SSSSS]",
                    "--device-col",
                    "4",
                    "--device-prefix",
                    "intel-",
                    "--sensors",
                    "5=temperature,6=humidity,7=light,8=voltage",
                    "--speedup",
                    "0");
            RecordingSink sink = new RecordingSink();

            ReplayReport report = new VirtualClock().replay(options).run(sink, Duration.ZERO);

            assertThat(report.rows()).isEqualTo(9);
            assertThat(report.skipped() + report.readings() / 4).isEqualTo(9);
            assertThat(sink.readings.get("intel-1").get(0).valueText())
                    .as("the dying mote's real faulty reading is sent as it is")
                    .isEqualTo("122.153");
        }

        @Test
        void unknown_column_names_fail_before_anything_is_sent() {
            Path file = DATA.resolve("uci_occupancy/datatest.txt");
            ReplayOptions options = parse(
                    "--csv",
                    file.toString(),
                    "--server-cert",
                    "x",
                    "--interval-ms",
                    "1000",
                    "--device",
                    "r",
                    "--sensors",
                    "Temprature");

            assertThatThrownBy(() -> new VirtualClock().replay(options).run(new RecordingSink(), Duration.ZERO))
                    .isInstanceOf(IOException.class)
                    .hasMessageContaining("no column Temprature");
        }

        @Test
        void conflicting_flags_are_refused() {
            assertThatThrownBy(() -> parse(
                            "--csv",
                            "f",
                            "--server-cert",
                            "x",
                            "--interval-ms",
                            "1000",
                            "--device",
                            "r",
                            "--device-col",
                            "2",
                            "--sensors",
                            "1"))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("--device-col or --device");
            assertThat(ReplayCommand.delimiter("\\t")).isEqualTo('\t');
            assertThat(new ReplayOptions(
                                    Path.of("f"),
                                    ',',
                                    true,
                                    List.of(),
                                    null,
                                    ZoneId.of("UTC"),
                                    5,
                                    null,
                                    "d",
                                    null,
                                    List.of("1"),
                                    null,
                                    null,
                                    Set.of(),
                                    1,
                                    0)
                            .zone())
                    .isEqualTo(ZoneId.of("UTC"));
        }
    }
}
