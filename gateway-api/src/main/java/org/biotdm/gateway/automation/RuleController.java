package org.biotdm.gateway.automation;

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

/** Serves {@link RuleOperations}; ledger calls block, so requests run on the blocking executor. */
@Tag(name = "Automation")
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
class RuleController implements RuleOperations {
    private final RuleService service;
    private final RuleFirings firings;

    /**
     * Creates the controller.
     *
     * @param service the rules service
     * @param firings the recent firings
     */
    public RuleController(RuleService service, RuleFirings firings) {
        this.service = service;
        this.firings = firings;
    }

    @Override
    @Secured(ApiRole.Names.ADMIN)
    public HttpResponse<RuleChangeResponse> register(Authentication authentication, RuleRequest request) {
        return HttpResponse.created(service.write(ApiUser.from(authentication), null, request));
    }

    @Override
    @Secured(ApiRole.Names.ADMIN)
    public RuleChangeResponse update(Authentication authentication, String ruleId, RuleRequest request) {
        return service.write(ApiUser.from(authentication), ruleId, request);
    }

    @Override
    @Secured(ApiRole.Names.ADMIN)
    public RuleChangeResponse enable(Authentication authentication, String ruleId) {
        return service.setEnabled(ApiUser.from(authentication), ruleId, true);
    }

    @Override
    @Secured(ApiRole.Names.ADMIN)
    public RuleChangeResponse disable(Authentication authentication, String ruleId) {
        return service.setEnabled(ApiUser.from(authentication), ruleId, false);
    }

    @Override
    @Secured({ApiRole.Names.ADMIN, ApiRole.Names.OPERATOR, ApiRole.Names.AUDITOR})
    public RuleListResponse list(Authentication authentication, @Nullable Integer pageSize, @Nullable String bookmark) {
        return service.list(ApiUser.from(authentication), pageSize, bookmark);
    }

    @Override
    @Secured({ApiRole.Names.ADMIN, ApiRole.Names.OPERATOR, ApiRole.Names.AUDITOR})
    public LedgerRule get(Authentication authentication, String ruleId) {
        return service.get(ApiUser.from(authentication), ruleId);
    }

    @Override
    @Secured({ApiRole.Names.ADMIN, ApiRole.Names.OPERATOR, ApiRole.Names.AUDITOR})
    public List<RuleFirings.Firing> firings(Authentication authentication) {
        String mspId = ApiUser.from(authentication).mspId();
        return firings.recent().stream()
                .filter(f -> service.ownedBy(f.ruleId(), mspId))
                .toList();
    }
}
