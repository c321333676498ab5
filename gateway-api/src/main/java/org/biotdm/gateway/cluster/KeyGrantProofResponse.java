package org.biotdm.gateway.cluster;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import org.biotdm.gateway.verify.ReadingProofResponse;

/**
 * The answer of {@code GET /device/v1/cluster/grants/{grantSha256}/proof}: everything needed to check, without
 * trusting the gateway, that a key grant is part of a batch anchored on the ledger. Check: {@code leafHash =
 * SHA-256(0x00 ‖ grantSha256 bytes)}; fold {@code proof} into it as RFC 6962 §2.1.1 does (sibling on the left {@code
 * L}: SHA-256(0x01 ‖ sibling ‖ current), on the right {@code R}: SHA-256(0x01 ‖ current ‖ sibling)); the result must
 * equal the {@code merkleRoot} that {@code anchors:GetAnchor(batchId)} returns from the ledger.
 *
 * @param grantSha256 SHA-256 of the grant's encoding {@code G}, 64 hex digits
 * @param keyId the grant's key ID, 32 hex digits
 * @param leafHash SHA-256(0x00 ‖ grant SHA-256), 64 hex digits
 * @param leafIndex the grant's index in its batch, 0-based
 * @param leafCount the number of grants in the batch
 * @param proof the sibling hashes, leaf level first; empty for a one-grant batch
 * @param root the batch's root as the ledger holds it, 64 hex digits
 * @param hashScheme the scheme on the ledger, {@value KeyGrantAnchoring#SCHEME}
 * @param batchId the batch's ledger window ID, the argument of {@code GetAnchor}
 * @param startTime the first grant's recording time, epoch milliseconds, inclusive
 * @param endTime the last grant's recording time plus 1, epoch milliseconds, exclusive
 * @param transactionId the transaction that anchored the batch, as the gateway recorded it, or absent
 * @param blockNumber its block, or absent
 * @param verified whether the gateway itself found the proof valid against the ledger's root
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record KeyGrantProofResponse(
        String grantSha256,
        String keyId,
        String leafHash,
        long leafIndex,
        long leafCount,
        List<ReadingProofResponse.Step> proof,
        String root,
        String hashScheme,
        String batchId,
        long startTime,
        long endTime,
        @Nullable String transactionId,
        @Nullable Long blockNumber,
        boolean verified) {}
