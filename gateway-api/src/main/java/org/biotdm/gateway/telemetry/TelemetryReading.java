package org.biotdm.gateway.telemetry;

import org.biotdm.protocol.telemetry.CanonicalReading;
import org.biotdm.protocol.telemetry.ValueKind;

/**
 * One reading of a batch, as the device signed it, with its value as a number for storage and alerts. The canonical
 * encoding ({@link org.biotdm.protocol.telemetry.CanonicalTelemetry}) reads it through {@link CanonicalReading}.
 *
 * @param sensor the sensor name ({@link org.biotdm.protocol.name.SensorNames})
 * @param kind the value kind
 * @param valueText the value's canonical text: a number's JSON token exactly as sent (for example {@code 45.90} or
 *     {@code 1e3}), a string's characters, or {@code true}/{@code false}; at most 64 characters
 * @param valueNumber the value as a double for numbers, 1 or 0 for booleans, {@link Double#NaN} for strings
 * @param unit the unit, 1 to 16 characters, or null when the reading has none
 * @param ts the reading time in epoch milliseconds (device clock), or {@link #NO_TS} when the reading has none and
 *     takes the batch time
 */
public record TelemetryReading(
        String sensor, ValueKind kind, String valueText, double valueNumber, String unit, long ts)
        implements CanonicalReading {}
