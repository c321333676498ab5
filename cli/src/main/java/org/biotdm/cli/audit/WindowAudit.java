package org.biotdm.cli.audit;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.biotdm.protocol.anchor.MerkleTree;
import org.biotdm.protocol.anchor.ReadingLeaf;

/**
 * Checks one window's stored readings against its anchor read from the peer: the readings in {@link
 * ReadingLeaf#CANONICAL_ORDER} become the RFC 6962 tree of {@link MerkleTree}, whose root, leaf count and scheme must
 * equal the anchor's. For a mismatch it names the readings: when the leaf hashes the gateway kept rebuild the
 * anchored root, every reading whose leaf hash differs from the kept one (changed), every kept reading that is gone
 * (removed) and every reading that was not kept (added).
 *
 * @param anchor the anchor from the peer
 * @param root the rebuilt root, 64 lower-case hex digits
 * @param leafCount the number of stored readings
 * @param problems why the window does not match; empty when it matches
 */
record WindowAudit(LedgerAnchor anchor, String root, int leafCount, List<String> problems) {

    /**
     * Checks a window.
     *
     * @param anchor the anchor from the peer
     * @param readings the stored readings of the window (any order)
     * @param storedLeaves the leaf hashes the gateway kept for it, in tree order (may be empty)
     * @return the result
     */
    public static WindowAudit check(
            LedgerAnchor anchor,
            List<StoredTelemetry.StoredReading> readings,
            List<StoredTelemetry.StoredLeaf> storedLeaves) {
        List<ReadingLeaf> leaves = readings.stream()
                .map(StoredTelemetry.StoredReading::leaf)
                .sorted(ReadingLeaf.CANONICAL_ORDER)
                .toList();
        MerkleTree tree =
                MerkleTree.ofLeafHashes(leaves.stream().map(ReadingLeaf::hash).toList());
        List<String> problems = new ArrayList<>();
        if (!MerkleTree.SCHEME.equals(anchor.hashScheme())) {
            problems.add("hash scheme " + anchor.hashScheme() + " is not " + MerkleTree.SCHEME);
        }
        if (tree.leafCount() != anchor.leafCount()) {
            problems.add(tree.leafCount() + " readings stored, " + anchor.leafCount() + " anchored");
        }
        if (!tree.rootHex().equals(anchor.merkleRoot())) {
            problems.add("root " + tree.rootHex() + " is not the anchored " + anchor.merkleRoot());
        }
        if (!problems.isEmpty()) {
            problems.addAll(changedReadings(anchor, readings, storedLeaves));
        }
        return new WindowAudit(anchor, tree.rootHex(), tree.leafCount(), List.copyOf(problems));
    }

    /**
     * Tells whether the window matches its anchor.
     *
     * @return true when root, leaf count and scheme agree
     */
    public boolean matches() {
        return problems.isEmpty();
    }

    private static List<String> changedReadings(
            LedgerAnchor anchor, List<StoredTelemetry.StoredReading> readings, List<StoredTelemetry.StoredLeaf> kept) {
        MerkleTree keptTree = MerkleTree.ofLeafHashes(
                kept.stream().map(StoredTelemetry.StoredLeaf::hash).toList());
        if (kept.isEmpty() || !keptTree.rootHex().equals(anchor.merkleRoot())) {
            return List.of("the gateway's kept leaf hashes do not rebuild the anchored root either: the changed "
                    + "readings cannot be named");
        }
        Map<Long, byte[]> keptById = new HashMap<>();
        kept.forEach(leaf -> keptById.put(leaf.readingId(), leaf.hash()));
        List<String> named = new ArrayList<>();
        Set<Long> present = new HashSet<>();
        for (StoredTelemetry.StoredReading reading : readings) {
            present.add(reading.id());
            byte[] hash = keptById.get(reading.id());
            if (hash == null) {
                named.add(
                        "reading " + reading.id() + " added: " + reading.leaf().text());
            } else if (!MessageDigest.isEqual(hash, reading.leaf().hash())) {
                named.add("reading " + reading.id() + " changed: "
                        + reading.leaf().text());
            }
        }
        keptById.keySet().stream()
                .filter(id -> !present.contains(id))
                .sorted()
                .forEach(id -> named.add("reading " + id + " removed"));
        return named;
    }
}
