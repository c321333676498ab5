package org.biotdm.protocol.name;

import java.util.regex.Pattern;

/**
 * Device IDs ({@code protocol/names.md}): the chaincode's identifier rule {@value #RULE}, because a device ID is the
 * CN of the device's certificate, a ledger key and part of composite keys.
 */
public final class DeviceIds {
    /** The rule, the chaincode's {@code Check.ID_REGEX}. */
    public static final String RULE = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";

    private static final Pattern ID = Pattern.compile(RULE);

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
}
