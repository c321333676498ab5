package org.biotdm.gateway.grant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The body of {@code POST /api/v1/grants/{grantId}/revoke}.
 *
 * @param reason why, at most 256 characters, or null
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = false)
public record RevokeGrantRequest(@Nullable String reason) {}
