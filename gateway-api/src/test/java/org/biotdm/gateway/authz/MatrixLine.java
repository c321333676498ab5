package org.biotdm.gateway.authz;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One line of an authorisation matrix file ({@code src/test/resources/authz/*.matrix}): {@code METHOD PATH BODY admin
 * operator auditor other-admin device anonymous}, each outcome cell {@code own/foreign}.
 *
 * @param source the file and line number, for messages
 * @param method the HTTP method
 * @param path the path as declared, possibly with a query string and placeholders
 * @param body the JSON body, or null
 * @param outcomes the expected outcomes by caller, in {@link Caller} order, each {own, foreign}
 */
record MatrixLine(String source, String method, String path, String body, List<String[]> outcomes) {

    /** Who calls a route. */
    enum Caller {
        ADMIN,
        OPERATOR,
        AUDITOR,
        OTHER_ADMIN,
        DEVICE,
        ANONYMOUS
    }

    /**
     * Parses a line.
     *
     * @param source the file and line number
     * @param line the text
     * @return the parsed line
     * @throws IllegalArgumentException when it has not 9 fields or a cell is not {@code x/y} of ok, 401, 403, 404
     */
    static MatrixLine parse(String source, String line) {
        String[] fields = line.trim().split("\\s+");
        if (fields.length != 9) {
            throw new IllegalArgumentException(source + ": expected 9 fields, found " + fields.length + ": " + line);
        }
        List<String[]> outcomes = new ArrayList<>();
        for (int i = 3; i < 9; i++) {
            String[] cell = fields[i].split("/");
            if (cell.length != 2 || !valid(cell[0]) || !valid(cell[1])) {
                throw new IllegalArgumentException(source + ": bad outcome cell " + fields[i]);
            }
            outcomes.add(cell);
        }
        return new MatrixLine(
                source,
                fields[0].toUpperCase(Locale.ROOT),
                fields[1],
                "-".equals(fields[2]) ? null : fields[2],
                outcomes);
    }

    /**
     * Returns the route template: the path without its query string.
     *
     * @return the template
     */
    String template() {
        int query = path.indexOf('?');
        return query < 0 ? path : path.substring(0, query);
    }

    /**
     * Returns the expected outcome.
     *
     * @param caller who calls
     * @param foreign whether the foreign variant is meant
     * @return ok, 401, 403 or 404
     */
    String expected(Caller caller, boolean foreign) {
        return outcomes.get(caller.ordinal())[foreign ? 1 : 0];
    }

    private static boolean valid(String outcome) {
        return List.of("ok", "401", "403", "404").contains(outcome);
    }
}
