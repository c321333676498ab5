package org.biotdm.gateway.configuration;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * One member's configuration state within its group's: desired vs reported and drift, or the catalogue code
 * (protocol/errors.md) its own {@code GET /api/v1/devices/{deviceId}/configuration} answers, for example {@code
 * CONFIGURATION_NOT_FOUND} before any desired configuration or {@code DEVICE_ACCESS_DENIED} for an operator without a
 * grant on it.
 *
 * @param deviceId the member
 * @param state the member's state, or null when its read was refused
 * @param code the refusal's catalogue code, or null
 * @param message the refusal's message, or null
 */
@Serdeable
public record MemberConfigurationState(
        String deviceId, @Nullable ConfigurationResponse state, @Nullable String code, @Nullable String message) {}
