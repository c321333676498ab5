package org.biotdm.gateway.device;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.model.Sort;
import java.util.List;
import org.biotdm.gateway.error.ApiException;

/**
 * The order of a device list: {@code deviceId}, {@code status}, {@code group}, {@code model} or {@code lastSeenAt},
 * ascending, or descending with a leading {@code -} ({@code -lastSeenAt}: most recently active first). Ties are broken
 * by device ID, ascending, so the order is total. In ascending order, devices without a value come first (MariaDB's
 * order of NULL); in descending order, last.
 *
 * @param property the entity property sorted by
 * @param descending whether the order is descending
 */
record DeviceSort(String property, boolean descending) {
    /** The list's order when none is asked for. */
    static final DeviceSort DEFAULT = new DeviceSort("deviceId", false);

    /** The accepted {@code sort} values without their sign, as the API names them. */
    static final List<String> NAMES = List.of("deviceId", "status", "group", "model", "lastSeenAt");

    /** The {@code sort} values the API accepts, as a regular expression. */
    static final String PATTERN = "-?(deviceId|status|group|model|lastSeenAt)";

    /**
     * Parses a {@code sort} query value.
     *
     * @param text a name from {@link #NAMES}, optionally preceded by {@code -}; null or empty for {@link #DEFAULT}
     * @return the order
     * @throws ApiException 400 {@code INVALID_ARGUMENT} naming {@code sort} for any other value
     */
    static DeviceSort parse(@Nullable String text) {
        if (text == null || text.isEmpty()) {
            return DEFAULT;
        }
        boolean descending = text.startsWith("-");
        String name = descending ? text.substring(1) : text;
        if (!NAMES.contains(name)) {
            throw ApiException.invalid(
                    "sort",
                    "sort must be one of " + String.join(", ", NAMES) + ", each with an"
                            + " optional leading - for descending order");
        }
        return new DeviceSort("group".equals(name) ? "deviceGroup" : name, descending);
    }

    /**
     * Tells whether the list is in device ID order, which pages by the last device ID (keyset) rather than by offset.
     *
     * @return true for {@code deviceId} and {@code -deviceId}
     */
    boolean byDeviceId() {
        return "deviceId".equals(property);
    }

    /**
     * Returns the order as Micronaut Data sorts.
     *
     * @return this order, then device ID ascending unless the order is by device ID
     */
    Sort toSort() {
        Sort.Order first = descending ? Sort.Order.desc(property) : Sort.Order.asc(property);
        return byDeviceId() ? Sort.of(first) : Sort.of(first, Sort.Order.asc("deviceId"));
    }
}
