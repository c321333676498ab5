package org.biotdm.device.sim;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.biotdm.protocol.telemetry.Reading;
import org.biotdm.protocol.telemetry.TelemetryText;
import org.biotdm.protocol.telemetry.ValueKind;

/**
 * Turns one CSV row into a device, a time and readings, following {@link ReplayOptions}; a row that does not fit
 * throws {@link RowException} with the reason, and nothing of it is used.
 *
 * <p>Header names are matched exactly, then ignoring case. When a data row has exactly one field more than the header
 * (a leading row name, as in the UCI occupancy files), names refer to the fields after the first.
 */
final class RowMapper {
    private static final Pattern DEVICE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern SENSOR_NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final ReplayOptions options;
    private final List<String> header;
    private final DateTimeFormatter formatter;
    private final Map<String, Long> rowsPerDevice = new HashMap<>();

    /** A mapped row: its time is epoch ms, or a device-relative offset with {@code --interval-ms}. */
    record Row(String deviceId, long time, List<Value> values, int missing) {}

    /** One value of a row before it gets its replay time. */
    record Value(String sensor, ValueKind kind, String text) {
        Reading at(long ts) {
            return new Reading(sensor, kind, text, null, ts);
        }
    }

    /** Why a row was skipped. */
    static final class RowException extends Exception {
        private static final long serialVersionUID = 1L;

        RowException(String reason) {
            super(reason, null, false, false);
        }
    }

    RowMapper(ReplayOptions options, List<String> header) {
        this.options = options;
        this.header = header;
        String format = options.timestampFormat();
        this.formatter =
                format == null || format.startsWith("epoch-") ? null : DateTimeFormatter.ofPattern(format, Locale.ROOT);
    }

    Row map(List<String> fields) throws RowException {
        String deviceId = options.device() != null
                ? options.device()
                : options.devicePrefix() + field(fields, options.deviceColumn());
        if (!DEVICE_ID.matcher(deviceId).matches()) {
            throw new RowException("device ID '" + deviceId + "' is not [A-Za-z0-9][A-Za-z0-9._-]{0,63}");
        }
        long time;
        if (options.intervalMs() > 0) {
            time = rowsPerDevice.merge(deviceId, 1L, Long::sum) - 1;
            time = Math.multiplyExact(time, options.intervalMs());
        } else {
            List<String> parts = new ArrayList<>();
            for (String column : options.timestampColumns()) {
                parts.add(field(fields, column));
            }
            time = parseTime(String.join(" ", parts));
        }
        List<Value> values = new ArrayList<>();
        int missing = 0;
        if (options.sensorColumns().isEmpty()) {
            String sensor = field(fields, options.sensorColumn());
            if (!SENSOR_NAME.matcher(sensor).matches()) {
                throw new RowException("sensor name '" + sensor + "' is not [A-Za-z0-9._-]{1,64}");
            }
            String text = field(fields, options.valueColumn());
            if (options.missing().contains(text)) {
                missing++;
            } else {
                values.add(value(sensor, text, options.valueColumn()));
            }
        } else {
            for (String spec : options.sensorColumns()) {
                String column = columnOf(spec);
                String text = field(fields, column);
                if (options.missing().contains(text)) {
                    missing++;
                } else {
                    values.add(value(sensorName(spec), text, column));
                }
            }
        }
        return new Row(deviceId, time, values, missing);
    }

    private String field(List<String> fields, String column) throws RowException {
        int index = index(column, fields.size());
        if (index >= fields.size()) {
            throw new RowException(
                    "the row has " + fields.size() + " fields, column " + column + " is field " + (index + 1));
        }
        return fields.get(index);
    }

    /** Returns the 0-based index of a column in a row of {@code width} fields. */
    private int index(String column, int width) throws RowException {
        int named = headerIndex(column);
        if (named >= 0) {
            return width == header.size() + 1 ? named + 1 : named;
        }
        try {
            int oneBased = Integer.parseInt(column);
            if (oneBased >= 1) {
                return oneBased - 1;
            }
        } catch (NumberFormatException e) {
            // not an index either
        }
        throw new RowException("no column " + column);
    }

    private int headerIndex(String column) {
        int exact = header.indexOf(column);
        if (exact >= 0) {
            return exact;
        }
        for (int i = 0; i < header.size(); i++) {
            if (header.get(i).equalsIgnoreCase(column)) {
                return i;
            }
        }
        return -1;
    }

