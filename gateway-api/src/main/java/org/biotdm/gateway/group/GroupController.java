package org.biotdm.gateway.group;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.biotdm.gateway.users.ApiRole;
import org.biotdm.gateway.users.ApiUser;

/** Serves {@link GroupOperations}; ledger calls block, so requests run on the blocking executor. */
@Tag(name = "Groups")
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
class GroupController implements GroupOperations {
    private final GroupService service;

    /**
     * Creates the controller.
     *
     * @param service the groups service
     */
    public GroupController(GroupService service) {
        this.service = service;
    }

    @Override
    @Secured(ApiRole.Names.ADMIN)
    public HttpResponse<GroupChangeResponse> create(Authentication authentication, CreateGroupRequest request) {
        return HttpResponse.created(service.create(ApiUser.from(authentication), request));
    }

    @Override
    @Secured(ApiRole.Names.ADMIN)
    public GroupChangeResponse addMember(Authentication authentication, String groupId, GroupMemberRequest request) {
        return service.member(ApiUser.from(authentication), groupId, request.deviceId(), true);
    }

    @Override
    @Secured(ApiRole.Names.ADMIN)
    public GroupChangeResponse removeMember(Authentication authentication, String groupId, String deviceId) {
        return service.member(ApiUser.from(authentication), groupId, deviceId, false);
    }

    @Override
    @Secured(ApiRole.Names.ADMIN)
    public GroupChangeResponse setPolicy(Authentication authentication, String groupId, GroupPolicyBody policy) {
        return service.setPolicy(ApiUser.from(authentication), groupId, policy);
    }

    @Override
    @Secured({ApiRole.Names.ADMIN, ApiRole.Names.OPERATOR, ApiRole.Names.AUDITOR})
    public GroupListResponse list(
            Authentication authentication, @Nullable Integer pageSize, @Nullable String bookmark) {
        return service.list(ApiUser.from(authentication), pageSize, bookmark);
    }

    @Override
    @Secured({ApiRole.Names.ADMIN, ApiRole.Names.OPERATOR, ApiRole.Names.AUDITOR})
    public LedgerGroup get(Authentication authentication, String groupId) {
        return service.get(ApiUser.from(authentication), groupId);
    }
}
