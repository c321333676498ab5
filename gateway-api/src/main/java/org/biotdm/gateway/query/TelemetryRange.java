package org.biotdm.gateway.query;

import io.micronaut.core.annotation.Nullable;
import org.biotdm.gateway.error.ApiException;
import org.biotdm.protocol.name.SensorNames;

/**
 * A checked telemetry range request: device, optional sensor, reading-time range {@code [from, to)}.
 *
 * @param deviceId the device
 * @param sensor the sensor, or null for all
 * @param from start, inclusive, epoch ms
 * @param to end, exclusive, epoch ms
 */
public record TelemetryRange(String deviceId, @Nullable String sensor, long from, long to) {

    /**
     * Parses and checks the parameters.
     *
     * @param deviceId the device (already checked for access)
     * @param sensor the sensor parameter, or null
     * @param from the {@code from} parameter, or null for {@code to − defaultRangeMs}
     * @param to the {@code to} parameter, or null for now
     * @param defaultRangeMs the range length when {@code from} is absent
     * @param now the current time, epoch ms
     * @return the range
     * @throws org.biotdm.gateway.error.ApiException 400 {@code INVALID_ARGUMENT}: bad sensor name, bad time, {@code from ≥ to}
     */
    public static TelemetryRange parse(
            String deviceId,
            @Nullable String sensor,
            @Nullable String from,
            @Nullable String to,
            long defaultRangeMs,
            long now) {
        if (sensor != null && !SensorNames.isValid(sensor)) {
            throw ApiException.invalid("sensor", "sensor must be a valid sensor name: " + SensorNames.RULE);
        }
        long end = QueryParameters.time("to", to, now);
        long start = QueryParameters.time("from", from, Math.max(0, end - defaultRangeMs));
        if (start >= end) {
            throw ApiException.invalid("from", "from must be before to");
        }
        return new TelemetryRange(deviceId, sensor, start, end);
    }
}
