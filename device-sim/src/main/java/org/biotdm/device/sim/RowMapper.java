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
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.biotdm.protocol.name.DeviceIds;
import org.biotdm.protocol.name.SensorNames;
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
    private final ReplayOptions options;
    private final List<String> header;
    private final DateTimeFormatter formatter;
    private final Map<String, Long> rowsPerDevice = new HashMap<>();
    /** Which label each mapped device ID came from, to refuse a second label mapping to the same ID. */
    private final Map<String, String> labelsByDeviceId = new HashMap<>();
    /** The labels whose mapping was reported; one entry per distinct label of the file. */
    private final Set<String> reported = new HashSet<>();

    private final Consumer<String> onRenamed;

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

    RowMapper(ReplayOptions options, List<String> header, Consumer<String> onRenamed) {
        this.options = options;
        this.header = header;
        this.onRenamed = onRenamed;
        String format = options.timestampFormat();
        this.formatter =
                format == null || format.startsWith("epoch-") ? null : DateTimeFormatter.ofPattern(format, Locale.ROOT);
    }

    Row map(List<String> fields) throws RowException {
        String deviceId = deviceId(
                options.device() != null
                        ? options.device()
                        : options.devicePrefix() + field(fields, options.deviceColumn()));
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
            String label = field(fields, options.sensorColumn());
            String sensor = SensorNames.fromLabel(label);
            if (sensor == null) {
                throw new RowException("sensor label '" + label + "' leaves no sensor name (" + SensorNames.RULE + ")");
            }
            report("sensor", label, sensor);
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
            if (spec.contains("=") && !SensorNames.isValid(name)) {
                throw new RowException("sensor name '" + name + "' is not valid: " + SensorNames.RULE);
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
     * The sensor name of a wide column spec {@code COL[=NAME]}: the NAME given, else the column's header name mapped
     * by {@link SensorNames#fromLabel} (reported once when it changes), else {@code c<index>}.
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
        String sensor = SensorNames.fromLabel(name);
        if (sensor == null) {
            sensor = "c" + column;
        }
        report("sensor", name, sensor);
        return sensor;
    }

    /**
     * Maps a device label to its device ID ({@link DeviceIds#fromLabel}), reporting the mapping once.
     *
     * @throws RowException when nothing usable is left, or another label already maps to the same ID
     */
    private String deviceId(String label) throws RowException {
        String id = DeviceIds.fromLabel(label);
        if (id == null) {
            throw new RowException("device label '" + label + "' leaves no device ID (" + DeviceIds.RULE + ")");
        }
        String first = labelsByDeviceId.putIfAbsent(id, label);
        if (first != null && !first.equals(label)) {
            throw new RowException("device labels '" + first + "' and '" + label + "' both map to device ID '" + id
                    + "'; rows of the second are skipped");
        }
        report("device", label, id);
        return id;
    }

    private void report(String what, String label, String name) {
        if (!label.equals(name) && reported.add(what + '\n' + label)) {
            onRenamed.accept("RENAMED " + what + " '" + label + "' -> '" + name + "'");
        }
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
