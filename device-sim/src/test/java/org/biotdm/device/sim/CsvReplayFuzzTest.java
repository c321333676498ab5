package org.biotdm.device.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.biotdm.protocol.name.DeviceIds;
import org.biotdm.protocol.name.SensorNames;
import picocli.CommandLine;

/**
 * Fuzzes the CSV replay with any rows under a long-format header ({@code ts;machine;what;value}): every row is
 * delivered as readings with a valid device ID and sensor name, or counted as skipped; nothing else is thrown.
 */
class CsvReplayFuzzTest {
    private static final String HEADER = "ts;machine;what;value\n";

    @FuzzTest
    void any_rows_are_replayed_as_valid_readings_or_skipped(byte[] rows) throws IOException, InterruptedException {
        Path file = Files.createTempFile("replay", ".csv");
        try {
            Files.write(file, concat(HEADER.getBytes(java.nio.charset.StandardCharsets.UTF_8), rows));
            CsvReplayTest.RecordingSink sink = new CsvReplayTest.RecordingSink();
            ReplayReport report =
                    new CsvReplayTest.VirtualClock().replay(options(file)).run(sink, Duration.ZERO);

            assertThat(sink.readings.keySet())
                    .allSatisfy(id -> assertThat(DeviceIds.isValid(id)).isTrue());
            assertThat(sink.readings.values()).allSatisfy(readings -> assertThat(readings)
                    .allSatisfy(r -> assertThat(SensorNames.isValid(r.sensor()))
                            .as(r.sensor())
                            .isTrue()));
            assertThat(report.skippedRows()).hasSizeLessThanOrEqualTo(rows.length + 1);
        } finally {
            Files.delete(file);
        }
    }

    private static ReplayOptions options(Path file) {
        ReplayCommand command = new ReplayCommand();
        new CommandLine(command)
                .parseArgs(
                        "--csv", file.toString(),
                        "--server-cert", "x",
                        "--delimiter", ";",
                        "--timestamp-col", "ts",
                        "--timestamp-format", "epoch-ms",
                        "--device-col", "machine",
                        "--sensor-col", "what",
                        "--value-col", "value",
                        "--missing", "-200",
                        "--speedup", "0");
        return command.options();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
