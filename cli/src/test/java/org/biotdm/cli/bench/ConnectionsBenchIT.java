package org.biotdm.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.biotdm.cli.KeyValues;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code biotdm.jar bench connections} as a user would, on a small fleet split over two gateway instances and two
 * client processes: the second instance shares the first one's MariaDB and device CA, so devices provisioned through
 * either are accepted by mTLS on both; every device must be connected and held, and a second run on the same data
 * reuses the provisioned devices and holds them over HTTPS and then over both instances' MQTT ports.
 */
class ConnectionsBenchIT {
    @TempDir
    Path dataDir;

    @Test
    void a_fleet_split_over_two_gateway_instances_is_provisioned_connected_held_and_measured() throws Exception {
        Map<String, String> first = run("https");
        assertThat(first)
                .containsEntry("devices", "24")
                .containsEntry("connected", "24")
                .containsEntry("held_min", "24")
                .containsEntry("gateways", "2")
                .containsEntry("target_devices", "50000");
        assertThat(Double.parseDouble(first.get("connected_heap_mb"))).isPositive();
        assertThat(Double.parseDouble(first.get("heap_per_device_kb"))).isFinite();
        assertThat(Double.parseDouble(first.get("direct_per_device_kb"))).isFinite();
        assertThat(dataDir.resolve("logs").resolve("gateway-2.log")).exists();
        assertThat(Files.readString(dataDir.resolve("logs").resolve("connections-provision-2.log")))
                .contains("PROVISIONED-ALL done=12 failed=0 new=12");
        try (var devices = Files.list(dataDir.resolve("devices").resolve("connections"))) {
            assertThat(devices.count()).isEqualTo(24);
        }

        Map<String, String> again = run("mqtt");
        assertThat(again)
                .containsEntry("connected", "24")
                .containsEntry("held_min", "24")
                .as("the same devices then held on both instances' MQTT ports")
                .containsEntry("mqtt_connected", "24")
                .containsEntry("mqtt_held_min", "24")
                .containsEntry("transport", "mqtt");
        assertThat(Double.parseDouble(again.get("mqtt_heap_per_device_kb"))).isFinite();
        assertThat(Files.readString(dataDir.resolve("logs").resolve("gateway-2.log")))
                .contains("MQTT port listening");
        assertThat(Files.readString(dataDir.resolve("logs").resolve("connections-provision-1.log")))
                .as("the second run provisions nobody again")
                .contains("PROVISIONED-ALL done=12 failed=0 new=0");
    }

    private Map<String, String> run(String transport) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dbiotdm.home=" + System.getProperty("biotdm.home"),
                "-jar",
                System.getProperty("biotdm.cli.jar"),
                "bench",
                "connections",
                "--devices",
                "24",
                "--per-process",
                "12",
                "--hold",
                "6",
                "--concurrency",
                "6",
                "--client-heap",
                "256m",
                "--transport",
                transport,
                "--data-dir",
                dataDir.toString()));
        Process bench = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        String output = new String(bench.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(bench.waitFor(10, TimeUnit.MINUTES)).isTrue();
        assertThat(bench.exitValue()).as(output).isZero();
        String last = output.lines().reduce((a, b) -> b).orElse("");
        return KeyValues.parse("BENCH", last.replaceFirst("^BENCH connections", "BENCH"));
    }
}
