package org.biotdm.gateway.command;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.biotdm.gateway.users.ApiRole;
import org.biotdm.gateway.users.ApiUser;

/** Serves {@link CommandsOperations}; ledger writes and JDBC block, so requests run on the blocking executor. */
@Tag(name = "Commands")
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
class CommandsController implements CommandsOperations {
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

    @Override
    @Secured(ApiRole.Names.OPERATOR)
    public HttpResponse<CommandResponse> issue(Authentication authentication, IssueCommandRequest request) {
        CommandService.Issued issued = commands.issue(ApiUser.from(authentication), request);
        return HttpResponse.<CommandResponse>status(issued.created() ? HttpStatus.CREATED : HttpStatus.OK)
                .body(commands.toResponse(issued.command()));
    }

    @Override
    @Secured({ApiRole.Names.ADMIN, ApiRole.Names.OPERATOR, ApiRole.Names.AUDITOR})
    public CommandPage list(
            Authentication authentication,
            @Nullable String deviceId,
            @Nullable String state,
            @Nullable String cursor,
            @Nullable Integer limit) {
        return listing.list(ApiUser.from(authentication), deviceId, state, cursor, limit);
    }

    @Override
    @Secured({ApiRole.Names.ADMIN, ApiRole.Names.OPERATOR, ApiRole.Names.AUDITOR})
    public CommandResponse get(Authentication authentication, String commandId) {
        return commands.toResponse(commands.get(ApiUser.from(authentication), commandId));
    }
}
