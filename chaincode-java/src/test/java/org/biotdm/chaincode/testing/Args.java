package org.biotdm.chaincode.testing;

import java.util.LinkedHashMap;
import java.util.Map;
import org.biotdm.chaincode.support.Json;

/**
 * Builds JSON arguments for tests, fields in the order given.
 */
public final class Args {
    private Args() {}

    /** Builds a JSON object from name/value pairs; a {@code null} value leaves the field out. */
    public static String json(final Object... namesAndValues) {
        return Json.write(map(namesAndValues));
    }

    /** Builds an ordered map from name/value pairs; a {@code null} value leaves the entry out. */
    public static Map<String, Object> map(final Object... namesAndValues) {
        final Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] != null) {
                out.put((String) namesAndValues[i], namesAndValues[i + 1]);
            }
        }
        return out;
    }
}
