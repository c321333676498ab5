package org.biotdm.gateway.command;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
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
import org.biotdm.gateway.users.ApiRole;
import org.biotdm.gateway.users.ApiUser;

/**
 * Commands for people: operators issue them to devices their grants cover (the chaincode decides, signed by the
 * operator's own Fabric identity), and anyone who may see a device lists its commands and reads their state.
 */
@Tag(name = "Commands")
@Controller("/api/v1/commands")
@ExecuteOn(TaskExecutors.BLOCKING)
public class CommandsController {
    private final CommandService commands;
    private final CommandListing listing;

    /**
     * Creates the controller.
     *
     * @param commands issues and reads commands
     * @param listing lists commands
     */
    public CommandsController(CommandService commands, CommandListing listing) {
        this.commands = commands;
        this.listing = listing;
    }

    /**
     * Issues a command to a device: 201 with the command once IssueCommand committed, or 200 with the existing
     * command when the same operator repeats an identical request with the same {@code commandId}.
     *
     * <p>Errors: 400 {@code INVALID_ARGUMENT} (IDs, parameters not an object or over 8 KiB, expiry, unknown
     * fields, bad JSON); 403 {@code DEVICE_ACCESS_DENIED} (no grant covers the device),
     * {@code GRANT_REQUIRED} (the chaincode found no grant for this command type), {@code ACCESS_DENIED}; 404 {@code
     * DEVICE_NOT_FOUND}; 409 {@code COMMAND_EXISTS} (the ID is taken by other content); 403 {@code
     * DEVICE_NOT_ACTIVE}; 503 {@code LEDGER_UNAVAILABLE}, {@code DATABASE_UNAVAILABLE}; 504 {@code
     * LEDGER_UNKNOWN_OUTCOME} (repeat the same request: it is adopted or submitted again).
     *
     * @param authentication the signed-in operator
     * @param request the command
     * @return the command
     */
    @Post(consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @Secured(ApiRole.Names.OPERATOR)
    public HttpResponse<CommandResponse> issue(
            Authentication authentication, @Valid @Body IssueCommandRequest request) {
        CommandService.Issued issued = commands.issue(ApiUser.from(authentication), request);
        return HttpResponse.<CommandResponse>status(issued.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(commands.toResponse(issued.command()));
    }

    /**
     * Lists commands, newest first, of the devices the person may see.
     *
     * <p>Errors: 400 {@code INVALID_ARGUMENT} (state, cursor, limit 1–200); 403 {@code DEVICE_ACCESS_DENIED} / 404
     * {@code DEVICE_NOT_FOUND} for a {@code deviceId} the person may not see.
     *
     * @param authentication the signed-in person
     * @param deviceId only this device
     * @param state only this state (ISSUED, DELIVERED, SUCCEEDED, FAILED, REJECTED, EXPIRED)
     * @param cursor the previous page's {@code nextCursor}
     * @param limit the page size, 1–200, default 50
     * @return the page
     */
    @Get(produces = MediaType.APPLICATION_JSON)
    @Secured({ApiRole.Names.ADMIN, ApiRole.Names.OPERATOR, ApiRole.Names.AUDITOR})
    public CommandPage list(
            Authentication authentication,
            @Nullable @QueryValue String deviceId,
            @Nullable @QueryValue String state,
            @Nullable @QueryValue String cursor,
            @Nullable @QueryValue Integer limit) {
        return listing.list(ApiUser.from(authentication), deviceId, state, cursor, limit);
    }

    /**
     * Returns one command and its state.
     *
     * <p>Errors: 404 {@code COMMAND_NOT_FOUND}; 403 {@code DEVICE_ACCESS_DENIED} when the person may not see its
     * device.
     *
     * @param authentication the signed-in person
     * @param commandId the command ID
     * @return the command
     */
    @Get(uri = "/{commandId}", produces = MediaType.APPLICATION_JSON)
    @Secured({ApiRole.Names.ADMIN, ApiRole.Names.OPERATOR, ApiRole.Names.AUDITOR})
    public CommandResponse get(Authentication authentication, @PathVariable String commandId) {
        return commands.toResponse(commands.get(ApiUser.from(authentication), commandId));
    }
}
