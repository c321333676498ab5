package org.biotdm.device.sim;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * How to read a CSV file and map its columns to devices, times and readings: the flags of {@code biotdm replay}.
 * Columns ({@code COL}) are header names or 1-based indexes.
 *
 * @param csv the file ({@code .gz} is decompressed)
 * @param delimiter the field delimiter ({@code --delimiter}, default {@code ,})
 * @param header whether the first line names the columns ({@code --header}/{@code --no-header}, default true)
 * @param timestampColumns the time columns, joined by one space ({@code --timestamp-col COL[,COL]}); empty with an
 *     interval
 * @param timestampFormat a {@link java.time.format.DateTimeFormatter} pattern, {@code epoch-s} or {@code epoch-ms}
 *     ({@code --timestamp-format})
 * @param zone the zone of times without one (default UTC)
 * @param intervalMs the time between a device's rows when rows carry no time ({@code --interval-ms}), or 0
 * @param deviceColumn the column naming the device ({@code --device-col}), or null
 * @param device the one device of every row ({@code --device}), or null
 * @param devicePrefix a prefix for device IDs read from the device column (default empty)
 * @param sensorColumns the value columns of wide rows ({@code --sensors COL[=NAME],…}: NAME names the sensor, else
 *     the header name does); empty for long rows
 * @param sensorColumn the column naming the sensor in long rows ({@code --sensor-col}), or null
 * @param valueColumn the column holding the value in long rows ({@code --value-col}), or null
 * @param missing values that mark a missing reading ({@code --missing}, repeatable; {@code ""} for an empty field)
 * @param speedup how many times faster than real time to replay ({@code --speedup}); 0 sends as fast as the gateway
 *     acknowledges
 * @param limit the most data rows to read ({@code --limit}), or 0 for all
 */
public record ReplayOptions(
        Path csv,
        char delimiter,
        boolean header,
        List<String> timestampColumns,
        String timestampFormat,
        ZoneId zone,
        long intervalMs,
        String deviceColumn,
        String device,
        String devicePrefix,
        List<String> sensorColumns,
        String sensorColumn,
        String valueColumn,
        Set<String> missing,
        double speedup,
        long limit) {

    /**
     * Checks that the flags fit together.
     *
     * @throws IllegalArgumentException naming the flags in conflict
     */
    public ReplayOptions {
        Objects.requireNonNull(csv, "csv");
        timestampColumns = List.copyOf(timestampColumns);
        sensorColumns = List.copyOf(sensorColumns);
        missing = Set.copyOf(missing);
        zone = zone == null ? ZoneId.of("UTC") : zone;
        devicePrefix = devicePrefix == null ? "" : devicePrefix;
        if (timestampColumns.isEmpty() == (intervalMs <= 0)) {
            throw new IllegalArgumentException(
                    "Give either --timestamp-col (with --timestamp-format) or --interval-ms");
        }
        if (!timestampColumns.isEmpty() && (timestampFormat == null || timestampFormat.isBlank())) {
            throw new IllegalArgumentException("--timestamp-col needs --timestamp-format PATTERN|epoch-s|epoch-ms");
        }
        if ((deviceColumn == null) == (device == null)) {
            throw new IllegalArgumentException("Give either --device-col or --device");
        }
        boolean wide = !sensorColumns.isEmpty();
        boolean longRows = sensorColumn != null || valueColumn != null;
        if (wide == longRows || longRows && (sensorColumn == null || valueColumn == null)) {
            throw new IllegalArgumentException("Give either --sensors COL,... or both --sensor-col and --value-col");
        }
        if (!(speedup >= 0) || Double.isInfinite(speedup)) {
            throw new IllegalArgumentException("--speedup must be a finite number, 0 or more");
        }
        if (limit < 0) {
            throw new IllegalArgumentException("--limit must be 0 or more");
        }
    }
}
