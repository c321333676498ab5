package org.biotdm.gateway.cluster;

import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import org.biotdm.gateway.error.ErrorResponse;
import org.biotdm.gateway.error.InputRules;

/**
 * What a cluster head asks the gateway on the device port ({@code /device/v1/cluster}, mutual TLS as the head),
 * implemented by {@link ClusterController} ({@code protocol/cluster-keys-v1.md}). The head is always the client
 * certificate's device. Every route also answers 401 {@code DEVICE_CERT_REQUIRED} and 403 {@code DEVICE_UNKNOWN},
 * {@code DEVICE_CERT_MISMATCH}, {@code DEVICE_NOT_ACTIVE} from the certificate check.
 */
@ApiResponse(
        responseCode = "4XX",
        description = "Refused: the one error shape; the route's description lists its codes and their statuses",
        content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
@ApiResponse(
        responseCode = "5XX",
        description = "Unavailable: the one error shape, with Retry-After",
        content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
interface ClusterOperations {
    /**
     * Vouches for a member of the head's cluster and returns its registered key, which the head verifies the member's
     * exchange signature with. The answer is at most 2 s old.
     *
     * @param deviceId the member's device ID
     * @return the member
     * @throws org.biotdm.gateway.error.ApiException 400 {@code INVALID_ARGUMENT}, 404 {@code CLUSTER_MEMBER_UNKNOWN},
     *     403 {@code CLUSTER_MEMBER_NOT_ACTIVE}, {@code CLUSTER_PAIR_FOREIGN}
     */
    @Get(uri = "/device/v1/cluster/members/{deviceId}", produces = MediaType.APPLICATION_JSON)
    ClusterMember member(
            @PathVariable @Pattern(regexp = InputRules.ID, message = InputRules.ID_MESSAGE) String deviceId);

    /**
     * Vouches for both members of a key grant the head is about to issue and records the grant's SHA-256 for batched
     * anchoring on the ledger. The head issues the key only after this answer.
     *
     * @param grant the grant's fields, never the key
     * @return the recorded grant
     * @throws org.biotdm.gateway.error.ApiException 400 {@code INVALID_ARGUMENT}, 404 {@code CLUSTER_MEMBER_UNKNOWN},
     *     403 {@code CLUSTER_MEMBER_NOT_ACTIVE}, {@code CLUSTER_PAIR_FOREIGN}, 503 {@code DATABASE_UNAVAILABLE}
     */
    @Post(
            uri = "/device/v1/cluster/grants",
            consumes = MediaType.APPLICATION_JSON,
            produces = MediaType.APPLICATION_JSON)
    KeyGrantResponse grant(@Valid @Body KeyGrantRequest grant);

    /**
     * Proves that a key grant this head recorded is in a batch anchored on the ledger: the batch's root as the ledger
     * holds it, the anchoring transaction and the grant's RFC 6962 inclusion proof ({@link KeyGrantProofResponse}).
     * Another head's grant is unknown to the asker.
     *
     * @param grantSha256 the grant's SHA-256 ({@code grantSha256} of the grant's answer), 64 lower-case hex digits
     * @return the proof, checkable against {@code anchors:GetAnchor(batchId)} without trusting the gateway
     * @throws org.biotdm.gateway.error.ApiException 400 {@code INVALID_ARGUMENT}, 404 {@code CLUSTER_GRANT_UNKNOWN},
     *     409 {@code CLUSTER_GRANT_NOT_ANCHORED} (not yet sealed into a batch, or the batch not yet on the ledger),
     *     503 {@code LEDGER_UNAVAILABLE}, {@code DATABASE_UNAVAILABLE}
     */
    @Get(uri = "/device/v1/cluster/grants/{grantSha256}/proof", produces = MediaType.APPLICATION_JSON)
    KeyGrantProofResponse grantProof(
            @PathVariable @Pattern(regexp = "[0-9a-f]{64}", message = "must be 64 lower-case hex digits")
                    String grantSha256);
}
