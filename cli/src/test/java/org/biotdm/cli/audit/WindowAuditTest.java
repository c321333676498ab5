package org.biotdm.cli.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.biotdm.protocol.anchor.MerkleTree;
import org.biotdm.protocol.anchor.ReadingLeaf;
import org.junit.jupiter.api.Test;

class WindowAuditTest {
    private static final List<StoredTelemetry.StoredReading> READINGS = List.of(
            reading(11, "mote-1", 4, "humidity", "45.93"),
            reading(12, "mote-1", 4, "temperature", "19.98"),
            reading(13, "mote-2", 9, "humidity", "37.09"));

    @Test
    void stored_readings_in_any_order_match_the_anchor_of_their_canonical_tree() {
        WindowAudit audit = WindowAudit.check(
                anchor(3, MerkleTree.SCHEME), List.of(READINGS.get(2), READINGS.get(0), READINGS.get(1)), kept());

        assertThat(audit.matches()).isTrue();
        assertThat(audit.leafCount()).isEqualTo(3);
    }

    @Test
    void a_changed_reading_is_named_when_the_kept_leaf_hashes_rebuild_the_anchored_root() {
        List<StoredTelemetry.StoredReading> altered = new ArrayList<>(READINGS);
        altered.set(1, reading(12, "mote-1", 4, "temperature", "29.98"));

        WindowAudit audit = WindowAudit.check(anchor(3, MerkleTree.SCHEME), altered, kept());

        assertThat(audit.matches()).isFalse();
        assertThat(audit.problems())
                .anyMatch(p -> p.startsWith("root "))
                .contains("reading 12 changed: biotdm-leaf-v1|6:mote-1|4|11:temperature|1700000000000|1:N|5:29.98|-");
    }

    @Test
    void a_removed_reading_and_a_wrong_leaf_count_or_scheme_are_mismatches() {
        WindowAudit removed = WindowAudit.check(anchor(3, MerkleTree.SCHEME), READINGS.subList(0, 2), kept());
        WindowAudit scheme = WindowAudit.check(anchor(3, "sha256-other"), READINGS, kept());
        WindowAudit count = WindowAudit.check(anchor(4, MerkleTree.SCHEME), READINGS, List.of());

        assertThat(removed.problems()).contains("2 readings stored, 3 anchored", "reading 13 removed");
        assertThat(scheme.problems()).contains("hash scheme sha256-other is not " + MerkleTree.SCHEME);
        assertThat(count.problems())
                .contains("3 readings stored, 4 anchored")
                .anyMatch(p -> p.contains("cannot be named"));
    }

    private static List<StoredTelemetry.StoredLeaf> kept() {
        return READINGS.stream()
                .sorted((a, b) -> ReadingLeaf.CANONICAL_ORDER.compare(a.leaf(), b.leaf()))
                .map(r -> new StoredTelemetry.StoredLeaf(r.id(), r.leaf().hash()))
                .toList();
    }

    private static LedgerAnchor anchor(long leafCount, String scheme) {
        String root = MerkleTree.ofLeafHashes(
                        kept().stream().map(StoredTelemetry.StoredLeaf::hash).toList())
                .rootHex();
        return new LedgerAnchor(
                "Org1MSP-gw1-170000000",
                1_700_000_000_000L,
                1_700_000_010_000L,
                root,
                leafCount,
                scheme,
                "tx-1",
                "Org1MSP");
    }

    private static StoredTelemetry.StoredReading reading(
            long id, String device, long batch, String sensor, String value) {
        return new StoredTelemetry.StoredReading(
                id, new ReadingLeaf(device, batch, sensor, 1_700_000_000_000L, "N", value, null));
    }
}
