package org.biotdm.gateway.anchor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.biotdm.protocol.anchor.ReadingLeaf;

/**
 * Real readings for tests: the Suthaharan et al. single-hop WSN deployment (TelosB motes, humidity %RH and
 * temperature °C, one reading every 5 s), from {@code ../shared/data} next to the project. Each data row becomes one
 * batch of two readings of mote {@code mote-<id>}, with the value text exactly as in the file.
 */
public final class WsnReadings {
    private static final Path FILE = Path.of("..", "..", "shared", "data", "suthaharan_wsn", "single_hop", "data.csv");

    private WsnReadings() {}

    /** One data row: a batch of a humidity and a temperature reading. */
    public record Batch(String deviceId, long seq, long ts, String humidity, String temperature) {
        public List<ReadingLeaf> readings() {
            return List.of(
                    new ReadingLeaf(deviceId, seq, "humidity", ts, "N", humidity, "%RH"),
                    new ReadingLeaf(deviceId, seq, "temperature", ts, "N", temperature, "°C"));
        }
    }

    /**
     * Reads batches from the file.
     *
     * @param skip data rows to skip
     * @param count batches to return
     * @param baseTs the time of reading 1, epoch milliseconds
     * @return the batches, in file order
     */
    public static List<Batch> batches(int skip, int count, long baseTs) {
        try {
            List<String> lines = Files.readAllLines(FILE, StandardCharsets.UTF_8);
            List<Batch> batches = new ArrayList<>();
            for (String line : lines.subList(1 + skip, 1 + skip + count)) {
                String[] f = line.split(",");
                long reading = Long.parseLong(f[0].trim());
                batches.add(new Batch("mote-" + f[1].trim(), reading, baseTs + reading * 5_000, f[3], f[4]));
            }
            return batches;
        } catch (IOException e) {
            throw new UncheckedIOException("real WSN data not found at " + FILE.toAbsolutePath(), e);
        }
    }
}
