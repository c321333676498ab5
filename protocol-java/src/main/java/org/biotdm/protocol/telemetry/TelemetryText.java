package org.biotdm.protocol.telemetry;

import java.util.regex.Pattern;

/**
 * The rules a reading's value and unit follow in {@code biotdm-telemetry-v1}, shared by the device SDK (so a batch it
 * builds is never refused) and the gateway (which refuses with {@code TELEMETRY_INVALID}). Characters are counted as
 * Unicode code points.
 */
public final class TelemetryText {
    /** Maximum code points of a value (and characters of a number token), the width of {@code telemetry.value_text}. */
    public static final int MAX_VALUE_CHARS = 64;

    /** Maximum code points of a unit, the width of {@code telemetry.unit}. */
    public static final int MAX_UNIT_CHARS = 16;

    private static final Pattern JSON_NUMBER = Pattern.compile("-?(?:0|[1-9][0-9]*)(?:\\.[0-9]+)?(?:[eE][+-]?[0-9]+)?");

    private TelemetryText() {}

    /**
     * Tells whether a text may be a string value or a unit: 1 to {@code maxChars} code points, no control character
     * (C0, DEL, C1), no {@code |}, no unpaired surrogate. The {@code |} and control-character rules keep the line-based
     * canonical encoding unambiguous.
     *
     * @param text the text, may be null
     * @param maxChars {@link #MAX_VALUE_CHARS} for values, {@link #MAX_UNIT_CHARS} for units
     * @return true when it is allowed
     */
    public static boolean isCanonicalText(String text, int maxChars) {
        if (text == null || text.isEmpty()) {
            return false;
        }
        int length = text.length();
        int codePoints = 0;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '|') {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 == length || !Character.isLowSurrogate(text.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
            codePoints++;
        }
        return codePoints <= maxChars;
    }

    /**
     * Tells whether a text is a JSON number token the gateway accepts as is.
     *
     * @param token the text, may be null
     * @return true for an RFC 8259 §6 number (no {@code +}, no leading zeros, no bare {@code .5}) of at most {@value
     *     #MAX_VALUE_CHARS} characters that is finite as a double
     */
    public static boolean isNumberToken(String token) {
        return token != null
                && token.length() <= MAX_VALUE_CHARS
                && JSON_NUMBER.matcher(token).matches()
                && Double.isFinite(Double.parseDouble(token));
    }
}
