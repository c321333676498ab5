package org.biotdm.gateway.group;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.biotdm.gateway.error.InputRules;

/**
 * {@code POST /api/v1/groups}: a new, empty group of the caller's organisation. A cluster head must be a member, so
 * it is named with a policy change after its device joined.
 *
 * @param groupId the group ID ({@code [A-Za-z0-9][A-Za-z0-9._-]{0,63}}, not {@code ungrouped})
 * @param description free text of at most 256 characters, or null
 * @param policy the group policy
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = false)
public record CreateGroupRequest(
        @NotNull @Pattern(regexp = InputRules.ID, message = InputRules.ID_MESSAGE) String groupId,
        @Nullable @Size(max = 256) String description,
        @NotNull @Valid GroupPolicyBody policy) {}
