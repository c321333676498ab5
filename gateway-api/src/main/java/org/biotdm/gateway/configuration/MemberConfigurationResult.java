package org.biotdm.gateway.configuration;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * One member's outcome of a group's desired configuration: either its new desired configuration, or the catalogue
 * code (protocol/errors.md) and message it was refused with, exactly as {@code PUT /api/v1/devices/{deviceId}/
 * configuration/desired} would have answered.
 *
 * @param deviceId the member
 * @param desired the member's new desired configuration (without the document, which the request holds), or null
 *     when refused
 * @param code the refusal's catalogue code (for example {@code DEVICE_NOT_ACTIVE}), or null when set
 * @param message the refusal's message, or null when set
 */
@Serdeable
public record MemberConfigurationResult(
        String deviceId,
        @Nullable DesiredConfigurationResponse desired,
        @Nullable String code,
        @Nullable String message) {}
