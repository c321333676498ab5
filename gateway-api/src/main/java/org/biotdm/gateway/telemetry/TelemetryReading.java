package org.biotdm.gateway.telemetry;

/**
 * One reading of a batch, as the device signed it.
 *
 * @param sensor the sensor name, {@code [A-Za-z0-9._-]{1,64}}
 * @param kind the value kind
 * @param valueText the value's canonical text: a number's JSON token exactly as sent (for example {@code 45.90} or
 *     {@code 1e3}), a string's characters, or {@code true}/{@code false}; at most 64 characters
 * @param valueNumber the value as a double for numbers, 1 or 0 for booleans, {@link Double#NaN} for strings
 * @param unit the unit, 1 to 16 characters, or null when the reading has none
 * @param ts the reading time in epoch milliseconds (device clock), or {@link #NO_TS} when the reading has none and
 *     takes the batch time
 */
public record TelemetryReading(
        String sensor, ValueKind kind, String valueText, double valueNumber, String unit, long ts) {

    /** The {@code ts} of a reading that carries no time of its own. */
    public static final long NO_TS = Long.MIN_VALUE;

    /**
     * Tells whether the reading carries its own time.
     *
     * @return false when it takes the batch time
     */
    public boolean hasTs() {
        return ts != NO_TS;
    }
}
