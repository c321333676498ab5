package org.biotdm.device.sdk;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One sensor reading as the device sends and signs it, validated by the gateway's rules so that a batch the SDK
 * builds is never refused as {@code TELEMETRY_INVALID}.
 *
 * @param sensor the sensor name, {@code [A-Za-z0-9._-]{1,64}}
 * @param kind the value kind
 * @param valueText the value's canonical text: a number's JSON token exactly as it will appear in the body (for
 *     example {@code 45.90}), a state's characters, or {@code true}/{@code false}
 * @param unit the unit, 1–16 characters without {@code |} or control characters, or null for none
 * @param ts the reading time in epoch milliseconds (device clock), or {@link #NO_TS} to take the batch time; at most
 *     24 h before the batch time and not after it
 */
public record Reading(String sensor, ValueKind kind, String valueText, String unit, long ts) {
    /** The {@code ts} of a reading that takes the batch time. */
    public static final long NO_TS = Long.MIN_VALUE;

    /** The longest value text, in characters. */
    public static final int MAX_VALUE_CHARS = 64;

    /** The longest unit, in characters. */
    public static final int MAX_UNIT_CHARS = 16;

    private static final Pattern SENSOR = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern JSON_NUMBER = Pattern.compile("-?(?:0|[1-9][0-9]*)(?:\\.[0-9]+)?(?:[eE][+-]?[0-9]+)?");

    /**
     * Checks the reading.
     *
     * @throws IllegalArgumentException when a field breaks the gateway's rules (see the record's parameters)
     * @throws NullPointerException when sensor, kind or valueText is null
     */
    public Reading {
        Objects.requireNonNull(sensor, "sensor");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(valueText, "valueText");
        if (!SENSOR.matcher(sensor).matches()) {
            throw new IllegalArgumentException("A sensor name must match [A-Za-z0-9._-]{1,64}: " + sensor);
        }
        switch (kind) {
            case N -> checkNumber(valueText);
            case S -> checkText(valueText, MAX_VALUE_CHARS, "value");
            case B -> {
                if (!"true".equals(valueText) && !"false".equals(valueText)) {
                    throw new IllegalArgumentException("A boolean is true or false: " + valueText);
                }
            }
        }
        if (unit != null) {
            checkText(unit, MAX_UNIT_CHARS, "unit");
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
     * @param token a JSON number token (RFC 8259: no {@code +}, no leading zeros, no bare {@code .5}), at most 64
     *     characters, finite as a double
     * @param unit the unit or null
     * @param ts the reading time, epoch ms, or {@link #NO_TS}
     * @return the reading
     */
    public static Reading number(String sensor, String token, String unit, long ts) {
        return new Reading(sensor, ValueKind.N, token, unit, ts);
    }

    /**
     * Creates a numeric reading from a double, written as {@link Double#toString(double)} does (a valid JSON
     * number such as {@code 21.5} or {@code 1.0E-5}).
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
     * @param state 1–64 characters without {@code |} or control characters
     * @param unit the unit or null
     * @param ts the reading time, epoch ms, or {@link #NO_TS}
     * @return the reading
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
     */
    public static Reading bool(String sensor, boolean value, long ts) {
        return new Reading(sensor, ValueKind.B, Boolean.toString(value), null, ts);
    }

    /**
     * Tells whether a text is a JSON number token the gateway accepts as is.
     *
     * @param token the text
     * @return true for an RFC 8259 number of at most 64 characters that is finite as a double
     */
    public static boolean isNumberToken(String token) {
        return token != null
                && token.length() <= MAX_VALUE_CHARS
                && JSON_NUMBER.matcher(token).matches()
                && Double.isFinite(Double.parseDouble(token));
    }

    /**
     * Tells whether a text may be a state value or a unit of at most {@code maxChars} characters.
     *
     * @param text the text
     * @param maxChars 64 for values, 16 for units
     * @return true when it has 1 to {@code maxChars} code points, no {@code |}, no control character and no unpaired
     *     surrogate
     */
    public static boolean isValidText(String text, int maxChars) {
        if (text == null || text.isEmpty()) {
            return false;
        }
        int count = 0;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            if (c == '|' || Character.isISOControl(c) || Character.getType(c) == Character.SURROGATE) {
                return false;
            }
            count++;
            i += Character.charCount(c);
        }
        return count <= maxChars;
    }

    /**
     * Tells whether the reading carries its own time.
     *
     * @return false when it takes the batch time
     */
    public boolean hasTs() {
        return ts != NO_TS;
    }

    private static void checkNumber(String token) {
        if (!isNumberToken(token)) {
            throw new IllegalArgumentException("Not a finite JSON number of at most 64 characters: " + token);
        }
    }

    private static void checkText(String text, int maxChars, String what) {
        if (!isValidText(text, maxChars)) {
            throw new IllegalArgumentException(
                    "A " + what + " has 1-" + maxChars + " characters without '|' or control characters");
        }
    }
}
