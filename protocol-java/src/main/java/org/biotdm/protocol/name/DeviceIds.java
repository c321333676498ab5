package org.biotdm.protocol.name;

import java.text.Normalizer;
import java.util.regex.Pattern;

/**
 * Device IDs ({@code protocol/names.md}, rule {@code biotdm-names-v1}): the chaincode's identifier rule {@value
 * #RULE}, kept strict because a device ID is the CN of the device's certificate, a ledger key and part of composite
 * keys, and appears unquoted in paths and window IDs.
 */
public final class DeviceIds {
    /** The rule, the chaincode's {@code Check.ID_REGEX}. */
    public static final String RULE = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";

    /** Maximum length of a device ID. */
    public static final int MAX_CHARS = 64;

    private static final Pattern ID = Pattern.compile(RULE);
    private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern OTHERS = Pattern.compile("[^A-Za-z0-9._-]+");
    private static final Pattern LEADING = Pattern.compile("^[._-]+");
    private static final Pattern TRAILING_DASHES = Pattern.compile("-+$");

    private DeviceIds() {}

    /**
     * Tells whether a device ID is valid.
     *
     * @param id the ID, may be null
     * @return true when it matches {@value #RULE}
     */
    public static boolean isValid(String id) {
        return id != null && ID.matcher(id).matches();
    }

    /**
     * Checks a device ID.
     *
     * @param id the ID
     * @return the ID
     * @throws IllegalArgumentException when it does not match {@value #RULE}
     */
    public static String check(String id) {
        if (!isValid(id)) {
            throw new IllegalArgumentException("A device ID must match " + RULE + ": " + id);
        }
        return id;
    }

    /**
     * Maps a device label from a data file (for example {@code Conference Room} or {@code Küche 2}) to a device ID: a
     * valid ID stays as it is; otherwise the label is decomposed (NFKD) and its combining marks dropped ({@code ü} →
     * {@code u}), every run of other characters outside {@code [A-Za-z0-9._-]} becomes one {@code -}, leading {@code
     * .}, {@code _} and {@code -} and trailing {@code -} are removed, and the result is cut to {@value #MAX_CHARS}
     * characters. Different labels can map to the same ID; callers that map many labels must check for that.
     *
     * @param label the label, may be null
     * @return the valid device ID, or null when nothing usable is left
     */
    public static String fromLabel(String label) {
        if (label == null || isValid(label)) {
            return label;
        }
        String ascii = COMBINING_MARKS
                .matcher(Normalizer.normalize(label, Normalizer.Form.NFKD))
                .replaceAll("");
        String id = LEADING.matcher(OTHERS.matcher(ascii).replaceAll("-")).replaceAll("");
        id = TRAILING_DASHES.matcher(id).replaceAll("");
        if (id.length() > MAX_CHARS) {
            id = TRAILING_DASHES.matcher(id.substring(0, MAX_CHARS)).replaceAll("");
        }
        return isValid(id) ? id : null;
    }
}
