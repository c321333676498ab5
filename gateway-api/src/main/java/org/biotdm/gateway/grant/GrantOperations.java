package org.biotdm.gateway.grant;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import org.biotdm.gateway.error.ErrorResponse;

/**
 * The grants API under {@code /api/v1/grants}, implemented by {@link GrantController} and extended by the tests'
 * declarative client: an admin lets one operator of their organisation (by user name) or every operator of an MSP act
 * on a device or device group of the admin's organisation, with some command types, until an expiry; revokes; lists
 * and reads grants. Grants decide which devices operators see and command. Every route needs a bearer token (401
 * {@code AUTH_REQUIRED}; 403 {@code ACCESS_DENIED} for a role it does not admit).
 */
@ApiResponse(
        responseCode = "4XX",
        description = "Refused: the one error shape; the route's description lists its codes and their statuses",
        content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
@ApiResponse(
        responseCode = "5XX",
        description = "Unavailable or unknown outcome: the one error shape, with Retry-After or the transaction ID",
        content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
interface GrantOperations {
    /**
     * Grants access ({@code GrantDeviceAccess}, signed by the calling admin).
     *
     * @param authentication the caller, an admin
     * @param request the terms: grantee (user name or MSP), device or group, command types, expiry (epoch ms)
     * @return 201 with the grant and the transaction
     * @throws org.biotdm.gateway.error.ApiException 400 {@code INVALID_ARGUMENT}
     *     (chaincode validation), 403 {@code DEVICE_ACCESS_DENIED} (another organisation's device), 404 {@code
     *     GRANT_GRANTEE_NOT_FOUND}, {@code DEVICE_NOT_FOUND}, 409 {@code GRANT_EXISTS}, 503 {@code LEDGER_UNAVAILABLE},
     *     504 {@code LEDGER_UNKNOWN_OUTCOME}
     */
    @Post("/grants")
    @ApiResponse(
            responseCode = "201",
            description = "The grant and its transaction",
            content = @Content(schema = @Schema(implementation = GrantChangeResponse.class)))
    HttpResponse<GrantChangeResponse> grant(Authentication authentication, @Valid @Body GrantRequest request);

    /**
     * Revokes a grant of the caller's organisation ({@code RevokeDeviceAccess}); it stops covering at once.
     *
     * @param authentication the caller, an admin
     * @param grantId the grant ID
     * @param request an optional reason
     * @return the revoked grant and the transaction
     * @throws org.biotdm.gateway.error.ApiException 400 {@code INVALID_ARGUMENT}, 403 {@code GRANT_ACCESS_DENIED}
     *     (another organisation's grant), 404 {@code GRANT_NOT_FOUND}, 409 {@code GRANT_REVOKED} (already revoked),
     *     503 {@code LEDGER_UNAVAILABLE}, 504 {@code LEDGER_UNKNOWN_OUTCOME}
     */
    @Post("/grants/{grantId}/revoke")
    GrantChangeResponse revoke(
            Authentication authentication,
            @PathVariable String grantId,
            @Valid @Nullable @Body RevokeGrantRequest request);

    /**
     * Lists the active grants of the caller's organisation, optionally of one device or group.
     *
     * @param authentication the caller, an admin or auditor
     * @param deviceId only grants naming this device
     * @param deviceGroup only grants naming this group
     * @param pageSize 1–200 (default 50)
     * @param bookmark the previous page's {@code bookmark}
     * @return the page
     * @throws org.biotdm.gateway.error.ApiException 400 {@code INVALID_ARGUMENT}, 503 {@code LEDGER_UNAVAILABLE}
     */
    @Get("/grants")
    GrantListResponse list(
            Authentication authentication,
            @Nullable @QueryValue String deviceId,
            @Nullable @QueryValue String deviceGroup,
            @Nullable @QueryValue @Min(1) @Max(200) Integer pageSize,
            @Nullable @QueryValue String bookmark);

    /**
     * Lists the grants in force that name the caller, so an operator sees what they may command without the
     * organisation-wide list (admins and auditors only). A grant names an operator by their Fabric ID, or every
     * operator of their organisation; grants name no admin or auditor, who get an empty list. Read from the gateway's
     * index of the ledger's grants, which a committed grant or revocation reaches at once.
     *
     * @param authentication the caller
     * @return the grants in force naming the caller, ordered by grant ID
     */
    @Get("/grants:mine")
    List<LedgerGrant> mine(Authentication authentication);

    /**
     * Reads a grant, active or revoked: admins and auditors of the granting organisation, and operators it names.
     *
     * @param authentication the caller
     * @param grantId the grant ID
     * @return the grant
     * @throws org.biotdm.gateway.error.ApiException 400 {@code INVALID_ARGUMENT}, 403 {@code GRANT_ACCESS_DENIED},
     *     404 {@code GRANT_NOT_FOUND}, 503 {@code LEDGER_UNAVAILABLE}
     */
    @Get("/grants/{grantId}")
    LedgerGrant get(Authentication authentication, @PathVariable String grantId);
}
