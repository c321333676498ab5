package org.biotdm.gateway.export;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * RFC 4180 CSV: a header line, CRLF line ends, fields quoted when they hold a comma, quote or line break. A text
 * field starting with {@code =}, {@code +}, {@code -}, {@code @}, tab or carriage return gets a leading {@code '} so
 * spreadsheets do not run it as a formula (OWASP "CSV Injection"), except a text that is a whole JSON number
 * (RFC 8259 §6), such as a numeric reading's {@code -0.5}: numbers, including negative ones, are written as they are.
 *
 * @param <T> the row type
 */
final class CsvEncoder<T> implements RowEncoder<T> {
    /** A JSON number token (RFC 8259 §6). */
    private static final Pattern NUMBER = Pattern.compile("-?(?:0|[1-9][0-9]*)(?:\\.[0-9]+)?(?:[eE][+-]?[0-9]+)?");

    private final List<String> header;
    private final Function<T, List<Object>> cells;

    /**
     * Creates the encoder.
     *
     * @param header the column names
     * @param cells a row's cells in column order (null: empty field; numbers and booleans as text)
     */
    CsvEncoder(List<String> header, Function<T, List<Object>> cells) {
        this.header = List.copyOf(header);
        this.cells = cells;
    }

    @Override
    public void begin(OutputStream out) throws IOException {
        write(out, List.copyOf(header));
    }

    @Override
    public void row(OutputStream out, T row, boolean first) throws IOException {
        write(out, cells.apply(row));
    }

    @Override
    public void end(OutputStream out) {
        // CSV has no trailer.
    }

    private static void write(OutputStream out, List<Object> fields) throws IOException {
        StringBuilder line = new StringBuilder(128);
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                line.append(',');
            }
            Object field = fields.get(i);
            if (field instanceof String text) {
                appendText(line, text);
            } else if (field != null) {
                line.append(field);
            }
        }
        line.append("\r\n");
        out.write(line.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Appends a text field, neutralised and quoted as needed.
     *
     * @param line the line
     * @param text the field
     */
    static void appendText(StringBuilder line, String text) {
        String value = text;
        if (!value.isEmpty()
                && "=+-@\t\r".indexOf(value.charAt(0)) >= 0
                && !NUMBER.matcher(value).matches()) {
            value = "'" + value;
        }
        if (value.indexOf(',') >= 0
                || value.indexOf('"') >= 0
                || value.indexOf('\n') >= 0
                || value.indexOf('\r') >= 0) {
            line.append('"').append(value.replace("\"", "\"\"")).append('"');
        } else {
            line.append(value);
        }
    }
}