    /** Checks that every named column exists; throws with the first unknown one. */
    void checkColumns() throws RowException {
        List<String> columns = new ArrayList<>(options.timestampColumns());
        for (String spec : options.sensorColumns()) {
            columns.add(columnOf(spec));
            String name = spec.substring(columnOf(spec).length()).replaceFirst("^=", "");
            if (spec.contains("=") && !SENSOR_NAME.matcher(name).matches()) {
                throw new RowException("sensor name '" + name + "' is not [A-Za-z0-9._-]{1,64}");
            }
        }
        for (String column : new String[] {options.deviceColumn(), options.sensorColumn(), options.valueColumn()}) {
            if (column != null) {
                columns.add(column);
            }
        }
        for (String column : columns) {
            if (headerIndex(column) < 0 && !column.matches("[1-9][0-9]*")) {
                throw new RowException("no column " + column + (header.isEmpty() ? " (no header)" : " in " + header));
            }
        }
    }

    /** The column of a {@code COL[=NAME]} sensor spec. */
    private static String columnOf(String spec) {
        int equals = spec.indexOf('=');
        return equals < 0 ? spec : spec.substring(0, equals);
    }

    /**
     * The sensor name of a wide column spec {@code COL[=NAME]}: the NAME given, else the column's header name made
     * safe ({@code [A-Za-z0-9._-]}, others become {@code _}), else {@code c<index>}.
     */
    String sensorName(String spec) {
        int equals = spec.indexOf('=');
        if (equals >= 0) {
            return spec.substring(equals + 1);
        }
        String column = spec;
        int named = headerIndex(column);
        String name = named >= 0 ? header.get(named) : null;
        if (name == null && column.matches("[1-9][0-9]*")) {
            int index = Integer.parseInt(column) - 1;
            name = index < header.size() ? header.get(index) : "c" + column;
        }
        String safe = name.replaceAll("[^A-Za-z0-9._-]", "_");
        return safe.isEmpty() ? "c" + column : safe.length() > 64 ? safe.substring(0, 64) : safe;
    }

    private static Value value(String sensor, String text, String column) throws RowException {
        if (text.isEmpty()) {
            throw new RowException("empty value in column " + column + " (--missing '' treats it as missing)");
        }
        if (TelemetryText.isNumberToken(text)) {
            return new Value(sensor, ValueKind.N, text);
        }
        String number = lenientNumber(text);
        if (number != null) {
            return new Value(sensor, ValueKind.N, number);
        }
        if ("true".equals(text) || "false".equals(text)) {
            return new Value(sensor, ValueKind.B, text);
        }
        if (TelemetryText.isCanonicalText(text, TelemetryText.MAX_VALUE_CHARS)) {
            return new Value(sensor, ValueKind.S, text);
        }
        throw new RowException("value '" + abbreviate(text) + "' in column " + column
                + " is neither a number nor a state (1-64 characters without '|')");
    }

    /** Numbers JSON does not allow as written ({@code +3}, {@code .5}, {@code 1.}, {@code 007}), in JSON form. */
    private static String lenientNumber(String text) {
        if (!text.matches("[+-]?[0-9]*\\.?[0-9]*([eE][+-]?[0-9]+)?") || !text.matches(".*[0-9].*")) {
            return null;
        }
        try {
            String normal = new BigDecimal(text).toString();
            return TelemetryText.isNumberToken(normal) ? normal : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private long parseTime(String text) throws RowException {
        try {
            switch (options.timestampFormat()) {
                case "epoch-s" -> {
                    return new BigDecimal(text)
                            .movePointRight(3)
                            .setScale(0, RoundingMode.FLOOR)
                            .longValueExact();
                }
                case "epoch-ms" -> {
                    return new BigDecimal(text).setScale(0, RoundingMode.FLOOR).longValueExact();
                }
                default -> {
                    TemporalAccessor parsed = formatter.parseBest(
                            text, ZonedDateTime::from, OffsetDateTime::from, LocalDateTime::from, LocalDate::from);
                    if (parsed instanceof ZonedDateTime zoned) {
                        return zoned.toInstant().toEpochMilli();
                    }
                    if (parsed instanceof OffsetDateTime offset) {
                        return offset.toInstant().toEpochMilli();
                    }
                    if (parsed instanceof LocalDateTime local) {
                        return local.atZone(options.zone()).toInstant().toEpochMilli();
                    }
                    return ((LocalDate) parsed)
                            .atStartOfDay(options.zone())
                            .toInstant()
                            .toEpochMilli();
                }
            }
        } catch (DateTimeException | ArithmeticException | NumberFormatException e) {
            throw new RowException("time '" + abbreviate(text) + "' does not match " + options.timestampFormat());
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…" : text;
    }
}
