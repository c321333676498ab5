package org.biotdm.cli.devices;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the CSV file of {@code devices import} (RFC 4180 quoting, UTF-8, through Jackson's CSV reader). The first row
 * names the columns, in any order:
 *
 * <ul>
 *   <li>{@code deviceId}, {@code deviceType}, {@code group}: required, each {@code [A-Za-z0-9][A-Za-z0-9._-]{0,63}};
 *   <li>{@code model}: {@code <manufacturer MSP>/<name>}; empty or absent: {@code <the importing MSP>/<deviceType>};
 *   <li>{@code firmwareVersion}: the factory firmware; empty or absent: {@value #DEFAULT_FIRMWARE};
 *   <li>{@code meta.<key>}: one metadata entry per column (empty cells left out), at most {@value #MAX_METADATA}.
 * </ul>
 *
 * <p>Another column name refuses the whole file (a typo would silently drop data). A row breaking a rule, or
 * repeating an earlier row's {@code deviceId}, is refused by itself with {@code INVALID_ARGUMENT} and its line number,
 * as the gateway would refuse it, so one bad row never fails a batch of good ones.
 */
public final class DeviceCsv {
    /** The firmware version of a row that gives none. */
    public static final String DEFAULT_FIRMWARE = "1.0.0";
    /** Most metadata entries of one device (the chaincode's bound). */
    public static final int MAX_METADATA = 32;
    /** Metadata columns start with this. */
    public static final String META_PREFIX = "meta.";

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Set<String> COLUMNS = Set.of("deviceId", "deviceType", "group", "model", "firmwareVersion");
    private static final List<String> REQUIRED = List.of("deviceId", "deviceType", "group");

    private DeviceCsv() {}

    /**
     * One device of the file.
     *
     * @param line the row's line number in the file, from 1 (the header is line 1)
     * @param deviceId the device ID
     * @param deviceType the device type
     * @param model the model
     * @param firmwareVersion the factory firmware version
     * @param group the device group
     * @param metadata the metadata entries, in column order
     */
    public record Row(
            long line,
            String deviceId,
            String deviceType,
            String model,
            String firmwareVersion,
            String group,
            Map<String, String> metadata) {}

    /**
     * A row refused before anything was sent.
     *
     * @param line its line number
     * @param deviceId its device ID as written (may be empty)
     * @param code the catalogue code, {@code INVALID_ARGUMENT}
     * @param message what is wrong, naming the column
     */
    public record Refusal(long line, String deviceId, String code, String message) {}

    /**
     * The rows of a file.
     *
     * @param rows the valid rows, in file order
     * @param refusals the refused rows, in file order
     */
    public record Content(List<Row> rows, List<Refusal> refusals) {}

    /** The file itself cannot be used: unreadable, no header, a missing or unknown column. */
    public static final class FileException extends IOException {
        private static final long serialVersionUID = 1L;

        FileException(String message) {
            super(message);
        }
    }

    /**
     * Reads a file.
     *
     * @param file the CSV file
     * @param mspId the importing organisation, for the default model
     * @return its rows and refusals
     * @throws FileException when the header is missing, lacks a required column or names an unknown one
     * @throws IOException when it cannot be read or is not CSV
     */
    public static Content read(Path file, String mspId) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(reader, mspId, file.toString());
        }
    }

    /**
     * Reads CSV text.
     *
     * @param reader the text
     * @param mspId the importing organisation, for the default model
     * @param name the file's name, for messages
     * @return its rows and refusals
     * @throws FileException when the header is missing, lacks a required column or names an unknown one
     * @throws IOException when it is not CSV
     */
    public static Content read(Reader reader, String mspId, String name) throws IOException {
        CsvMapper mapper = new CsvMapper().enable(CsvParser.Feature.WRAP_AS_ARRAY);
        try (MappingIterator<String[]> lines = mapper.readerFor(String[].class).readValues(reader)) {
            if (!lines.hasNextValue()) {
                throw new FileException(name + " is empty: the first row must name the columns");
            }
            List<String> header = header(lines.nextValue());
            checkHeader(header, name);
            List<Row> rows = new ArrayList<>();
            List<Refusal> refusals = new ArrayList<>();
            Map<String, Long> seen = new HashMap<>();
            while (lines.hasNextValue()) {
                long line = lines.getCurrentLocation().getLineNr();
                String[] cells = lines.nextValue();
                if (cells.length == 1 && cells[0].isBlank()) {
                    continue;
                }
                Object parsed = row(line, header, cells, mspId, seen);
                if (parsed instanceof Row row) {
                    rows.add(row);
                } else {
                    refusals.add((Refusal) parsed);
                }
            }
            return new Content(rows, refusals);
        }
    }

    /** The header's names, without the byte order mark spreadsheet programs put before the first one. */
    private static List<String> header(String[] names) {
        List<String> header = new ArrayList<>(List.of(names));
        if (!header.isEmpty()) {
            header.set(0, header.get(0).replaceFirst("^\uFEFF", ""));
        }
        return header;
    }

    private static void checkHeader(List<String> header, String name) throws FileException {
        for (String required : REQUIRED) {
            if (!header.contains(required)) {
                throw new FileException(name + ": the first row names no column " + required + " (required: "
                        + String.join(", ", REQUIRED) + ")");
            }
        }
        for (String column : header) {
            if (!COLUMNS.contains(column) && !column.startsWith(META_PREFIX)) {
                throw new FileException(name + ": unknown column " + column + " (known: deviceId, deviceType, group,"
                        + " model, firmwareVersion, meta.<key>)");
            }
        }
        if (header.stream().distinct().count() != header.size()) {
            throw new FileException(name + ": a column is named twice in the first row");
        }
    }

    /** Returns the row, or its refusal. */
    private static Object row(long line, List<String> header, String[] cells, String mspId, Map<String, Long> seen) {
        Map<String, String> values = new HashMap<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String value = i < cells.length ? cells[i].strip() : "";
            String column = header.get(i);
            if (column.startsWith(META_PREFIX)) {
                if (!value.isEmpty()) {
                    metadata.put(column.substring(META_PREFIX.length()), value);
                }
            } else {
                values.put(column, value);
            }
        }
        String deviceId = values.get("deviceId");
        String problem = cells.length > header.size()
                ? "has " + cells.length + " cells, the header " + header.size()
                : problem(values, metadata);
        if (problem == null && seen.containsKey(deviceId)) {
            problem = "deviceId repeats line " + seen.get(deviceId);
        }
        if (problem != null) {
            return new Refusal(line, deviceId, "INVALID_ARGUMENT", problem);
        }
        seen.put(deviceId, line);
        String deviceType = values.get("deviceType");
        return new Row(
                line,
                deviceId,
                deviceType,
                orDefault(values.get("model"), mspId + "/" + deviceType),
                orDefault(values.get("firmwareVersion"), DEFAULT_FIRMWARE),
                values.get("group"),
                metadata);
    }

    private static String problem(Map<String, String> values, Map<String, String> metadata) {
        for (String column : REQUIRED) {
            if (!ID.matcher(values.get(column)).matches()) {
                return column + " must match " + ID.pattern();
            }
        }
        if (metadata.size() > MAX_METADATA) {
            return "has " + metadata.size() + " metadata entries, at most " + MAX_METADATA;
        }
        return null;
    }

    private static String orDefault(String value, String otherwise) {
        return value == null || value.isEmpty() ? otherwise : value;
    }
}
