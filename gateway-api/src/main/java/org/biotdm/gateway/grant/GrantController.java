package org.biotdm.gateway.grant;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.biotdm.gateway.users.ApiRole;
import org.biotdm.gateway.users.ApiUser;

/** Serves {@link GrantOperations}; ledger calls block, so requests run on the blocking executor. */
@Tag(name = "Grants")
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
class GrantController implements GrantOperations {
    private final GrantService service;

    /**
     * Creates the controller.
     *
     * @param service the grants service
     */
    public GrantController(GrantService service) {
        this.service = service;
    }

    @Override
    @Secured(ApiRole.Names.ADMIN)
    public HttpResponse<GrantChangeResponse> grant(Authentication authentication, GrantRequest request) {
        return HttpResponse.created(service.grant(ApiUser.from(authentication), request));
    }

    @Override
    @Secured(ApiRole.Names.ADMIN)
    public GrantChangeResponse revoke(
            Authentication authentication, String grantId, @Nullable RevokeGrantRequest request) {
        return service.revoke(ApiUser.from(authentication), grantId, request == null ? null : request.reason());
    }

    @Override
    @Secured({ApiRole.Names.ADMIN, ApiRole.Names.AUDITOR})
    public GrantListResponse list(
            Authentication authentication,
            @Nullable String deviceId,
            @Nullable String deviceGroup,
            @Nullable Integer pageSize,
            @Nullable String bookmark) {
        return service.list(ApiUser.from(authentication), deviceId, deviceGroup, pageSize, bookmark);
    }

    @Override
    @Secured({ApiRole.Names.ADMIN, ApiRole.Names.OPERATOR, ApiRole.Names.AUDITOR})
    public List<LedgerGrant> mine(Authentication authentication) {
        return service.mine(ApiUser.from(authentication));
    }

    @Override
    @Secured({ApiRole.Names.ADMIN, ApiRole.Names.OPERATOR, ApiRole.Names.AUDITOR})
    public LedgerGrant get(Authentication authentication, String grantId) {
        return service.get(ApiUser.from(authentication), grantId);
    }
}
