package org.biotdm.gateway.grant;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.biotdm.gateway.access.LedgerGrant;
import org.biotdm.gateway.users.ApiRole;
import org.biotdm.gateway.users.ApiUser;

/**
 * The grants API under {@code /api/v1/grants}: an admin lets one operator of their organisation (by user name) or every
 * operator of an MSP act on a device or device group of the admin's organisation, with some command types, until an
 * expiry; revokes; lists and reads grants. Grants decide which devices operators see and command.
 *
 * <p>Errors: 400 {@code INVALID_ARGUMENT} (bad parameters and body fields, and chaincode validation), 401 {@code
 * AUTH_REQUIRED}, 403 {@code ACCESS_DENIED} (role), {@code GRANT_ACCESS_DENIED} (another organisation's grant), {@code
 * DEVICE_ACCESS_DENIED} (another organisation's device), 404 {@code GRANT_NOT_FOUND}, {@code GRANT_GRANTEE_NOT_FOUND},
 * {@code DEVICE_NOT_FOUND}, 409 {@code GRANT_EXISTS}, {@code GRANT_REVOKED} (already revoked), 503 {@code
 * LEDGER_UNAVAILABLE}, 504 {@code LEDGER_UNKNOWN_OUTCOME}.
 */
@Tag(name = "Grants")
@Controller("/api/v1/grants")
@ExecuteOn(TaskExecutors.BLOCKING)
public class GrantController {
    private final GrantService service;

    /**
     * Creates the controller.
     *
     * @param service the grants service
     */
    public GrantController(GrantService service) {
        this.service = service;
    }

    /**
     * Grants access ({@code GrantDeviceAccess}, signed by the calling admin).
     *
     * @param authentication the caller, an admin
     * @param request the terms
     * @return 201 with the grant and the transaction
     */
    @Post
    @Secured(ApiRole.Names.ADMIN)
    public HttpResponse<GrantChangeResponse> grant(Authentication authentication, @Valid @Body GrantRequest request) {
        return HttpResponse.created(service.grant(ApiUser.from(authentication), request));
    }

    /**
     * Revokes a grant of the caller's organisation ({@code RevokeDeviceAccess}); it stops covering at once.
     *
     * @param authentication the caller, an admin
     * @param grantId the grant ID
     * @param request an optional reason
     * @return the revoked grant and the transaction
     */
    @Post("/{grantId}/revoke")
    @Secured(ApiRole.Names.ADMIN)
    public GrantChangeResponse revoke(
            Authentication authentication, @PathVariable String grantId, @Nullable @Body RevokeGrantRequest request) {
        return service.revoke(ApiUser.from(authentication), grantId, request == null ? null : request.reason());
    }

    /**
     * Lists the active grants of the caller's organisation, optionally of one device or group.
     *
     * @param authentication the caller, an admin or auditor
     * @param deviceId only grants naming this device
     * @param deviceGroup only grants naming this group
     * @param pageSize 1–200 (default 50)
     * @param bookmark the previous page's {@code bookmark}
     * @return the page
     */
    @Get
    @Secured({ApiRole.Names.ADMIN, ApiRole.Names.AUDITOR})
    public GrantListResponse list(
            Authentication authentication,
            @Nullable @QueryValue String deviceId,
            @Nullable @QueryValue String deviceGroup,
            @Nullable @QueryValue Integer pageSize,
            @Nullable @QueryValue String bookmark) {
        return service.list(ApiUser.from(authentication), deviceId, deviceGroup, pageSize, bookmark);
    }

    /**
     * Reads a grant, active or revoked: admins and auditors of the granting organisation, and operators it names.
     *
     * @param authentication the caller
     * @param grantId the grant ID
     * @return the grant
     */
    @Get("/{grantId}")
    @Secured({ApiRole.Names.ADMIN, ApiRole.Names.OPERATOR, ApiRole.Names.AUDITOR})
    public LedgerGrant get(Authentication authentication, @PathVariable String grantId) {
        return service.get(ApiUser.from(authentication), grantId);
    }
}
