package org.biotdm.cli.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StackPortsTest {
    @TempDir
    Path root;

    @Test
    void ports_picked_with_zero_are_recorded_and_the_next_start_reuses_them() {
        DataDir dataDir = new DataDir(root);
        StackOptions options = StackOptions.onFreePorts(root, 100, 0, Map.of());

        StackPorts first = StackPorts.choose(options, dataDir, 3);
        first.record(dataDir);
        StackPorts second = StackPorts.choose(options, dataDir, 3);

        assertThat(second).isEqualTo(first);
        assertThat(first.api()).isNotEqualTo(first.device());
        assertThat(first.mqtt()).isPositive().isNotIn(first.api(), first.device());
        assertThat(root.resolve("ports.properties")).exists();
    }

    @Test
    void a_recorded_port_taken_meanwhile_is_replaced_by_a_free_one() throws Exception {
        DataDir dataDir = new DataDir(root);
        StackOptions options = StackOptions.onFreePorts(root, 100, 0, Map.of());
        StackPorts first = StackPorts.choose(options, dataDir, 3);
        first.record(dataDir);

        try (ServerSocket taken = new ServerSocket(first.api(), 1, InetAddress.getLoopbackAddress())) {
            StackPorts second = StackPorts.choose(options, dataDir, 3);
            assertThat(second.api()).isNotEqualTo(first.api());
            assertThat(second.device()).isEqualTo(first.device());
        }
    }

    @Test
    void an_explicit_port_in_use_is_refused_naming_the_option() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            StackOptions options = new StackOptions();
            options.dataDir = root;
            options.apiPort = taken.getLocalPort();
            options.devicePort = 0;
            options.devnetPort = 0;

            assertThatThrownBy(() -> StackPorts.choose(options, new DataDir(root), 3))
                    .isInstanceOf(StackException.class)
                    .hasMessageContaining("--api-port");
        }
    }

    @Test
    void the_dev_networks_ports_follow_its_layout() {
        assertThat(StackPorts.devnetPorts(30_000, 3))
                .containsExactly(30_000, 30_001, 31_000, 31_001, 32_000, 32_001, 30_004);
    }
}
