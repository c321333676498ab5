package org.biotdm.gateway.automation;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.biotdm.gateway.error.InputRules;

/**
 * A rule's action as the API takes it: issue {@code commandType} with {@code parameters} (a JSON object, stored on the
 * ledger as canonical JSON text of at most 1024 bytes) to one device or to every member of one group.
 *
 * @param commandType the command type
 * @param parameters the parameters object, or null for {@code {}}
 * @param deviceId the target device, or null
 * @param groupId the target group, or null
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RuleActionBody(
        @NotNull @Pattern(regexp = InputRules.ID, message = InputRules.ID_MESSAGE) String commandType,
        @Nullable JsonNode parameters,
        @Nullable @Pattern(regexp = InputRules.ID, message = InputRules.ID_MESSAGE) String deviceId,
        @Nullable @Pattern(regexp = InputRules.ID, message = InputRules.ID_MESSAGE) String groupId) {}
