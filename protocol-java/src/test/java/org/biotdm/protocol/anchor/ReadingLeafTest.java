package org.biotdm.protocol.anchor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReadingLeafTest {

    @Test
    void encodes_the_documented_example_byte_for_byte() {
        ReadingLeaf leaf = new ReadingLeaf("mote-1", 42, "humidity", 1_700_000_000_000L, "N", "45.93", "%RH");

        assertThat(leaf.text()).isEqualTo("biotdm-leaf-v1|6:mote-1|42|8:humidity|1700000000000|1:N|5:45.93|3:%RH");
        assertThat(IndependentMerkle.hex(leaf.hash()))
                .isEqualTo("d8157a3dcefd71cc9dd41f62a9a2f1c970373a6dd78be9ce778ca96aa2c7758f");
    }

    @Test
    void counts_utf8_bytes_and_marks_a_missing_unit() {
        ReadingLeaf leaf = new ReadingLeaf("Gerät-ü", -3, "temp°", 0, "S", "ON", null);

        assertThat(leaf.bytes())
                .isEqualTo("biotdm-leaf-v1|9:Gerät-ü|-3|6:temp°|0|1:S|2:ON|-".getBytes(StandardCharsets.UTF_8))
                .isEqualTo(IndependentMerkle.leafBytes("Gerät-ü", -3, "temp°", 0, "S", "ON", null));
        assertThat(IndependentMerkle.hex(leaf.hash()))
                .isEqualTo("269e8b201328a759528cb90ec4796dc06fa8cd5f5ed0304caf04edebe3b1fcb9");
    }

    @Test
    void separators_inside_fields_cannot_make_two_readings_collide() {
        ReadingLeaf a = new ReadingLeaf("d", 1, "s|1:x", 2, "S", "v", "u");
        ReadingLeaf b = new ReadingLeaf("d", 1, "s", 2, "S", "1:x|v", "u");
        ReadingLeaf noUnit = new ReadingLeaf("d", 1, "s", 2, "S", "v", null);
        ReadingLeaf emptyUnit = new ReadingLeaf("d", 1, "s", 2, "S", "v", "");
        ReadingLeaf dashUnit = new ReadingLeaf("d", 1, "s", 2, "S", "v", "-");

        assertThat(List.of(a, b, noUnit, emptyUnit, dashUnit).stream()
                        .map(ReadingLeaf::text)
                        .distinct())
                .hasSize(5);
    }

    @Test
    void orders_text_by_code_point_like_utf8_bytes_and_numbers_numerically() {
        List<ReadingLeaf> readings = new ArrayList<>(List.of(
                leaf("d\uD83D\uDE00", 1, "s"), // U+1F600: after U+FFFD in UTF-8, before it in UTF-16
                leaf("d\uFFFD", 1, "s"),
                leaf("dZ", 1, "s"),
                leaf("da", 10, "s"),
                leaf("da", 9, "s"),
                leaf("da", 9, "S"),
                leaf("D", 1, "s")));

        readings.sort(ReadingLeaf.CANONICAL_ORDER);

        assertThat(readings)
                .extracting(r -> r.deviceId() + "/" + r.batchSeq() + "/" + r.sensor())
                .containsExactly("D/1/s", "dZ/1/s", "da/9/S", "da/9/s", "da/10/s", "d\uFFFD/1/s", "d\uD83D\uDE00/1/s");
        assertThat(readings)
                .isSortedAccordingTo((x, y) -> java.util.Arrays.compareUnsigned(
                        x.deviceId().getBytes(StandardCharsets.UTF_8),
                        y.deviceId().getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void orders_a_sensor_repeated_in_one_batch_by_time_then_value_then_unit() {
        List<ReadingLeaf> readings = new ArrayList<>(List.of(
                new ReadingLeaf("d", 1, "t", 5, "N", "2", "C"),
                new ReadingLeaf("d", 1, "t", 5, "N", "2", null),
                new ReadingLeaf("d", 1, "t", 5, "N", "1", "C"),
                new ReadingLeaf("d", 1, "t", 4, "N", "9", "C")));

        readings.sort(ReadingLeaf.CANONICAL_ORDER);

        assertThat(readings)
                .extracting(ReadingLeaf::text)
                .containsExactly(
                        "biotdm-leaf-v1|1:d|1|1:t|4|1:N|1:9|1:C",
                        "biotdm-leaf-v1|1:d|1|1:t|5|1:N|1:1|1:C",
                        "biotdm-leaf-v1|1:d|1|1:t|5|1:N|1:2|-",
                        "biotdm-leaf-v1|1:d|1|1:t|5|1:N|1:2|1:C");
    }

    private static ReadingLeaf leaf(String device, long seq, String sensor) {
        return new ReadingLeaf(device, seq, sensor, 0, "N", "1", null);
    }
}
