package org.biotdm.gateway.alert;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The labelled Suthaharan et al. WSN readings (TelosB motes, humidity %RH and temperature °C every 5 s) from {@code
 * ../shared/data/suthaharan_wsn/<deployment>/data.csv}, as the telemetry tests find them: per mote, the rows in file
 * order with their anomaly label (1: an event the experimenters introduced). Values are kept as the file's text.
 */
final class LabelledMotes {
    private static final Path DATA = Path.of("..", "..", "shared", "data", "suthaharan_wsn");

    /** The two deployments. */
    static final List<String> DEPLOYMENTS = List.of("single_hop", "multi_hop");

    /**
     * One row: one humidity and one temperature reading of a mote.
     *
     * @param reading the row's reading number in the file
     * @param humidity relative humidity, %RH, as written
     * @param temperature temperature, °C, as written
     * @param anomalous the label
     */
    record Row(int reading, String humidity, String temperature, boolean anomalous) {}

    private LabelledMotes() {}

    /**
     * Reads a deployment's motes.
     *
     * @param deployment {@code single_hop} or {@code multi_hop}
     * @return mote ID to its rows in file order, motes in file order
     */
    static Map<String, List<Row>> read(String deployment) {
        Path file = DATA.resolve(deployment).resolve("data.csv");
        try {
            Map<String, List<Row>> motes = new LinkedHashMap<>();
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split(",");
                motes.computeIfAbsent(f[1].trim(), k -> new ArrayList<>())
                        .add(new Row(Integer.parseInt(f[0].trim()), f[3].trim(), f[4].trim(), "1".equals(f[5].trim())));
            }
            return motes;
        } catch (IOException e) {
            throw new UncheckedIOException("Suthaharan data not found at " + file.toAbsolutePath(), e);
        }
    }
}
