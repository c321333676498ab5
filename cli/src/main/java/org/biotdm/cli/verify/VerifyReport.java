package org.biotdm.cli.verify;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.biotdm.cli.KeyValues;

/**
 * The result of verifying stored telemetry against the on-chain anchors, gathered from one or more answers of {@code
 * GET /api/v1/verify} (a long range is asked for in parts): the windows, each once, and the counts. Prints a line per
 * window and ends with {@code VERIFY windows=… ok=… mismatched=… readings=… pending=…}.
 */
public final class VerifyReport {
    /** The start of the summary line. */
    public static final String PREFIX = "VERIFY ";

    private final Map<String, JsonNode> windows = new LinkedHashMap<>();
    private final Set<String> counted = new LinkedHashSet<>();
    private long readings;

    /**
     * Adds an answer of {@code GET /api/v1/verify}. A window already added from an earlier part is not counted again;
     * the readings come from each answer's summary (readings of the windows it reports that were not reported
     * before).
     *
     * @param answer the JSON answer
     */
    public void add(JsonNode answer) {
        long duplicateReadings = 0;
        for (JsonNode window : answer.path("windows")) {
            String id = window.path("windowId").asText();
            if (counted.contains(id)) {
                duplicateReadings += window.path("leafCount").asLong();
            } else {
                counted.add(id);
                windows.put(id, window);
            }
        }
        // With a device filter the summary counts only that device's rows, which the windows do not show; parts are
        // split at window boundaries, so duplicates only occur when a window was reported twice without a filter.
        readings += Math.max(0, answer.path("summary").path("readings").asLong() - duplicateReadings);
    }

    /**
     * Returns the windows, oldest first.
     *
     * @return the windows
     */
    public List<JsonNode> windows() {
        return windows.values().stream()
                .sorted(java.util.Comparator.comparingLong(w -> w.path("window").asLong()))
                .toList();
    }

    /**
     * Counts the windows with a status.
     *
     * @param status {@code MATCH}, {@code MISMATCH}, {@code NOT_ANCHORED} or {@code OPEN}
     * @return the count
     */
    public int count(String status) {
        return (int) windows.values().stream()
                .filter(w -> status.equals(w.path("status").asText()))
                .count();
    }

    /**
     * Returns the summary.
     *
     * @return the counts
     */
    public Summary summary() {
        int pending = count("OPEN") + count("NOT_ANCHORED");
        return new Summary(windows.size(), count("MATCH"), count("MISMATCH"), readings, pending);
    }

    /**
     * Describes one window on one line: status, window ID, time range, readings and, for a mismatch, what differs.
     *
     * @param window a window of the answer
     * @return the line
     */
    public static String describe(JsonNode window) {
        StringBuilder line = new StringBuilder();
        line.append(String.format(
                "%-12s %s %s..%s leaves=%d",
                window.path("status").asText(),
                window.path("windowId").asText(),
                Instant.ofEpochMilli(window.path("startTime").asLong()),
                Instant.ofEpochMilli(window.path("endTime").asLong()),
                window.path("leafCount").asLong()));
        if (window.has("onChainLeafCount")) {
            line.append(" on-chain=").append(window.path("onChainLeafCount").asLong());
        }
        if (window.has("blockNumber")) {
            line.append(" block=").append(window.path("blockNumber").asLong());
        }
        if ("MISMATCH".equals(window.path("status").asText())) {
            line.append(" root=")
                    .append(abbreviate(window.path("recomputedRoot").asText()))
                    .append(" on-chain-root=")
                    .append(abbreviate(window.path("onChainRoot").asText()));
            for (String list : List.of("changed", "missing", "extra", "inconsistent")) {
                int size = window.path(list).size();
                if (size > 0) {
                    line.append(' ').append(list).append('=').append(size).append(readingIds(window.path(list)));
                }
            }
        }
        return line.toString();
    }

    private static String readingIds(JsonNode refs) {
        List<String> ids = new ArrayList<>();
        for (JsonNode ref : refs) {
            if (ids.size() == 5) {
                ids.add("…");
                break;
            }
            ids.add(ref.path("readingId").asText());
        }
        return ids.toString().replace(" ", "");
    }

    private static String abbreviate(String hash) {
        return hash.length() > 12 ? hash.substring(0, 12) + "…" : hash;
    }

    /**
     * The counts of a verification.
     *
     * @param windows windows reported
     * @param ok windows that match their anchor
     * @param mismatched windows that do not
     * @param readings readings checked
     * @param pending windows not sealed or not anchored yet
     */
    public record Summary(int windows, int ok, int mismatched, long readings, int pending) {

        /**
         * Returns the summary line.
         *
         * @return {@code VERIFY windows=… ok=… mismatched=… readings=… pending=…}
         */
        public String line() {
            return PREFIX + "windows=" + windows + " ok=" + ok + " mismatched=" + mismatched + " readings=" + readings
                    + " pending=" + pending;
        }

        /**
         * Reads a summary line, as printed by {@link #line()} (for scripts and the demo).
         *
         * @param line the line
         * @return the summary
         * @throws IllegalArgumentException when the line is not a summary line
         */
        public static Summary parse(String line) {
            Map<String, String> fields = KeyValues.parse(PREFIX.trim(), line);
            try {
                return new Summary(
                        Integer.parseInt(fields.get("windows")),
                        Integer.parseInt(fields.get("ok")),
                        Integer.parseInt(fields.get("mismatched")),
                        Long.parseLong(fields.get("readings")),
                        Integer.parseInt(fields.getOrDefault("pending", "0")));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Not a VERIFY line: " + line, e);
            }
        }

        /**
         * Tells whether every window matched its anchor (no mismatch, nothing pending).
         *
         * @return true when all verified
         */
        public boolean allVerified() {
            return mismatched == 0 && pending == 0 && ok == windows;
        }
    }
}
