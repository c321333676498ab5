package org.biotdm.gateway.device;

import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Post;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import org.biotdm.gateway.error.ErrorResponse;

/**
 * Bulk onboarding under {@code /api/v1/devices:batch}, implemented by {@link DeviceBatchController} and extended by the
 * tests' declarative client. Needs an admin's bearer token (401 {@code AUTH_REQUIRED}, 403 {@code ACCESS_DENIED}).
 */
@ApiResponse(
        responseCode = "4XX",
        description = "Refused as a whole: the one error shape",
        content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
@ApiResponse(
        responseCode = "5XX",
        description = "Unavailable or unknown outcome: the one error shape, with Retry-After or the transaction ID",
        content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
interface DeviceBatchOperations {
    /**
     * Registers up to 500 devices of the caller's organisation for zero-touch provisioning in one {@code
     * RegisterDevices} transaction. Each item carries the SHA-256 of a claim token the client generated (the CLI's
     * {@code devices import} writes the tokens to an owner-only file before it sends the batch). Each item is checked
     * as {@code POST /api/v1/devices} checks one (a malformed field refuses that item alone with {@code
     * INVALID_ARGUMENT}, naming the field in its message); a refused item is reported with its code ({@code INVALID_ARGUMENT},
     * {@code DEVICE_EXISTS} for another token or another organisation's device) and nothing is written for it; the
     * others are registered. An item already registered by this organisation with the same token hash is {@code
     * EXISTS}, so sending the same batch again is safe.
     *
     * @param authentication the caller, an admin
     * @param request the devices
     * @return 200 with one result per item, in request order
     * @throws org.biotdm.gateway.error.ApiException for the whole batch: 400 {@code INVALID_ARGUMENT} (no items, more
     *     than 500, a null item), 409 {@code LEDGER_CONFLICT}, 503 {@code LEDGER_UNAVAILABLE}, 504 {@code
     *     LEDGER_UNKNOWN_OUTCOME} (send the same batch again)
     */
    @Post("/devices:batch")
    @ApiResponse(
            responseCode = "200",
            description = "One result per item: REGISTERED, EXISTS or REFUSED with its code",
            content = @Content(schema = @Schema(implementation = RegisterDevicesResponse.class)))
    RegisterDevicesResponse registerBatch(Authentication authentication, @Valid @Body RegisterDevicesRequest request);
}
