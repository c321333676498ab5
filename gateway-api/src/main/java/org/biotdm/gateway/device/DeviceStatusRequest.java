package org.biotdm.gateway.device;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * The body of a lifecycle change (activate, suspend, reactivate, decommission).
 *
 * @param reason why, at most 256 characters without control characters; required to suspend
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = false)
public record DeviceStatusRequest(@Nullable String reason) {}
