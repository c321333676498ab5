package org.biotdm.gateway.group;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.biotdm.gateway.error.ErrorResponse;
import org.biotdm.gateway.error.InputRules;

/**
 * The device groups API under {@code /api/v1/groups}, implemented by {@link GroupController} and extended by the tests'
 * declarative client: an admin creates a group of their organisation, adds and removes member devices and changes the
 * group policy (command types, firmware channel, cluster head, co-endorsement by grant holders); everyone of the
 * organisation reads. Every route needs a bearer token (401 {@code AUTH_REQUIRED}; 403 {@code ACCESS_DENIED} for a
 * role it does not admit or another organisation's group).
 */
@ApiResponse(
        responseCode = "4XX",
        description = "Refused: the one error shape; the route's description lists its codes and their statuses",
        content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
@ApiResponse(
        responseCode = "5XX",
        description = "Unavailable or unknown outcome: the one error shape, with Retry-After or the transaction ID",
        content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
interface GroupOperations {
    /**
     * Creates an empty group ({@code CreateGroup}, signed by the calling admin).
     *
     * @param authentication the caller, an admin
     * @param request the group ID, description and policy
     * @return 201 with the group and the transaction
     * @throws org.biotdm.gateway.error.ApiException 400 {@code INVALID_ARGUMENT}, 409 {@code GROUP_EXISTS}, {@code
     *     GROUP_MEMBERSHIP_CONFLICT} (a cluster head that is no member), 503 {@code LEDGER_UNAVAILABLE}, 504 {@code
     *     LEDGER_UNKNOWN_OUTCOME}
     */
    @Post("/groups")
    @ApiResponse(
            responseCode = "201",
            description = "The group and its transaction",
            content = @Content(schema = @Schema(implementation = GroupChangeResponse.class)))
    HttpResponse<GroupChangeResponse> create(Authentication authentication, @Valid @Body CreateGroupRequest request);

    /**
     * Adds a device of the group's organisation ({@code AddGroupMember}); its {@code group} becomes the group ID.
     *
     * @param authentication the caller, an admin of the group's organisation
     * @param groupId the group
     * @param request the device
     * @return the group and the transaction
     * @throws org.biotdm.gateway.error.ApiException 400 {@code INVALID_ARGUMENT}, 404 {@code GROUP_NOT_FOUND}, {@code
     *     DEVICE_NOT_FOUND}, 409 {@code GROUP_MEMBERSHIP_CONFLICT}, {@code DEVICE_DECOMMISSIONED}, 503 {@code
     *     LEDGER_UNAVAILABLE}, 504 {@code LEDGER_UNKNOWN_OUTCOME}
     */
    @Post("/groups/{groupId}/members")
    GroupChangeResponse addMember(
            Authentication authentication,
            @PathVariable @Pattern(regexp = InputRules.ID, message = InputRules.ID_MESSAGE) String groupId,
            @Valid @Body GroupMemberRequest request);

    /**
     * Removes a member ({@code RemoveGroupMember}); its {@code group} becomes {@code ungrouped}.
     *
     * @param authentication the caller, an admin of the group's organisation
     * @param groupId the group
     * @param deviceId the member
     * @return the group and the transaction
     * @throws org.biotdm.gateway.error.ApiException 400 {@code INVALID_ARGUMENT}, 404 {@code GROUP_NOT_FOUND}, {@code
     *     DEVICE_NOT_FOUND}, 409 {@code GROUP_MEMBERSHIP_CONFLICT} (no member, or the cluster head), 503 {@code
     *     LEDGER_UNAVAILABLE}, 504 {@code LEDGER_UNKNOWN_OUTCOME}
     */
    @Delete("/groups/{groupId}/members/{deviceId}")
    GroupChangeResponse removeMember(
            Authentication authentication,
            @PathVariable @Pattern(regexp = InputRules.ID, message = InputRules.ID_MESSAGE) String groupId,
            @PathVariable @Pattern(regexp = InputRules.ID, message = InputRules.ID_MESSAGE) String deviceId);

    /**
     * Replaces the group policy ({@code SetGroupPolicy}), endorsed by the owner and, when the current policy says so,
     * by the organisations holding grants on the group.
     *
     * @param authentication the caller, an admin of the group's organisation
     * @param groupId the group
     * @param policy the new policy
     * @return the group and the transaction
     * @throws org.biotdm.gateway.error.ApiException 400 {@code INVALID_ARGUMENT}, 404 {@code GROUP_NOT_FOUND}, 409
     *     {@code GROUP_MEMBERSHIP_CONFLICT}, 502 {@code LEDGER_TRANSACTION_INVALID} (a co-endorsement is missing), 503 {@code
     *     LEDGER_UNAVAILABLE}, 504 {@code LEDGER_UNKNOWN_OUTCOME}
     */
    @Put("/groups/{groupId}/policy")
    GroupChangeResponse setPolicy(
            Authentication authentication,
            @PathVariable @Pattern(regexp = InputRules.ID, message = InputRules.ID_MESSAGE) String groupId,
            @Valid @Body GroupPolicyBody policy);

    /**
     * Lists the caller's organisation's groups.
     *
     * @param authentication the caller
     * @param pageSize 1–200 (default 50)
     * @param bookmark the previous page's {@code bookmark}
     * @return the page
     * @throws org.biotdm.gateway.error.ApiException 400 {@code INVALID_ARGUMENT}, 503 {@code LEDGER_UNAVAILABLE}
     */
    @Get("/groups")
    GroupListResponse list(
            Authentication authentication,
            @Nullable @QueryValue @Min(1) @Max(200) Integer pageSize,
            @Nullable @QueryValue String bookmark);

    /**
     * Reads a group of the caller's organisation.
     *
     * @param authentication the caller
     * @param groupId the group
     * @return the group
     * @throws org.biotdm.gateway.error.ApiException 400 {@code INVALID_ARGUMENT}, 404 {@code GROUP_NOT_FOUND}, 503
     *     {@code LEDGER_UNAVAILABLE}
     */
    @Get("/groups/{groupId}")
    LedgerGroup get(
            Authentication authentication,
            @PathVariable @Pattern(regexp = InputRules.ID, message = InputRules.ID_MESSAGE) String groupId);
}
