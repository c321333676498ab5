package org.biotdm.gateway.alert;

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

/** Serves {@link AlertRuleOperations}; JDBC blocks, so requests run on the blocking executor. */
@Tag(name = "Alert rules")
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
class AlertRuleController implements AlertRuleOperations {
    private final AlertRuleService service;

    /**
     * Creates the controller.
     *
     * @param service the rule service
     */
    public AlertRuleController(AlertRuleService service) {
        this.service = service;
    }

    @Override
    @Secured({ApiRole.Names.ADMIN, ApiRole.Names.OPERATOR, ApiRole.Names.AUDITOR})
    public List<AlertRuleResponse> list(Authentication authentication) {
        return service.list(ApiUser.from(authentication)).stream()
                .map(AlertRuleResponse::of)
                .toList();
    }

    @Override
    @Secured(ApiRole.Names.ADMIN)
    public HttpResponse<AlertRuleResponse> create(AlertRuleRequest request, Authentication authentication) {
        AlertRule rule = service.create(ApiUser.from(authentication), request, System.currentTimeMillis());
        return HttpResponse.created(AlertRuleResponse.of(rule));
    }

    @Override
    @Secured({ApiRole.Names.ADMIN, ApiRole.Names.OPERATOR, ApiRole.Names.AUDITOR})
    public AlertRuleResponse get(String ruleId, Authentication authentication) {
        return AlertRuleResponse.of(service.get(ApiUser.from(authentication), ruleId));
    }

    @Override
    @Secured(ApiRole.Names.ADMIN)
    public AlertRuleResponse update(String ruleId, AlertRuleRequest request, Authentication authentication) {
        return AlertRuleResponse.of(
                service.update(ApiUser.from(authentication), ruleId, request, System.currentTimeMillis()));
    }

    @Override
    @Secured(ApiRole.Names.ADMIN)
    public HttpResponse<Void> delete(String ruleId, Authentication authentication) {
        service.delete(ApiUser.from(authentication), ruleId);
        return HttpResponse.noContent();
    }
}
