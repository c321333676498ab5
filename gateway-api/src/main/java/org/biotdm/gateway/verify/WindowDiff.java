package org.biotdm.gateway.verify;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.biotdm.gateway.anchor.StoredLeaf;
import org.biotdm.gateway.anchor.StoredReading;
import org.biotdm.protocol.anchor.MerkleTree;
import org.biotdm.protocol.anchor.ReadingLeaf;

/**
 * Recomputes a window's root from its rows as stored now and names the rows that differ from what was anchored.
 *
 * <p>The root is computed from the rows alone (canonical order, {@link ReadingLeaf}); it is the only thing compared
 * with the ledger. To say <em>which</em> rows differ, the rows are matched by ID with the leaf hashes recorded at
 * sealing ({@code anchor_leaves}): same ID and hash is unchanged, same ID with another hash is changed, a recorded ID
 * without row is missing, a row without recorded ID is extra. Unchanged rows whose numeric copy ({@code value_num},
 * not anchored, but what charts and alerts read) is not what their anchored text denotes are inconsistent.
 *
 * @param recomputedRoot the root of the rows now, 64 hex digits
 * @param leafCount the number of rows now
 * @param recordedRoot the root the recorded leaf hashes build, 64 hex digits
 * @param recordedCount the number of recorded leaves
 * @param changed changed rows
 * @param missing missing rows
 * @param extra extra rows
 * @param inconsistent rows whose numeric copy disagrees with their text
 * @param deviceRows rows of the device asked about (all rows when none was)
 */
record WindowDiff(
        String recomputedRoot,
        long leafCount,
        String recordedRoot,
        long recordedCount,
        List<ReadingRef> changed,
        List<ReadingRef> missing,
        List<ReadingRef> extra,
        List<ReadingRef> inconsistent,
        long deviceRows) {
    private static final HexFormat HEX = HexFormat.of();

    /**
     * Compares a window's rows with its recorded leaves.
     *
     * @param rows the rows now, in canonical order
     * @param recorded the leaves recorded at sealing, by index (empty for a window never sealed)
     * @param device the device asked about, or null
     * @return the comparison
     */
    static WindowDiff of(List<StoredReading> rows, List<StoredLeaf> recorded, String device) {
        Map<Long, StoredLeaf> recordedById = new HashMap<>();
        List<byte[]> recordedHashes = new ArrayList<>(recorded.size());
        for (StoredLeaf leaf : recorded) {
            recordedById.put(leaf.telemetryId(), leaf);
            recordedHashes.add(leaf.hash());
        }
        List<byte[]> hashes = new ArrayList<>(rows.size());
        List<ReadingRef> changed = new ArrayList<>();
        List<ReadingRef> extra = new ArrayList<>();
        List<ReadingRef> inconsistent = new ArrayList<>();
        Set<Long> present = new HashSet<>();
        long deviceRows = 0;
        for (StoredReading row : rows) {
            byte[] hash = row.leaf().hash();
            hashes.add(hash);
            present.add(row.id());
            if (device == null || device.equals(row.leaf().deviceId())) {
                deviceRows++;
            }
            StoredLeaf anchored = recordedById.get(row.id());
            if (anchored == null) {
                extra.add(ReadingRef.current(row.id(), null, row.leaf(), null, HEX.formatHex(hash)));
            } else if (!MessageDigest.isEqual(anchored.hash(), hash)) {
                changed.add(ReadingRef.current(
                        row.id(), anchored.index(), row.leaf(), HEX.formatHex(anchored.hash()), HEX.formatHex(hash)));
            } else if (!numberConsistent(row)) {
                inconsistent.add(ReadingRef.current(row.id(), anchored.index(), row.leaf(), null, null));
            }
        }
        List<ReadingRef> missing = new ArrayList<>();
        for (StoredLeaf leaf : recorded) {
            if (!present.contains(leaf.telemetryId())) {
                missing.add(ReadingRef.missing(leaf.telemetryId(), leaf.index(), HEX.formatHex(leaf.hash())));
            }
        }
        return new WindowDiff(
                MerkleTree.ofLeafHashes(hashes).rootHex(),
                rows.size(),
                MerkleTree.ofLeafHashes(recordedHashes).rootHex(),
                recorded.size(),
                changed,
                missing,
                extra,
                inconsistent,
                deviceRows);
    }

    /**
     * Tells whether the numeric copy of a row agrees with its anchored text, as ingress derives it: for kind {@code N}
     * the number the text denotes, for {@code B} 1 ({@code true}) or 0 ({@code false}), for {@code S} none.
     */
    private static boolean numberConsistent(StoredReading row) {
        String text = row.leaf().valueText();
        Double stored = row.valueNum();
        return switch (row.leaf().kind()) {
            case "N" -> {
                try {
                    double expected = Double.parseDouble(text);
                    boolean same = !Double.isFinite(expected) || stored != null && stored == expected;
                    yield same; // a variable: PMD 7.7's parser fails on `yield !`
                } catch (NumberFormatException e) {
                    yield true;
                }
            }
            case "B" -> stored != null && stored == ("true".equals(text) ? 1 : 0);
            case "S" -> stored == null;
            default -> true;
        };
    }

    /**
     * Tells whether anything in the rows differs from the recorded leaves.
     *
     * @return whether a list is not empty
     */
    boolean hasDifferences() {
        return !changed.isEmpty() || !missing.isEmpty() || !extra.isEmpty() || !inconsistent.isEmpty();
    }
}
