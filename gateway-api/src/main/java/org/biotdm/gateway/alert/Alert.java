package org.biotdm.gateway.alert;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;
import io.micronaut.serde.annotation.Serdeable;
import java.util.LinkedHashMap;
import java.util.Map;
import org.biotdm.gateway.db.UtcMillisConverter;

/**
 * An alert as stored and shown by the API. Stored in {@code alerts} (migrations V1 and V50) through {@link
 * AlertRepository}: kind, severity and state in upper case there, times as UTC {@code DATETIME(3)}.
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
@MappedEntity("alerts")
public record Alert(
        @Id @GeneratedValue long id,
        String deviceId,
        String ownerMsp,
        @MappedProperty(converter = UpperCaseConverter.class) String kind,
        @Nullable String ruleId,
        String sensor,
        @MappedProperty(converter = UpperCaseConverter.class) String severity,
        @MappedProperty(value = "status", converter = UpperCaseConverter.class) String state,
        String message,
        @Nullable @MappedProperty("value_num") Double value,
        long readingTs,
        @MappedProperty(converter = UtcMillisConverter.class) long createdAt,
        @MappedProperty(converter = UtcMillisConverter.class) long updatedAt,
        @Nullable @MappedProperty(converter = UtcMillisConverter.class) Long clearedAt,
        @Nullable String acknowledgedBy,
        @Nullable @MappedProperty(converter = UtcMillisConverter.class) Long acknowledgedAt,
        @Nullable String resolvedBy,
        @Nullable @MappedProperty(converter = UtcMillisConverter.class) Long resolvedAt) {

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
