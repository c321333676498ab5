package org.biotdm.gateway.command;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * One page of {@code GET /api/v1/commands}, newest first.
 *
 * @param commands the commands on this page
 * @param nextCursor pass as {@code cursor} for the next page; absent on the last page
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CommandPage(
        @JsonInclude(JsonInclude.Include.ALWAYS) List<CommandResponse> commands, @Nullable String nextCursor) {}
