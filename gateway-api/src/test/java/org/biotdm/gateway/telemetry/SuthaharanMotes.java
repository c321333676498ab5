package org.biotdm.gateway.telemetry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Real TelosB mote readings (Suthaharan et al., ISSNIP 2010) from {@code ../shared/data/suthaharan_wsn}, relative to
 * the project root: humidity (%RH) and temperature (°C), one sample every 5 s, kept as the exact text of the file so
 * the JSON number tokens the tests send are the values the motes reported.
 */
public final class SuthaharanMotes {
    /** The project root's sibling {@code shared/data}, seen from the module directory. */
    private static final Path DATA = Path.of("..", "..", "shared", "data", "suthaharan_wsn");

    /**
     * One sample of a mote.
     *
     * @param humidity relative humidity, %RH, as written in the file
     * @param temperature temperature, °C, as written in the file
     */
    public record Sample(String humidity, String temperature) {}

    private SuthaharanMotes() {}

    /**
     * Reads the samples of a single-hop mote.
     *
     * @param file for example {@code singlehop_indoor_moteid1_data.txt}
     * @return the samples in file order
     */
    public static List<Sample> singleHop(String file) {
        Path path = DATA.resolve("single_hop").resolve(file);
        try {
            List<Sample> samples = new ArrayList<>();
            List<String> lines = Files.readAllLines(path, StandardCharsets.UTF_8);
            for (String line : lines.subList(1, lines.size())) {
                String[] fields = line.trim().split("\t");
                if (fields.length >= 4) {
                    samples.add(new Sample(fields[2].trim(), fields[3].trim()));
                }
            }
            return samples;
        } catch (IOException e) {
            throw new UncheckedIOException("Suthaharan data not found at " + path.toAbsolutePath(), e);
        }
    }
}
