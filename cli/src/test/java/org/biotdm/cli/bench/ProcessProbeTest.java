package org.biotdm.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProcessProbeTest {

    @Test
    void reads_the_used_heap_of_g1_heap_info() throws IOException {
        String output = "13409:\n"
                + " garbage-first heap   total 110592K, used 68088K [0x0000000687400000, 0x0000000800000000)\n"
                + "  region size 4096K, 11 young (45056K), 1 survivors (4096K)\n"
                + " Metaspace       used 32077K, committed 32384K, reserved 1114112K\n";
        assertThat(ProcessProbe.parseHeapUsed(output)).isEqualTo(68_088);
    }

    @Test
    void reads_the_direct_buffers_of_a_native_memory_summary() throws IOException {
        // A JDK 17 JVM holding one 8 MiB ByteBuffer.allocateDirect, as jcmd prints it.
        String output = "Total: reserved=7850745KB, committed=493089KB\n"
                + "-                  Internal (reserved=1012KB, committed=1012KB)\n"
                + "-                     Other (reserved=8202KB, committed=8202KB)\n"
                + "                            (malloc=8202KB #3) (at peak)\n";
        assertThat(ProcessProbe.parseNmtOther(output)).isEqualTo(8_202);
    }

    @Test
    void a_jvm_without_native_memory_tracking_is_an_error_not_zero() {
        assertThatThrownBy(() -> ProcessProbe.parseNmtOther("13409:\nNative memory tracking is not enabled\n"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("not enabled");
    }

    @Test
    void heap_info_without_a_heap_figure_is_an_error_not_zero() {
        assertThatThrownBy(() -> ProcessProbe.parseHeapUsed("13409:\nCould not attach\n"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("Could not attach");
    }

    @Test
    void counts_only_established_connections_on_the_given_local_ports() {
        Map<Integer, Integer> counts = new HashMap<>(Map.of(0xB007, 0, 8080, 0));
        // listening (0A), established (01) twice on 0xB007, established on another port, time-wait (06)
        ProcessProbe.countLine(
                "   0: 0100007F:B007 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1", counts);
        ProcessProbe.countLine(
                "   1: 0100007F:B007 0100007F:B156 01 00000000:00000000 00:00000000 00000000     0        0 2", counts);
        ProcessProbe.countLine(
                "   2: 0100007F:B007 0100007F:B158 01 00000000:00000000 00:00000000 00000000     0        0 3", counts);
        ProcessProbe.countLine(
                "   3: 0100007F:1F91 0100007F:B15A 01 00000000:00000000 00:00000000 00000000     0        0 4", counts);
        ProcessProbe.countLine(
                "   4: 0100007F:1F90 0100007F:B15C 06 00000000:00000000 03:00000C87 00000000     0        0 0", counts);
        ProcessProbe.countLine("garbage", counts);
        assertThat(counts).containsEntry(0xB007, 2).containsEntry(8080, 0).hasSize(2);
    }

    @Test
    void sees_a_real_connection_in_the_kernel_table() throws IOException {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                Socket client = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
                Socket accepted = server.accept()) {
            int port = server.getLocalPort();
            assertThat(accepted.isConnected()).isTrue();
            assertThat(ProcessProbe.establishedConnections(Set.of(port))).containsEntry(port, 1);
            assertThat(client.isConnected()).isTrue();
        }
    }

    @Test
    void reads_this_processs_resident_memory() throws IOException {
        long rss = ProcessProbe.residentBytes(ProcessHandle.current().pid());
        assertThat(rss).isGreaterThan(Runtime.getRuntime().totalMemory() / 100).isLessThan(1L << 40);
    }
}
