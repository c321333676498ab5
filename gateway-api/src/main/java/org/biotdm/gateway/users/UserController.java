package org.biotdm.gateway.users;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.List;
import org.biotdm.gateway.error.ApiException;

/**
 * People of an organisation: admins create them (each gets a Fabric identity of the organisation with their role),
 * list and disable them; everyone reads and changes their own account under {@code /api/v1/users/me}.
 */
@Controller("/api/v1/users")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "users")
public class UserController {
    private final UserService users;

    /**
     * Creates the controller.
     *
     * @param users the user service
     */
    public UserController(UserService users) {
        this.users = users;
    }

    /**
     * Creates a person of the admin's organisation and enrols their Fabric identity.
     *
     * @param authentication the signed-in admin
     * @param body username, initial password and role
     * @return 201 with the person
     * @throws ApiException 400 {@code INVALID_ARGUMENT}; 409 {@code
     *     USER_EXISTS}; 502 {@code ENROLLMENT_FAILED}; 503 {@code ENROLLMENT_UNAVAILABLE}, {@code
     *     DATABASE_UNAVAILABLE}
     */
    @Post
    @Secured(ApiRole.Names.ADMIN)
    public HttpResponse<UserView> create(Authentication authentication, @Valid @Body AuthRequests.CreateUser body) {
        ApiUser admin = ApiUser.from(authentication);
        ApiRole role = ApiRole.parse(body.role()).orElse(null);
        if (role == null) {
            throw ApiException.invalid("body.role", "role must be admin, operator or auditor");
        }
        ApiUser created = users.createUser(admin, admin.mspId(), body.username(), body.password(), role);
        return HttpResponse.created(UserView.of(created));
    }

    /**
     * Lists the people of the admin's organisation.
     *
     * @param authentication the signed-in admin
     * @return the people, by username
     * @throws ApiException 503 {@code DATABASE_UNAVAILABLE}
     */
    @Get
    @Secured(ApiRole.Names.ADMIN)
    public List<UserView> list(Authentication authentication) {
        return users.list(ApiUser.from(authentication));
    }

    /**
     * Enables or disables a person of the admin's organisation.
     *
     * @param authentication the signed-in admin
     * @param username the person
     * @param body the new state
     * @return the person
     * @throws ApiException 400 {@code INVALID_ARGUMENT}; 404 {@code USER_NOT_FOUND}; 409 {@code USER_IS_SELF}; 503
     *     {@code DATABASE_UNAVAILABLE}
     */
    @Put("/{username}/enabled")
    @Secured(ApiRole.Names.ADMIN)
    public UserView setEnabled(
            Authentication authentication, @PathVariable String username, @Valid @Body AuthRequests.SetEnabled body) {
        return users.setEnabled(ApiUser.from(authentication), username, body.enabled());
    }

    /**
     * Shows the signed-in person.
     *
     * @param authentication the signed-in person
     * @return the person
     */
    @Get("/me")
    @Secured({ApiRole.Names.ADMIN, ApiRole.Names.OPERATOR, ApiRole.Names.AUDITOR})
    public UserView me(Authentication authentication) {
        return UserView.of(ApiUser.from(authentication));
    }

    /**
     * Changes the signed-in person's password and revokes their refresh tokens.
     *
     * @param authentication the signed-in person
     * @param body the current and the new password
     * @return 204
     * @throws ApiException 400 {@code INVALID_ARGUMENT}, {@code PASSWORD_MISMATCH}; 503 {@code DATABASE_UNAVAILABLE}
     */
    @Post("/me/password")
    @Secured({ApiRole.Names.ADMIN, ApiRole.Names.OPERATOR, ApiRole.Names.AUDITOR})
    public HttpResponse<Void> changePassword(
            Authentication authentication, @Valid @Body AuthRequests.ChangePassword body) {
        users.changePassword(ApiUser.from(authentication), body.currentPassword(), body.newPassword());
        return HttpResponse.noContent();
    }
}
