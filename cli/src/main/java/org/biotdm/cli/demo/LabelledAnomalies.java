package org.biotdm.cli.demo;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The anomalies the Suthaharan experimenters labelled (label 1 in the fifth column) as events: runs of consecutive
 * labelled rows. An event counts as caught when an alert of its device was raised for a reading whose time lies within
 * the event's first and last reading time.
 */
final class LabelledAnomalies {
    private LabelledAnomalies() {}

    /**
     * Finds the labelled events of a mote file among the rows that were sent.
     *
     * @param file the mote's file (tab separated, a header line, label in column 5)
     * @param rowTimes the reading time of each data row sent, in file order
     * @return the events, as reading-time spans
     * @throws IOException when the file cannot be read
     */
    public static List<Span> events(Path file, List<Long> rowTimes) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        List<Boolean> labels = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (!line.isBlank()) {
                String[] fields = line.split("\t");
                labels.add(fields.length >= 5 && "1".equals(fields[4].trim()));
            }
        }
        return spans(labels, rowTimes);
    }

    /**
     * Turns per-row labels into spans of reading times, for the rows that were sent.
     *
     * @param labels whether each data row is labelled anomalous
     * @param rowTimes the reading time of each data row sent
     * @return the spans of consecutive labelled rows
     */
    public static List<Span> spans(List<Boolean> labels, List<Long> rowTimes) {
        List<Span> spans = new ArrayList<>();
        int rows = Math.min(labels.size(), rowTimes.size());
        int start = -1;
        for (int i = 0; i <= rows; i++) {
            boolean labelled = i < rows && labels.get(i);
            if (labelled && start < 0) {
                start = i;
            } else if (!labelled && start >= 0) {
                spans.add(new Span(rowTimes.get(start), rowTimes.get(i - 1), i - start));
                start = -1;
            }
        }
        return spans;
    }

    /**
     * Counts the events with at least one alert in their span.
     *
     * @param events the events of one device
     * @param alertReadingTimes the reading times of that device's alerts
     * @return events caught
     */
    public static int caught(List<Span> events, List<Long> alertReadingTimes) {
        return (int) events.stream()
                .filter(event -> alertReadingTimes.stream().anyMatch(event::contains))
                .count();
    }

    /**
     * A labelled event: its first and last reading time and its rows.
     *
     * @param from first reading time, epoch ms
     * @param to last reading time, epoch ms
     * @param rows labelled rows in it
     */
    public record Span(long from, long to, int rows) {
        /**
         * Tells whether a reading time lies within the event.
         *
         * @param ts epoch ms
         * @return true when inside
         */
        public boolean contains(long ts) {
            return ts >= from && ts <= to;
        }
    }
}
