package org.biotdm.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectionsBenchTest {
    @TempDir
    Path dir;

    @Test
    void fifty_thousand_devices_under_a_20000_file_limit_need_three_processes_of_even_size() {
        int perProcess = ConnectionsBench.connectionsPerProcess(0, 20_000);
        assertThat(perProcess).isEqualTo(18_000);
        List<int[]> slices = ConnectionsBench.slices(50_000, perProcess);
        assertThat(slices).hasSize(3);
        assertThat(slices.stream().mapToInt(s -> s[1]).sum()).isEqualTo(50_000);
        assertThat(slices.get(0)).containsExactly(0, 16_667);
        assertThat(slices.get(1)).containsExactly(16_667, 16_667);
        assertThat(slices.get(2)).containsExactly(33_334, 16_666);
    }

    @Test
    void an_explicit_per_process_limit_wins_and_one_slice_suffices_for_a_small_fleet() {
        assertThat(ConnectionsBench.connectionsPerProcess(10, 20_000)).isEqualTo(10);
        assertThat(ConnectionsBench.slices(24, 10)).hasSize(3);
        assertThat(ConnectionsBench.slices(7, 18_000)).singleElement().satisfies(s -> assertThat(s)
                .containsExactly(0, 7));
        assertThat(ConnectionsBench.connectionsPerProcess(0, 1_000)).isEqualTo(1);
    }

    @Test
    void progress_is_read_from_complete_lines_only() throws IOException {
        Path log = dir.resolve("worker.log");
        Files.writeString(
                log,
                "==== banner\nCONNECTED open=5 failed=0\nCONNECTED open=9 failed=1\nCONNECTED op",
                StandardCharsets.UTF_8);
        assertThat(WorkerLogs.lastLine(log, "CONNECTED ")).contains("CONNECTED open=9 failed=1");
        assertThat(WorkerLogs.lastLine(log, "CONNECTED-ALL ")).isEmpty();
        Files.writeString(
                log,
                "en=12 failed=1\nCONNECTED-ALL open=12 failed=1\n",
                StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND);
        assertThat(WorkerLogs.lastLine(log, "CONNECTED-ALL ")).contains("CONNECTED-ALL open=12 failed=1");
        assertThat(WorkerLogs.lastLine(dir.resolve("missing.log"), "CONNECTED "))
                .isEmpty();
    }

    @Test
    void device_ids_sort_in_number_order() {
        assertThat(ConnectionsWorker.deviceId("conn", 7)).isEqualTo("conn-000007");
        assertThat(ConnectionsWorker.deviceId("conn", 49_999)).isEqualTo("conn-049999");
    }
}
