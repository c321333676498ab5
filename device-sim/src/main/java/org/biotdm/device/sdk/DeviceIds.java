package org.biotdm.device.sdk;

import java.util.regex.Pattern;

/** The chaincode's identifier rule, which device IDs must follow. */
final class DeviceIds {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private DeviceIds() {}

    static boolean valid(String id) {
        return id != null && ID.matcher(id).matches();
    }

    static String check(String id) {
        if (!valid(id)) {
            throw new IllegalArgumentException("A device ID must match [A-Za-z0-9][A-Za-z0-9._-]{0,63}: " + id);
        }
        return id;
    }
}
