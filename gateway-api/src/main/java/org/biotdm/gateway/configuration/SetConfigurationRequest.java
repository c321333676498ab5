package org.biotdm.gateway.configuration;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;

/**
 * The body of {@code PUT /api/v1/devices/{deviceId}/configuration/desired}. Unknown fields are refused.
 *
 * @param configuration the desired configuration: a JSON object of at most 4096 bytes as canonical JSON
 *     ({@code protocol/json-v1.md}: nesting at most 32, numbers within its limits)
 * @param baseVersion the desired version the admin read (0 before the first), or absent to replace whatever is
 *     desired; when given and not the current version the request is refused with 409 {@code
 *     CONFIGURATION_VERSION_STALE}, so two admins never overwrite each other unseen
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = false)
public record SetConfigurationRequest(
        @Nullable @NotNull JsonNode configuration, @Nullable @PositiveOrZero Long baseVersion) {}
