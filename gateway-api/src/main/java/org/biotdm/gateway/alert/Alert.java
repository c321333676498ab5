package org.biotdm.gateway.alert;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An alert as stored and shown by the API.
 *
 * @param id the alert's ID
 * @param deviceId the device whose readings raised it
 * @param ownerMsp the MSP ID of the device's owner organisation
 * @param kind {@code threshold} (a rule fired) or {@code anomaly} (the anomaly detector)
 * @param ruleId the rule that fired, or null for an anomaly
 * @param sensor the sensor
 * @param severity {@code info}, {@code warning} or {@code critical}
 * @param state {@code open}, {@code acknowledged} or {@code resolved}
 * @param message what happened, for people
 * @param value the value of the reading that raised it, or null
 * @param readingTs the time of that reading, epoch ms (device clock)
 * @param createdAt when it was raised, epoch ms (gateway clock)
 * @param updatedAt last change, epoch ms
 * @param clearedAt when its condition stopped holding (a reading no longer matched), epoch ms, or null while it
 *     holds
 * @param acknowledgedBy the username who acknowledged it, or null
 * @param acknowledgedAt when, epoch ms, or null
 * @param resolvedBy the username who resolved it, or null
 * @param resolvedAt when, epoch ms, or null
 */
@Serdeable
public record Alert(
        long id,
        String deviceId,
        String ownerMsp,
        String kind,
        @Nullable String ruleId,
        String sensor,
        String severity,
        String state,
        String message,
        @Nullable Double value,
        long readingTs,
        long createdAt,
        long updatedAt,
        @Nullable Long clearedAt,
        @Nullable String acknowledgedBy,
        @Nullable Long acknowledgedAt,
        @Nullable String resolvedBy,
        @Nullable Long resolvedAt) {

    /** {@link #kind()} of an alert raised by a threshold rule. */
    public static final String KIND_THRESHOLD = "threshold";
    /** {@link #kind()} of an alert raised by the anomaly detector. */
    public static final String KIND_ANOMALY = "anomaly";

    /**
     * Returns the alert as the {@code data} of a live event.
     *
     * @param change what happened: {@code raised}, {@code cleared}, {@code acknowledged} or {@code resolved}
     * @return JSON-serialisable details (nulls left out)
     */
    public Map<String, Object> eventData(String change) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("change", change);
        data.put("alertId", id);
        data.put("kind", kind);
        if (ruleId != null) {
            data.put("ruleId", ruleId);
        }
        data.put("sensor", sensor);
        data.put("severity", severity);
        data.put("state", state);
        data.put("message", message);
        if (value != null) {
            data.put("value", value);
        }
        data.put("readingTs", readingTs);
        if (clearedAt != null) {
            data.put("clearedAt", clearedAt);
        }
        return data;
    }
}
