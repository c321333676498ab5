package org.biotdm.gateway.verify;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.biotdm.gateway.anchor.AnchorLedger;
import org.biotdm.gateway.anchor.OutboxEntry;
import org.biotdm.gateway.anchor.OutboxRepository;
import org.biotdm.gateway.anchor.StoredLeaf;
import org.biotdm.gateway.anchor.StoredReading;
import org.biotdm.gateway.anchor.TelemetryAnchor;
import org.biotdm.gateway.anchor.WindowLayout;
import org.biotdm.gateway.anchor.WindowRecord;
import org.biotdm.gateway.anchor.WindowRepository;
import org.biotdm.gateway.error.ApiException;
import org.biotdm.gateway.error.ErrorCode;
import org.biotdm.gateway.ledger.LedgerException;
import org.biotdm.protocol.anchor.MerkleProof;
import org.biotdm.protocol.anchor.MerkleTree;
import org.biotdm.protocol.anchor.ReadingLeaf;

/**
 * Builds the inclusion proof of one reading against its window's anchor on the ledger.
 *
 * <p>The sibling hashes come from the leaf hashes recorded when the window was sealed; the leaf itself is encoded
 * from the row as stored now and the root is read from the ledger. So a row changed after anchoring yields a proof
 * that does not verify ({@code verified: false}), and so does a tampered leaf record: the client needs to trust
 * nothing but the ledger.
 */
final class ReadingProofs {
    private static final HexFormat HEX = HexFormat.of();

    private final DataSource dataSource;
    private final AnchorLedger ledger;
    private final WindowRepository windows;
    private final OutboxRepository outbox = new OutboxRepository();

    /**
     * Creates the service.
     *
     * @param dataSource the database
     * @param ledger the ledger
     * @param layout the window layout
     */
    public ReadingProofs(DataSource dataSource, AnchorLedger ledger, WindowLayout layout) {
        this.dataSource = dataSource;
        this.ledger = ledger;
        this.windows = new WindowRepository(layout);
    }

    /**
     * Builds the proof of a reading.
     *
     * @param readingId the telemetry row ID
     * @return the proof
     * @throws ApiException 404 {@code READING_NOT_FOUND}; 409 {@code READING_NOT_ANCHORED} when its window is not
     *     sealed or its anchor is not on the ledger yet; 409 {@code READING_NOT_IN_ANCHOR} when the row was not part
     *     of the window when it was sealed (it was added afterwards)
     * @throws SQLException when the database fails
     * @throws LedgerException when the ledger cannot be read
     */
    public ReadingProofResponse proof(long readingId) throws SQLException, LedgerException {
        try (Connection c = dataSource.getConnection()) {
            StoredReading reading = windows.reading(c, readingId)
                    .orElseThrow(
                            () -> new ApiException(ErrorCode.READING_NOT_FOUND, "No reading with ID " + readingId));
            WindowRecord window = windows.find(c, reading.window())
                    .filter(WindowRecord::isSealed)
                    .orElseThrow(() -> notAnchored("its window " + reading.window() + " is not sealed yet"));
            List<StoredLeaf> leaves = windows.leaves(c, window.window());
            StoredLeaf leaf = leaves.stream()
                    .filter(l -> l.telemetryId() == readingId)
                    .findFirst()
                    .orElseThrow(() -> new ApiException(
                            ErrorCode.READING_NOT_IN_ANCHOR,
                            "Reading " + readingId + " was not in window " + window.window() + " when it was sealed"));
            TelemetryAnchor anchor = ledger.getAnchor(window.ledgerWindowId())
                    .orElseThrow(() -> notAnchored(
                            "the anchor of window " + window.ledgerWindowId() + " is not on the ledger yet"));
            Optional<OutboxEntry> confirmed = outbox.find(c, window.window()).filter(e -> e.transactionId() != null);
            return response(reading, leaves, leaf, anchor, window, confirmed);
        }
    }

    private static ReadingProofResponse response(
            StoredReading reading,
            List<StoredLeaf> leaves,
            StoredLeaf leaf,
            TelemetryAnchor anchor,
            WindowRecord window,
            Optional<OutboxEntry> confirmed) {
        List<byte[]> hashes = new ArrayList<>(leaves.size());
        leaves.forEach(l -> hashes.add(l.hash()));
        MerkleProof proof = MerkleTree.ofLeafHashes(hashes).proof(leaf.index());
        ReadingLeaf content = reading.leaf();
        byte[] leafBytes = content.bytes();
        byte[] leafHash = MerkleTree.leafHash(leafBytes);
        boolean verified = anchor.merkleRoot().matches("[0-9a-f]{64}")
                && MerkleTree.verify(leafHash, proof, HEX.parseHex(anchor.merkleRoot()));
        List<ReadingProofResponse.Step> steps = new ArrayList<>(proof.steps().size());
        proof.steps()
                .forEach(s -> steps.add(new ReadingProofResponse.Step(s.side().name(), s.hash())));
        return new ReadingProofResponse(
                reading.id(),
                new ReadingProofResponse.Reading(
                        content.deviceId(),
                        content.batchSeq(),
                        content.sensor(),
                        content.ts(),
                        content.kind(),
                        content.valueText(),
                        content.unit()),
                content.text(),
                Base64.getEncoder().encodeToString(leafBytes),
                HEX.formatHex(leafHash),
                leaf.index(),
                leaves.size(),
                steps,
                anchor.merkleRoot(),
                anchor.hashScheme(),
                anchor.windowId(),
                window.window(),
                anchor.startTime(),
                anchor.endTime(),
                confirmed.map(OutboxEntry::transactionId).orElse(null),
                confirmed.map(OutboxEntry::blockNumber).orElse(null),
                verified);
    }

    private static ApiException notAnchored(String why) {
        return new ApiException(ErrorCode.READING_NOT_ANCHORED, "The reading is not anchored: " + why);
    }
}
