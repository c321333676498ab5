package org.biotdm.gateway.query;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * One stored reading.
 *
 * @param id the reading's ID ({@code GET /api/v1/readings/{id}/proof} proves it)
 * @param sensor the sensor
 * @param ts the reading time, epoch ms (device clock)
 * @param value the numeric value (booleans 1/0), or null for a state string
 * @param valueText the value exactly as the device signed it
 * @param kind {@code N} number, {@code S} state string, {@code B} boolean
 * @param unit the unit, or null
 * @param receivedAt when the gateway committed it, epoch ms (gateway clock)
 */
@Serdeable
public record TelemetryPoint(
        long id,
        String sensor,
        long ts,
        @Nullable Double value,
        String valueText,
        String kind,
        @Nullable String unit,
        long receivedAt) {}
