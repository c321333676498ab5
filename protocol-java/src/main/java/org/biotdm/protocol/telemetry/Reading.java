package org.biotdm.protocol.telemetry;

import java.util.Objects;
import org.biotdm.protocol.name.SensorNames;

/**
 * One sensor reading as a device sends and signs it, checked against the gateway's rules so that a batch built from
 * readings is never refused as {@code TELEMETRY_INVALID}.
 *
 * @param sensor the sensor name ({@link SensorNames})
 * @param kind the value kind
 * @param valueText the value's canonical text: a number's JSON token exactly as it will appear in the body (for
 *     example {@code 45.90}), a state's characters, or {@code true}/{@code false}
 * @param unit the unit, 1–16 code points without {@code |} or control characters, or null for none
 * @param ts the reading time in epoch milliseconds (device clock), or {@link #NO_TS} to take the batch time
 */
public record Reading(String sensor, ValueKind kind, String valueText, String unit, long ts)
        implements CanonicalReading {

    /**
     * Checks the reading.
     *
     * @throws IllegalArgumentException when a field breaks the rules (see the record's parameters)
     * @throws NullPointerException when sensor, kind or valueText is null
     */
    public Reading {
        Objects.requireNonNull(sensor, "sensor");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(valueText, "valueText");
        if (!SensorNames.isValid(sensor)) {
            throw new IllegalArgumentException("Not a valid sensor name (" + SensorNames.RULE + "): " + sensor);
        }
        switch (kind) {
            case N -> checkNumber(valueText);
            case S -> checkText(valueText, TelemetryText.MAX_VALUE_CHARS, "value");
            case B -> {
                if (!"true".equals(valueText) && !"false".equals(valueText)) {
                    throw new IllegalArgumentException("A boolean is true or false: " + valueText);
                }
            }
        }
        if (unit != null) {
            checkText(unit, TelemetryText.MAX_UNIT_CHARS, "unit");
        }
        if (ts < 0 && ts != NO_TS) {
            throw new IllegalArgumentException("A reading time is a non-negative epoch millisecond: " + ts);
        }
    }

    /**
     * Creates a numeric reading from a number's text, kept exactly (so {@code 45.90} is signed and stored as {@code
     * 45.90}).
     *
     * @param sensor the sensor name
     * @param token a JSON number token ({@link TelemetryText#isNumberToken})
     * @param unit the unit or null
     * @param ts the reading time, epoch ms, or {@link #NO_TS}
     * @return the reading
     * @throws IllegalArgumentException when a field breaks the rules
     */
    public static Reading number(String sensor, String token, String unit, long ts) {
        return new Reading(sensor, ValueKind.N, token, unit, ts);
    }

    /**
     * Creates a numeric reading from a double, written as {@link Double#toString(double)} does (a valid JSON number
     * such as {@code 21.5} or {@code 1.0E-5}).
     *
     * @param sensor the sensor name
     * @param value a finite value
     * @param unit the unit or null
     * @param ts the reading time, epoch ms, or {@link #NO_TS}
     * @return the reading
     * @throws IllegalArgumentException for NaN or an infinity, which JSON cannot carry
     */
    public static Reading number(String sensor, double value, String unit, long ts) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("JSON carries finite numbers only: " + value);
        }
        return number(sensor, Double.toString(value), unit, ts);
    }

    /**
     * Creates a state reading such as {@code ON} or {@code OPEN}.
     *
     * @param sensor the sensor name
     * @param state 1–64 code points without {@code |} or control characters
     * @param unit the unit or null
     * @param ts the reading time, epoch ms, or {@link #NO_TS}
     * @return the reading
     * @throws IllegalArgumentException when a field breaks the rules
     */
    public static Reading state(String sensor, String state, String unit, long ts) {
        return new Reading(sensor, ValueKind.S, state, unit, ts);
    }

    /**
     * Creates a boolean reading.
     *
     * @param sensor the sensor name
     * @param value the value
     * @param ts the reading time, epoch ms, or {@link #NO_TS}
     * @return the reading
     * @throws IllegalArgumentException when a field breaks the rules
     */
    public static Reading bool(String sensor, boolean value, long ts) {
        return new Reading(sensor, ValueKind.B, Boolean.toString(value), null, ts);
    }

    private static void checkNumber(String token) {
        if (!TelemetryText.isNumberToken(token)) {
            throw new IllegalArgumentException("Not a finite JSON number of at most 64 characters: " + token);
        }
    }

    private static void checkText(String text, int maxChars, String what) {
        if (!TelemetryText.isCanonicalText(text, maxChars)) {
            throw new IllegalArgumentException(
                    "A " + what + " has 1-" + maxChars + " characters without '|' or control characters");
        }
    }
}
