package org.biotdm.device.sim;

import java.util.List;

/**
 * The outcome of a replay.
 *
 * @param devices how many devices received at least one reading
 * @param rows data rows read (blank lines and the header are not rows)
 * @param readings readings handed to the devices
 * @param skipped rows that could not be parsed, none of whose values were sent
 * @param missing values equal to a {@code --missing} marker, not sent
 * @param acked readings the gateway acknowledged
 * @param skippedRows the first skipped rows with their line numbers and reasons (at most {@value #MAX_DETAILS})
 */
public record ReplayReport(
        long devices, long rows, long readings, long skipped, long missing, long acked, List<SkippedRow> skippedRows) {
    /** How many skipped rows are kept with their reasons. */
    public static final int MAX_DETAILS = 1000;

    /**
     * A row that could not be parsed.
     *
     * @param line its 1-based line number in the file
     * @param reason why
     */
    public record SkippedRow(long line, String reason) {}

    /**
     * Returns the summary line {@code REPLAY devices=… rows=… readings=… skipped=… missing=… acked=…}.
     *
     * @return the line
     */
    public String summaryLine() {
        return "REPLAY devices=" + devices + " rows=" + rows + " readings=" + readings + " skipped=" + skipped
                + " missing=" + missing + " acked=" + acked;
    }
}
