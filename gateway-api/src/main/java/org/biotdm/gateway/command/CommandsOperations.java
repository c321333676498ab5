package org.biotdm.gateway.command;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
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
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.biotdm.gateway.config.AtMostSetting;
import org.biotdm.gateway.config.SettingBound;
import org.biotdm.gateway.error.ErrorResponse;

/**
 * Commands for people under {@code /api/v1/commands}, implemented by {@link CommandsController} and extended by the
 * tests' declarative client: operators issue commands to devices their grants cover (the chaincode decides, signed
 * by the operator's own Fabric identity), and anyone who may see a device lists its commands and reads their state.
 * Every route needs a bearer token (401 {@code AUTH_REQUIRED}; 403 {@code ACCESS_DENIED} for a role it does not
 * admit).
 */
@ApiResponse(
        responseCode = "4XX",
        description = "Refused: the one error shape; the route's description lists its codes and their statuses",
        content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
@ApiResponse(
        responseCode = "5XX",
        description = "Unavailable or unknown outcome: the one error shape, with Retry-After or the transaction ID",
        content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
interface CommandsOperations {
    /** The states a list may filter by: every {@link CommandState} but the gateway-internal {@code ISSUING}. */
    String STATES = "ISSUED|DELIVERED|SUCCEEDED|FAILED|REJECTED|EXPIRED";

    /**
     * Issues a command to a device: 201 with the command once {@code IssueCommand} committed, or 200 with the existing
     * command when the same operator repeats an identical request with the same {@code commandId}.
     *
     * @param authentication the signed-in operator
     * @param request the command: optional client-chosen ID, device, type, parameters (a JSON object of at most 8 KiB)
     *     and expiry (epoch milliseconds)
     * @return 201 or 200 with the command
     * @throws org.biotdm.gateway.error.ApiException 400 {@code INVALID_ARGUMENT} (IDs, parameters not an object or
     *     over 8 KiB, expiry), {@code REQUEST_MALFORMED} (unknown fields, bad JSON), {@code DEVICE_NOT_ACTIVE}; 403
     *     {@code DEVICE_ACCESS_DENIED} (no grant covers the device), {@code GRANT_REQUIRED} (the chaincode found no
     *     grant for this command type); 404 {@code DEVICE_NOT_FOUND}; 409 {@code COMMAND_EXISTS} (the ID is taken by
     *     other content); 503 {@code LEDGER_UNAVAILABLE}, {@code DATABASE_UNAVAILABLE}; 504 {@code
     *     LEDGER_UNKNOWN_OUTCOME} (repeat the same request: it is adopted or submitted again)
     */
    @Post(uri = "/commands", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @ApiResponse(
            responseCode = "201",
            description = "The command, issued (200: the same request repeated)",
            content = @Content(schema = @Schema(implementation = CommandResponse.class)))
    HttpResponse<CommandResponse> issue(Authentication authentication, @Valid @Body IssueCommandRequest request);

    /**
     * Lists commands, newest first, of the devices the person may see.
     *
     * @param authentication the signed-in admin, operator or auditor
     * @param deviceId only this device
     * @param state only this state ({@code ISSUED}, {@code DELIVERED}, {@code SUCCEEDED}, {@code FAILED}, {@code
     *     REJECTED}, {@code EXPIRED})
     * @param cursor the previous page's {@code nextCursor}
     * @param limit the page size, 1–200, default 50
     * @return the page
     * @throws org.biotdm.gateway.error.ApiException 400 {@code INVALID_ARGUMENT} (state, cursor, limit); 403 {@code
     *     DEVICE_ACCESS_DENIED}, 404 {@code DEVICE_NOT_FOUND} for a {@code deviceId} the person may not see; 503
     *     {@code DATABASE_UNAVAILABLE}
     */
    @Get(uri = "/commands", produces = MediaType.APPLICATION_JSON)
    CommandPage list(
            Authentication authentication,
            @Nullable @QueryValue String deviceId,
            @Nullable @QueryValue @Pattern(regexp = STATES, message = "must be one of " + STATES) String state,
            @Nullable @QueryValue String cursor,
            @Nullable @QueryValue @Min(1) @AtMostSetting(SettingBound.COMMAND_PAGE_SIZE) Integer limit);

    /**
     * Returns one command and its state.
     *
     * @param authentication the signed-in admin, operator or auditor
     * @param commandId the command ID
     * @return the command
     * @throws org.biotdm.gateway.error.ApiException 404 {@code COMMAND_NOT_FOUND}; 403 {@code DEVICE_ACCESS_DENIED}
     *     when the person may not see its device; 503 {@code DATABASE_UNAVAILABLE}
     */
    @Get(uri = "/commands/{commandId}", produces = MediaType.APPLICATION_JSON)
    CommandResponse get(Authentication authentication, @PathVariable String commandId);
}
