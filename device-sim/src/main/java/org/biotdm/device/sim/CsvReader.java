package org.biotdm.device.sim;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits delimited text into fields, one physical line per record: RFC 4180 quoting ({@code "a,b"}, {@code ""} for a
 * quote inside quotes), unquoted fields trimmed of surrounding blanks, a trailing carriage return dropped. A quoted
 * field cannot span lines; an unterminated quote makes the line unparseable.
 */
final class CsvReader {
    private final BufferedReader in;
    private final char delimiter;
    private long lineNumber;

    CsvReader(BufferedReader in, char delimiter) {
        this.in = in;
        this.delimiter = delimiter;
    }

    /** The line number (1-based) of the line the last {@link #next()} returned. */
    long lineNumber() {
        return lineNumber;
    }

    /**
     * Reads the next line.
     *
     * @return the line's text, or null at the end of the input
     */
    String next() throws IOException {
        String line = in.readLine();
        if (line != null) {
            lineNumber++;
        }
        return line;
    }

    /**
     * Splits a line.
     *
     * @return the fields
     * @throws IllegalArgumentException for an unterminated quote or text right after a closing quote
     */
    List<String> split(String line) {
        List<String> fields = new ArrayList<>();
        int i = 0;
        int length = line.length();
        while (true) {
            while (i < length && line.charAt(i) == ' ' && delimiter != ' ') {
                i++;
            }
            if (i < length && line.charAt(i) == '"') {
                StringBuilder field = new StringBuilder();
                i++;
                while (true) {
                    if (i >= length) {
                        throw new IllegalArgumentException("unterminated quoted field");
                    }
                    char c = line.charAt(i++);
                    if (c == '"') {
                        if (i < length && line.charAt(i) == '"') {
                            field.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        field.append(c);
                    }
                }
                while (i < length && line.charAt(i) == ' ' && delimiter != ' ') {
                    i++;
                }
                if (i < length && line.charAt(i) != delimiter) {
                    throw new IllegalArgumentException("text after a closing quote");
                }
                fields.add(field.toString());
            } else {
                int end = line.indexOf(delimiter, i);
                String raw = end < 0 ? line.substring(i) : line.substring(i, end);
                fields.add(raw.strip());
                i = end < 0 ? length : end;
            }
            if (i >= length) {
                return fields;
            }
            i++;
            if (i == length) {
                fields.add("");
                return fields;
            }
        }
    }
}
