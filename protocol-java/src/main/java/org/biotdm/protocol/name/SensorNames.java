package org.biotdm.protocol.name;

/** Sensor names as they appear in {@code biotdm-telemetry-v1} readings ({@code protocol/names.md}). */
public final class SensorNames {
    /** The rule in words, for error messages. */
    public static final String RULE = "[A-Za-z0-9._-]{1,64}";

    /** Maximum length of a sensor name, the width of {@code telemetry.sensor}. */
    public static final int MAX_CHARS = 64;

    private SensorNames() {}

    /**
     * Tells whether a sensor name is valid as sent.
     *
     * @param name the name, may be null
     * @return true when it is valid
     */
    public static boolean isValid(String name) {
        if (name == null || name.isEmpty() || name.length() > MAX_CHARS) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '.'
                    || c == '_'
                    || c == '-';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }
}
