package org.biotdm.gateway.configuration;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotNull;

/**
 * The body of {@code PUT /api/v1/groups/{groupId}/configuration/desired}. Unknown fields are refused, {@code
 * baseVersion} among them: each member has its own desired version, so a group has no one version to compare.
 *
 * @param configuration the desired configuration of every member: a JSON object of at most 4096 bytes as canonical
 *     JSON ({@code protocol/json-v1.md}: nesting at most 32, numbers within its limits)
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = false)
public record SetGroupConfigurationRequest(@Nullable @NotNull JsonNode configuration) {}
