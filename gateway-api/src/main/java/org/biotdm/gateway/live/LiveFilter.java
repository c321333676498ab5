package org.biotdm.gateway.live;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.Set;

/**
 * A client's subscription, sent as a text message on {@code /ws/events}: {@code {"deviceIds":["d-17"],
 * "types":["command","alert"]}}. An absent or empty list means "all" (still only devices the person may see); each
 * new message replaces the previous filter. Unknown fields are refused.
 *
 * @param deviceIds only these devices (at most 1000)
 * @param types only these event types ({@code telemetry}, {@code alert}, {@code device}, {@code command},
 *     {@code connectivity}, {@code configuration}, {@code firmware})
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = false)
record LiveFilter(@Nullable List<String> deviceIds, @Nullable List<String> types) {
    /** The filter letting everything through. */
    public static final LiveFilter ALL = new LiveFilter(null, null);

    /** The largest number of device IDs in one filter. */
    public static final int MAX_DEVICES = 1000;

    /** The event types a filter may name. */
    public static final Set<String> TYPES =
            Set.of("telemetry", "alert", "device", "command", "connectivity", "configuration", "firmware");

    /**
     * Tells whether an event passes.
     *
     * @param event the event
     * @return true when its device and type are wanted
     */
    public boolean accepts(LiveEvent event) {
        return (deviceIds == null || deviceIds.isEmpty() || deviceIds.contains(event.deviceId()))
                && (types == null || types.isEmpty() || types.contains(event.type()));
    }

    /**
     * Checks sizes and type names.
     *
     * @return an explanation when the filter is not acceptable, or null when it is
     */
    @Nullable
    public String problem() {
        if (deviceIds != null && (deviceIds.size() > MAX_DEVICES || deviceIds.contains(null))) {
            return "deviceIds must hold at most " + MAX_DEVICES + " device IDs";
        }
        if (types != null && (types.contains(null) || !TYPES.containsAll(types))) {
            return "types must be among " + TYPES;
        }
        return null;
    }
}
