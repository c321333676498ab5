package org.biotdm.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class DemoDataTest {
    private static final Path DATA = Path.of("..", "..", "shared", "data");

    @Test
    void names_motes_after_their_files() {
        assertThat(DemoData.moteDeviceId("singlehop_indoor_moteid1_data.txt")).isEqualTo("wsn-singlehop-indoor-1");
        assertThat(DemoData.moteDeviceId("multihop_outdoor_moteid2_data.txt")).isEqualTo("wsn-multihop-outdoor-2");
    }

    @Test
    void replays_the_eight_motes_the_room_and_a_slice_of_the_water_meter() {
        List<DemoData.Replay> replays = DemoData.replays(DATA, 0, 10_080);

        assertThat(replays).hasSize(10);
        assertThat(replays.stream().filter(DemoData.Replay::labelled)).hasSize(8);
        assertThat(replays)
                .extracting(DemoData.Replay::deviceId)
                .doesNotHaveDuplicates()
                .contains("uci-room-1", "ampds2-water-1");
        DemoData.Replay water = replays.get(9);
        assertThat(water.options().limit()).isEqualTo(10_080);
        assertThat(water.options().timestampFormat()).isEqualTo("epoch-s");
        assertThat(replays.get(0).options().intervalMs()).isEqualTo(5_000);
        assertThat(replays.get(0).options().delimiter()).isEqualTo('\t');
    }
}
