package org.biotdm.gateway.users;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.biotdm.gateway.error.ApiException;

/** Serves {@link UserOperations}; enrolment and JDBC block, so requests run on the blocking executor. */
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "users")
class UserController implements UserOperations {
    private final UserService users;

    /**
     * Creates the controller.
     *
     * @param users the user service
     */
    public UserController(UserService users) {
        this.users = users;
    }

    @Override
    @Secured(ApiRole.Names.ADMIN)
    public HttpResponse<UserView> create(Authentication authentication, AuthRequests.CreateUser body) {
        ApiUser admin = ApiUser.from(authentication);
        ApiRole role = ApiRole.parse(body.role()).orElse(null);
        if (role == null) {
            throw ApiException.invalid("body.role", "role must be admin, operator or auditor");
        }
        ApiUser created = users.createUser(admin, admin.mspId(), body.username(), body.password(), role);
        return HttpResponse.created(UserView.of(created));
    }

    @Override
    @Secured(ApiRole.Names.ADMIN)
    public List<UserView> list(Authentication authentication) {
        return users.list(ApiUser.from(authentication));
    }

    @Override
    @Secured(ApiRole.Names.ADMIN)
    public UserView setEnabled(Authentication authentication, String username, AuthRequests.SetEnabled body) {
        return users.setEnabled(ApiUser.from(authentication), username, body.enabled());
    }

    @Override
    @Secured({ApiRole.Names.ADMIN, ApiRole.Names.OPERATOR, ApiRole.Names.AUDITOR})
    public UserView me(Authentication authentication) {
        return UserView.of(ApiUser.from(authentication));
    }

    @Override
    @Secured({ApiRole.Names.ADMIN, ApiRole.Names.OPERATOR, ApiRole.Names.AUDITOR})
    public HttpResponse<Void> changePassword(Authentication authentication, AuthRequests.ChangePassword body) {
        users.changePassword(ApiUser.from(authentication), body.currentPassword(), body.newPassword());
        return HttpResponse.noContent();
    }
}
