package org.biotdm.gateway.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.biotdm.gateway.anchor.StoredLeaf;
import org.biotdm.gateway.anchor.StoredReading;
import org.biotdm.protocol.anchor.IndependentMerkle;
import org.biotdm.protocol.anchor.MerkleTree;
import org.biotdm.protocol.anchor.ReadingLeaf;
import org.junit.jupiter.api.Test;

class WindowDiffTest {
    private static final ReadingLeaf HUMIDITY = new ReadingLeaf("mote-1", 1, "humidity", 5_000, "N", "45.93", "%RH");
    private static final ReadingLeaf DOOR = new ReadingLeaf("mote-1", 1, "door", 5_000, "S", "OPEN", null);
    private static final ReadingLeaf RELAY = new ReadingLeaf("mote-2", 4, "relay", 6_000, "B", "true", null);

    private static StoredReading row(long id, ReadingLeaf leaf, Double valueNum) {
        return new StoredReading(id, 9, leaf, valueNum);
    }

    private static List<StoredLeaf> sealed(StoredReading... rows) {
        List<StoredLeaf> leaves = new ArrayList<>();
        for (int i = 0; i < rows.length; i++) {
            leaves.add(new StoredLeaf(i, rows[i].id(), rows[i].leaf().hash()));
        }
        return leaves;
    }

    @Test
    void untouched_rows_rebuild_the_recorded_root_with_no_differences() {
        StoredReading door = row(1, DOOR, null);
        StoredReading humidity = row(2, HUMIDITY, 45.93);
        StoredReading relay = row(3, RELAY, 1.0);

        WindowDiff diff = WindowDiff.of(List.of(door, humidity, relay), sealed(door, humidity, relay), null);

        assertThat(diff.hasDifferences()).isFalse();
        assertThat(diff.recomputedRoot())
                .isEqualTo(diff.recordedRoot())
                .isEqualTo(IndependentMerkle.hex(
                        IndependentMerkle.rootOfData(List.of(DOOR.bytes(), HUMIDITY.bytes(), RELAY.bytes()))));
        assertThat(diff.leafCount()).isEqualTo(3);
        assertThat(diff.deviceRows()).isEqualTo(3);
    }

    @Test
    void names_changed_missing_and_extra_rows_by_id() {
        StoredReading door = row(1, DOOR, null);
        StoredReading humidity = row(2, HUMIDITY, 45.93);
        StoredReading relay = row(3, RELAY, 1.0);
        StoredReading changed = row(2, new ReadingLeaf("mote-1", 1, "humidity", 5_000, "N", "99.0", "%RH"), 99.0);
        StoredReading added = row(7, new ReadingLeaf("mote-9", 1, "humidity", 5_000, "N", "1", null), 1.0);

        WindowDiff diff = WindowDiff.of(List.of(door, changed, added), sealed(door, humidity, relay), "mote-1");

        assertThat(diff.changed()).singleElement().satisfies(ref -> {
            assertThat(ref.readingId()).isEqualTo(2);
            assertThat(ref.leafIndex()).isEqualTo(1);
            assertThat(ref.valueText()).isEqualTo("99.0");
            assertThat(ref.anchoredLeafHash()).isEqualTo(IndependentMerkle.hex(HUMIDITY.hash()));
        });
        assertThat(diff.missing()).singleElement().satisfies(ref -> {
            assertThat(ref.readingId()).isEqualTo(3);
            assertThat(ref.leafIndex()).isEqualTo(2);
            assertThat(ref.deviceId()).isNull();
        });
        assertThat(diff.extra()).extracting(ReadingRef::readingId).containsExactly(7L);
        assertThat(diff.recomputedRoot()).isNotEqualTo(diff.recordedRoot());
        assertThat(diff.deviceRows()).isEqualTo(2);
    }

    @Test
    void a_numeric_copy_that_disagrees_with_the_text_is_inconsistent_for_every_kind() {
        StoredReading number = row(1, HUMIDITY, 46.0);
        StoredReading state = row(2, DOOR, 1.0);
        StoredReading bool = row(3, RELAY, 0.0);
        StoredReading fine = row(4, new ReadingLeaf("mote-3", 2, "t", 1, "N", "2.50e1", "C"), 25.0);

        WindowDiff diff = WindowDiff.of(List.of(number, state, bool, fine), sealed(number, state, bool, fine), null);

        assertThat(diff.inconsistent()).extracting(ReadingRef::readingId).containsExactly(1L, 2L, 3L);
        assertThat(diff.recomputedRoot()).isEqualTo(diff.recordedRoot());
    }

    @Test
    void an_empty_window_has_the_empty_root() {
        WindowDiff diff = WindowDiff.of(List.of(), List.of(), null);

        assertThat(diff.recomputedRoot()).isEqualTo(MerkleTree.emptyRootHex());
        assertThat(diff.hasDifferences()).isFalse();
    }
}
