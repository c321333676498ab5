package org.biotdm.gateway.live;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.biotdm.gateway.device.DeviceRecord;
import org.biotdm.gateway.device.DeviceStatus;
import org.biotdm.gateway.telemetry.CommittedBatch;
import org.biotdm.gateway.telemetry.TelemetryReading;
import org.biotdm.gateway.testing.TestSettings;
import org.biotdm.protocol.telemetry.ValueKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Summaries of real readings of Suthaharan's single-hop indoor mote 1 ({@code ../shared/data/suthaharan_wsn}). */
class TelemetrySummariesTest {
    private static final Path MOTE_1 =
            Path.of("..", "..", "shared", "data", "suthaharan_wsn", "single_hop", "singlehop_indoor_moteid1_data.txt");

    private final List<LiveEvent> published = new ArrayList<>();
    private TelemetrySummaries summaries;

    @BeforeEach
    void create() {
        LiveConfiguration configuration = TestSettings.bind(
                LiveConfiguration.class,
                Map.of("biotdm.live.telemetry-summary-interval", "1h", "biotdm.live.telemetry-queue-capacity", 3));
        summaries = new TelemetrySummaries(
                configuration,
                published::add,
                deviceId -> Optional.of(
                        new DeviceRecord(deviceId, "Org1MSP", DeviceStatus.ACTIVE, null, null, null, null, null)));
    }

    @AfterEach
    void close() {
        summaries.close();
    }

    private static List<String[]> samples() throws IOException {
        List<String> lines = Files.readAllLines(MOTE_1, StandardCharsets.UTF_8);
        return lines.subList(1, 11).stream().map(l -> l.trim().split("\t")).toList();
    }

    private static CommittedBatch batch(String deviceId, long seq, String[] sample, long ts) {
        return new CommittedBatch(
                deviceId,
                seq,
                ts,
                ts + 5,
                ts / 10_000,
                List.of(
                        new TelemetryReading(
                                "humidity", ValueKind.N, sample[2], Double.parseDouble(sample[2]), "%RH", ts),
                        new TelemetryReading(
                                "temperature",
                                ValueKind.N,
                                sample[3],
                                Double.parseDouble(sample[3]),
                                "C",
                                TelemetryReading.NO_TS)));
    }

    @Test
    void one_summary_per_device_per_interval_with_count_and_last_values() throws IOException {
        List<String[]> samples = samples();
        long ts = 1_700_000_000_000L;
        summaries.committed(List.of(batch("mote-1", 1, samples.get(0), ts), batch("mote-2", 1, samples.get(1), ts)));
        summaries.committed(List.of(batch("mote-1", 2, samples.get(2), ts + 1000)));

        summaries.publish();

        assertThat(published).hasSize(2);
        LiveEvent mote1 = published.stream()
                .filter(e -> e.deviceId().equals("mote-1"))
                .findFirst()
                .orElseThrow();
        assertThat(mote1.type()).isEqualTo("telemetry");
        assertThat(mote1.ownerMsp()).isEqualTo("Org1MSP");
        assertThat(mote1.data())
                .containsEntry("count", 4L)
                .containsEntry("batches", 2L)
                .containsEntry("from", ts)
                .containsEntry("to", ts + 1000);
        assertThat(mote1.data().get("last"))
                .isEqualTo(Map.of(
                        "humidity",
                                Map.of("value", Double.parseDouble(samples.get(2)[2]), "unit", "%RH", "ts", ts + 1000),
                        "temperature",
                                Map.of("value", Double.parseDouble(samples.get(2)[3]), "unit", "C", "ts", ts + 1000)));

        summaries.publish();
        assertThat(published).as("nothing new, nothing published").hasSize(2);
    }

    @Test
    void a_full_queue_drops_and_counts_instead_of_waiting() throws IOException {
        String[] sample = samples().get(0);
        for (int i = 0; i < 5; i++) {
            summaries.committed(List.of(batch("mote-1", i, sample, 1_700_000_000_000L + i)));
        }

        summaries.publish();

        assertThat(summaries.droppedCount()).isEqualTo(2);
        assertThat(published).singleElement().satisfies(e -> assertThat(e.data())
                .containsEntry("count", 6L));
    }
}
