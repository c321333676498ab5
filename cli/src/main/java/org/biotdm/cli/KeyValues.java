package org.biotdm.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/** Reads the one-line results the commands print: {@code NAME key=value key=value …}. */
public final class KeyValues {
    private KeyValues() {}

    /**
     * Parses a result line.
     *
     * @param name the expected first word, for example {@code VERIFY}
     * @param line the line
     * @return the fields in order
     * @throws IllegalArgumentException when the line does not start with the name, a field has no {@code =}, or a key
     *     repeats
     */
    public static Map<String, String> parse(String name, String line) {
        String[] words = line.trim().split("\\s+");
        if (words.length == 0 || !words[0].equals(name)) {
            throw new IllegalArgumentException("Not a " + name + " line: " + line);
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 1; i < words.length; i++) {
            int eq = words[i].indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("Field '" + words[i] + "' of a " + name + " line has no key=value");
            }
            if (fields.put(words[i].substring(0, eq), words[i].substring(eq + 1)) != null) {
                throw new IllegalArgumentException("Field " + words[i].substring(0, eq) + " repeats in: " + line);
            }
        }
        return fields;
    }
}
