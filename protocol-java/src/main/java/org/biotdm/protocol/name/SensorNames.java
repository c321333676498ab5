package org.biotdm.protocol.name;

import java.text.Normalizer;

/**
 * Sensor names ({@code protocol/names.md}, rule {@code biotdm-names-v1}): the names devices sign in {@code
 * biotdm-telemetry-v1} readings, written as received into the canonical line and the leaf.
 *
 * <p>A name is valid when it has 1 to {@value #MAX_CHARS} Unicode code points (the width of the {@code sensor} columns,
 * {@code VARCHAR(64)} in {@code utf8mb4}, which counts code points), is in Unicode Normalization Form C (UAX #15), has
 * no control character (U+0000–U+001F, U+007F–U+009F), no line or paragraph separator (U+2028, U+2029), no {@code |},
 * no unpaired surrogate, and neither begins nor ends with a space (U+0020). Every name of the earlier rule {@code
 * [A-Za-z0-9._-]{1,64}} is valid and signs the same bytes. Real labels such as {@code Temperature (°C)} or {@code
 * PT08.S1(CO)} are valid as they are.
 */
public final class SensorNames {
    /** The rule in words, for error messages. */
    public static final String RULE =
            "1-64 characters in Unicode NFC, no '|', no control characters, no space at" + " either end";

    /** Maximum length of a sensor name in code points. */
    public static final int MAX_CHARS = 64;

    private static final char REPLACEMENT = '_';

    private SensorNames() {}

    /**
     * Tells whether a sensor name is valid as sent.
     *
     * @param name the name, may be null
     * @return true when it follows the rule described on the class
     */
    public static boolean isValid(String name) {
        if (name == null || name.isEmpty() || name.charAt(0) == ' ' || name.charAt(name.length() - 1) == ' ') {
            return false;
        }
        int codePoints = 0;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (isForbidden(c)) {
                return false;
            }
            if (Character.isHighSurrogate(c) && i + 1 < name.length() && Character.isLowSurrogate(name.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
            if (++codePoints > MAX_CHARS) {
                return false;
            }
        }
        return isAscii(name) || Normalizer.isNormalized(name, Normalizer.Form.NFC);
    }

    /**
     * Maps a label from a data file (a CSV header or a sensor column's value) to a sensor name: a valid name stays as
     * it is; otherwise the label is NFC-normalised, every forbidden character ({@code |}, a control character, a line
     * or paragraph separator, an unpaired surrogate) becomes {@code _}, spaces at either end are removed, and the
     * result is cut to {@value #MAX_CHARS} code points.
     *
     * @param label the label, may be null
     * @return the valid sensor name, or null when nothing usable is left (a null, empty or blank label)
     */
    public static String fromLabel(String label) {
        if (label == null || isValid(label)) {
            return label;
        }
        String normal = Normalizer.normalize(label, Normalizer.Form.NFC);
        StringBuilder name = new StringBuilder(normal.length());
        for (int i = 0; i < normal.length(); i++) {
            char c = normal.charAt(i);
            boolean pair = Character.isHighSurrogate(c)
                    && i + 1 < normal.length()
                    && Character.isLowSurrogate(normal.charAt(i + 1));
            if (pair) {
                name.append(c).append(normal.charAt(++i));
            } else {
                name.append(isForbidden(c) || Character.isSurrogate(c) ? REPLACEMENT : c);
            }
        }
        String trimmed = cut(name.toString().strip(), MAX_CHARS).strip();
        return trimmed.isEmpty() ? null : trimmed;
    }

    private static boolean isForbidden(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '|' || c == '\u2028' || c == '\u2029';
    }

    private static boolean isAscii(String name) {
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private static String cut(String text, int maxCodePoints) {
        return text.codePointCount(0, text.length()) <= maxCodePoints
                ? text
                : text.substring(0, text.offsetByCodePoints(0, maxCodePoints));
    }
}
