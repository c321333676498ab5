package org.biotdm.gateway.users;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import java.util.List;
import org.biotdm.gateway.error.ErrorResponse;

/**
 * People of an organisation under {@code /api/v1/users}, implemented by {@link UserController} and extended by the
 * tests' declarative client: admins create them (each gets a Fabric identity of the organisation with their role),
 * list and disable them; everyone reads and changes their own account under {@code /api/v1/users/me}. Every route
 * needs a bearer token (401 {@code AUTH_REQUIRED}; 403 {@code ACCESS_DENIED} for a role it does not admit).
 */
@ApiResponse(
        responseCode = "4XX",
        description = "Refused: the one error shape; the route's description lists its codes and their statuses",
        content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
@ApiResponse(
        responseCode = "5XX",
        description = "Unavailable or unknown outcome: the one error shape, with Retry-After or the transaction ID",
        content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
interface UserOperations {
    /**
     * Creates a person of the admin's organisation and enrols their Fabric identity.
     *
     * @param authentication the signed-in admin
     * @param body username, initial password and role ({@code admin}, {@code operator} or {@code auditor})
     * @return 201 with the person
     * @throws org.biotdm.gateway.error.ApiException 400 {@code INVALID_ARGUMENT}, {@code
     *     INVALID_ARGUMENT}; 409 {@code USER_EXISTS}; 502 {@code ENROLLMENT_FAILED}; 503 {@code ENROLLMENT_UNAVAILABLE},
     *     {@code DATABASE_UNAVAILABLE}
     */
    @Post("/users")
    @ApiResponse(
            responseCode = "201",
            description = "The person, created",
            content = @Content(schema = @Schema(implementation = UserView.class)))
    HttpResponse<UserView> create(Authentication authentication, @Valid @Body AuthRequests.CreateUser body);

    /**
     * Lists the people of the admin's organisation.
     *
     * @param authentication the signed-in admin
     * @return the people, by username
     * @throws org.biotdm.gateway.error.ApiException 503 {@code DATABASE_UNAVAILABLE}
     */
    @Get("/users")
    List<UserView> list(Authentication authentication);

    /**
     * Enables or disables a person of the admin's organisation; disabling also revokes their refresh tokens.
     *
     * @param authentication the signed-in admin
     * @param username the person
     * @param body the new state
     * @return the person
     * @throws org.biotdm.gateway.error.ApiException 400 {@code INVALID_ARGUMENT}; 404 {@code USER_NOT_FOUND}; 409
     *     {@code USER_IS_SELF}; 503 {@code DATABASE_UNAVAILABLE}
     */
    @Put("/users/{username}/enabled")
    UserView setEnabled(
            Authentication authentication, @PathVariable String username, @Valid @Body AuthRequests.SetEnabled body);

    /**
     * Shows the signed-in person.
     *
     * @param authentication the signed-in admin, operator or auditor
     * @return the person
     */
    @Get("/users/me")
    UserView me(Authentication authentication);

    /**
     * Changes the signed-in person's password and revokes their refresh tokens.
     *
     * @param authentication the signed-in admin, operator or auditor
     * @param body the current and the new password
     * @return 204
     * @throws org.biotdm.gateway.error.ApiException 400 {@code INVALID_ARGUMENT}, {@code PASSWORD_MISMATCH}; 503 {@code
     *     DATABASE_UNAVAILABLE}
     */
    @Post("/users/me/password")
    @ApiResponse(responseCode = "204", description = "Changed")
    HttpResponse<Void> changePassword(Authentication authentication, @Valid @Body AuthRequests.ChangePassword body);
}
