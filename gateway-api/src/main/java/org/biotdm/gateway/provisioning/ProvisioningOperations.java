package org.biotdm.gateway.provisioning;

import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Post;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import org.biotdm.gateway.error.ErrorResponse;

/**
 * The device provisioning API on the device port ({@code /device/v1}, TLS without a client certificate), implemented by
 * {@link ProvisioningController}; tests call the device port through this interface's annotations.
 */
@ApiResponse(
        responseCode = "4XX",
        description = "Refused: the one error shape; the route's description lists its codes and their statuses",
        content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
@ApiResponse(
        responseCode = "5XX",
        description = "Unavailable or unknown outcome: the one error shape, with Retry-After or the transaction ID",
        content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
public interface ProvisioningOperations {

    /**
     * Provisions a device (zero-touch): checks the request, has the organisation's device CA issue a certificate for
     * the CSR's key, and submits {@code ClaimDevice} with the certificate's fingerprint and the claim token (in the
     * transient map). The certificate is returned only after the claim committed.
     *
     * <p>Errors ({@code {code, message, transactionId?, timestamp}}): 400 {@code PROVISION_INVALID_REQUEST} (missing
     * or malformed deviceId or claimToken), 400 {@code PROVISION_INVALID_CSR}, 403 {@code CLAIM_TOKEN_MISMATCH}, 403
     * {@code CLAIM_TOKEN_EXPIRED}, 403 {@code ACCESS_DENIED} (the device belongs to another organisation), 404 {@code
     * DEVICE_NOT_FOUND}, 409 {@code CLAIM_TOKEN_SPENT}, 409 {@code DEVICE_NOT_CLAIMABLE}, 409 {@code
     * DEVICE_INVALID_TRANSITION}, 409 {@code LEDGER_CONFLICT}, 503 {@code LEDGER_UNAVAILABLE} (with {@code
     * Retry-After}), 504 {@code LEDGER_UNKNOWN_OUTCOME} (with the transaction ID).
     *
     * @param request the device ID, claim token and CSR
     * @return the certificate and the CA certificate
     */
    @Post("/device/v1/provision")
    ProvisionResponse provision(@Valid @Body ProvisionRequest request);
}
