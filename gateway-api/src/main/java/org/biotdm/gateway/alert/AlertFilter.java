package org.biotdm.gateway.alert;

import io.micronaut.core.annotation.Nullable;

/**
 * Which alerts a list or export returns; every part is optional and they combine with AND.
 *
 * @param ownerMsp only alerts of devices owned by this organisation
 * @param deviceId only this device's alerts
 * @param state only alerts in this state
 * @param severity only alerts of this severity
 * @param from only alerts raised at or after this time, epoch ms
 * @param to only alerts raised before this time, epoch ms
 */
public record AlertFilter(
        @Nullable String ownerMsp,
        @Nullable String deviceId,
        @Nullable AlertState state,
        @Nullable Severity severity,
        @Nullable Long from,
        @Nullable Long to) {}
