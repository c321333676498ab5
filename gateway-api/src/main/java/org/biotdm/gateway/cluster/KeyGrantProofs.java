package org.biotdm.gateway.cluster;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;
import javax.sql.DataSource;
import org.biotdm.gateway.anchor.AnchorLedger;
import org.biotdm.gateway.anchor.TelemetryAnchor;
import org.biotdm.gateway.error.ApiException;
import org.biotdm.gateway.error.ErrorCode;
import org.biotdm.gateway.ledger.LedgerException;
import org.biotdm.gateway.verify.ReadingProofResponse;
import org.biotdm.protocol.anchor.MerkleProof;
import org.biotdm.protocol.anchor.MerkleTree;

/**
 * Builds the RFC 6962 inclusion proof of one key grant in the batch {@link KeyGrantAnchoring} anchored it in, with
 * protocol-java's {@link MerkleTree}. The siblings come from the batch's grant hashes as stored; the root is read from
 * the ledger ({@code anchors:GetAnchor}), so a changed row yields {@code verified: false} and the client needs to
 * trust nothing but the ledger.
 */
@Singleton
public class KeyGrantProofs {
    private static final HexFormat HEX = HexFormat.of();

    private final DataSource dataSource;
    private final AnchorLedger ledger;
    private final KeyGrantRepository grants = new KeyGrantRepository();

    /**
     * Creates the service.
     *
     * @param dataSource the database
     * @param ledger the ledger the root is read from
     */
    public KeyGrantProofs(DataSource dataSource, AnchorLedger ledger) {
        this.dataSource = DelegatingDataSource.unwrapDataSource(dataSource);
        this.ledger = ledger;
    }

    /**
     * Builds the proof of a grant the head recorded.
     *
     * @param headId the asking cluster head; another head's grant is unknown to it
     * @param grantSha256 the grant's SHA-256, 64 lower-case hex digits
     * @return the proof
     * @throws ApiException 404 {@code CLUSTER_GRANT_UNKNOWN}; 409 {@code CLUSTER_GRANT_NOT_ANCHORED} when its batch is
     *     not sealed, not confirmed or not on the ledger yet
     * @throws SQLException when the database fails
     * @throws LedgerException when the ledger cannot be read
     */
    public KeyGrantProofResponse proof(String headId, String grantSha256) throws SQLException, LedgerException {
        try (Connection c = dataSource.getConnection()) {
            KeyGrantRepository.Placement placement = grants.place(c, headId, grantSha256)
                    .orElseThrow(() -> new ApiException(
                            ErrorCode.CLUSTER_GRANT_UNKNOWN, "This cluster head recorded no grant " + grantSha256));
            if (placement.batchId() == null) {
                throw notAnchored("it is not in a sealed batch yet");
            }
            KeyGrantRepository.BatchState batch = grants.batch(c, placement.batchId())
                    .filter(b -> "ANCHORED".equals(b.status()))
                    .orElseThrow(() -> notAnchored("batch " + placement.batchId() + " is not confirmed yet"));
            TelemetryAnchor anchor = ledger.getAnchor(placement.batchId())
                    .orElseThrow(() -> notAnchored("batch " + placement.batchId() + " is not on the ledger"));
            return response(grantSha256, placement, batch, anchor, grants.batchHashes(c, placement.batchId()));
        }
    }

    private static KeyGrantProofResponse response(
            String grantSha256,
            KeyGrantRepository.Placement placement,
            KeyGrantRepository.BatchState batch,
            TelemetryAnchor anchor,
            List<String> hashes) {
        MerkleTree tree = MerkleTree.ofLeafHashes(
                hashes.stream().map(h -> MerkleTree.leafHash(HEX.parseHex(h))).toList());
        MerkleProof proof = tree.proof(placement.leafIndex());
        byte[] leafHash = MerkleTree.leafHash(HEX.parseHex(grantSha256));
        boolean verified = anchor.merkleRoot().matches("[0-9a-f]{64}")
                && MerkleTree.verify(leafHash, proof, HEX.parseHex(anchor.merkleRoot()));
        return new KeyGrantProofResponse(
                grantSha256,
                placement.keyId(),
                HEX.formatHex(leafHash),
                placement.leafIndex(),
                hashes.size(),
                proof.steps().stream()
                        .map(s -> new ReadingProofResponse.Step(s.side().name(), s.hash()))
                        .toList(),
                anchor.merkleRoot(),
                anchor.hashScheme(),
                anchor.windowId(),
                anchor.startTime(),
                anchor.endTime(),
                batch.txId(),
                batch.blockNumber(),
                verified);
    }

    private static ApiException notAnchored(String why) {
        return new ApiException(ErrorCode.CLUSTER_GRANT_NOT_ANCHORED, "The grant is not anchored: " + why);
    }
}
