package org.biotdm.gateway.device;

import io.micronaut.serde.annotation.Serdeable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The fleet at a glance, {@code GET /api/v1/devices:counts}: the devices the caller may see, by lifecycle status and
 * by connectivity.
 *
 * @param total all of them
 * @param byStatus per {@link DeviceStatus} name (every status present, zero included), in lifecycle order
 * @param online those active within {@code biotdm.connectivity.inactivity-timeout}
 * @param offline the others, never heard from included
 */
@Serdeable
public record DeviceCountsResponse(long total, Map<String, Long> byStatus, long online, long offline) {
    /** The counts of an empty fleet. */
    static final DeviceCountsResponse NONE = new DeviceCountsResponse(0, zeros(), 0, 0);

    /**
     * Copies the map, keeping its order.
     *
     * @param total all devices
     * @param byStatus per status
     * @param online online devices
     * @param offline offline devices
     */
    public DeviceCountsResponse {
        byStatus = Collections.unmodifiableMap(new LinkedHashMap<>(byStatus));
    }

    private static Map<String, Long> zeros() {
        Map<String, Long> zeros = new LinkedHashMap<>();
        for (DeviceStatus status : DeviceStatus.values()) {
            zeros.put(status.name(), 0L);
        }
        return zeros;
    }
}
