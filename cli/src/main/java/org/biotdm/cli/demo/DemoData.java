package org.biotdm.cli.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.biotdm.device.sim.ReplayOptions;

/**
 * The real data sets the demo replays, from {@code ../shared/data} (see its README): the eight Suthaharan TelosB motes
 * (humidity and temperature every 5 s, with experimenters' anomaly labels), the UCI occupancy room (six sensors a
 * minute) and a slice of the AMPds2 water meter (three values a minute). Timelines are compressed so each set plays in
 * about half a minute of wall time.
 */
public final class DemoData {
    /** Speed-up of the motes: 5 s between rows becomes 5 ms. */
    static final double MOTE_SPEEDUP = 1_000;
    /** Speed-up of the minute series: 1 min between rows becomes 3 ms. */
    static final double MINUTE_SPEEDUP = 20_000;

    private DemoData() {}

    /**
     * One replay of the demo.
     *
     * @param name the data set, for messages
     * @param deviceId the device the rows become readings of
     * @param deviceType the device type registered on the ledger
     * @param options the file and its mapping
     * @param labelled whether the file carries anomaly labels (the Suthaharan motes, label in column 5)
     */
    public record Replay(String name, String deviceId, String deviceType, ReplayOptions options, boolean labelled) {}

    /**
     * Returns each replay's device type by device ID, for registering the devices.
     *
     * @param replays the replays
     * @param fallback the type of a device no replay names
     * @return the device type of a device ID
     */
    public static Function<String, String> deviceTypes(List<Replay> replays, String fallback) {
        Map<String, String> types = new HashMap<>();
        replays.forEach(r -> types.put(r.deviceId(), r.deviceType()));
        return id -> types.getOrDefault(id, fallback);
    }

    /**
     * Lists the demo's replays.
     *
     * @param data the shared data folder
     * @param rows the most rows per file for the motes and the room (0: whole files)
     * @param waterRows the most rows of the water meter (its file holds two years)
     * @return the replays
     * @throws UncheckedIOException when the mote folders cannot be listed
     */
    public static List<Replay> replays(Path data, long rows, long waterRows) {
        List<Replay> replays = new ArrayList<>();
        for (Path file : moteFiles(data)) {
            replays.add(mote(file, rows));
        }
        replays.add(room(data, rows));
        replays.add(waterMeter(data, waterRows));
        return replays;
    }

    private static Replay mote(Path file, long rows) {
        String deviceId = moteDeviceId(file.getFileName().toString());
        return new Replay(
                "Suthaharan " + file.getFileName(),
                deviceId,
                "wsn-mote",
                options(
                        file,
                        '\t',
                        List.of(),
                        null,
                        5_000,
                        deviceId,
                        List.of("3=humidity", "4=temperature"),
                        MOTE_SPEEDUP,
                        rows),
                true);
    }

    private static Replay room(Path data, long rows) {
        Path room = data.resolve("uci_occupancy/datatraining.txt");
        // Data rows start with a quoted row index the header does not name: columns by position.
        return new Replay(
                "UCI occupancy datatraining.txt",
                "uci-room-1",
                "room-sensor",
                options(
                        room,
                        ',',
                        List.of("2"),
                        "yyyy-MM-dd HH:mm:ss",
                        0,
                        "uci-room-1",
                        List.of("3=temperature", "4=humidity", "5=light", "6=co2", "7=humidity_ratio", "8=occupancy"),
                        MINUTE_SPEEDUP,
                        rows),
                false);
    }

    private static Replay waterMeter(Path data, long waterRows) {
        return new Replay(
                "AMPds2 Water_WHW.csv.gz",
                "ampds2-water-1",
                "water-meter",
                options(
                        data.resolve("ampds2/Water_WHW.csv.gz"),
                        ',',
                        List.of("unix_ts"),
                        "epoch-s",
                        0,
                        "ampds2-water-1",
                        List.of("counter", "avg_rate", "inst_rate"),
                        MINUTE_SPEEDUP,
                        waterRows),
                false);
    }

    /**
     * Names a mote's device after its file: {@code singlehop_indoor_moteid1_data.txt} → {@code
     * wsn-singlehop-indoor-1}.
     *
     * @param fileName the file name
     * @return the device ID
     */
    public static String moteDeviceId(String fileName) {
        String base = fileName.toLowerCase(Locale.ROOT).replace("_data.txt", "").replace("moteid", "");
        return "wsn-" + base.replace('_', '-');
    }

    private static List<Path> moteFiles(Path data) {
        List<Path> files = new ArrayList<>();
        for (String folder : List.of("single_hop", "multi_hop")) {
            try (Stream<Path> list = Files.list(data.resolve("suthaharan_wsn").resolve(folder))) {
                list.filter(p -> p.getFileName().toString().endsWith("_data.txt"))
                        .sorted()
                        .forEach(files::add);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot list the Suthaharan motes in " + data, e);
            }
        }
        return files;
    }

    private static ReplayOptions options(
            Path csv,
            char delimiter,
            List<String> timestampColumns,
            String timestampFormat,
            long intervalMs,
            String device,
            List<String> sensors,
            double speedup,
            long limit) {
        return new ReplayOptions(
                csv,
                delimiter,
                true,
                timestampColumns,
                timestampFormat,
                ZoneOffset.UTC,
                intervalMs,
                null,
                device,
                "",
                sensors,
                null,
                null,
                Set.of(),
                speedup,
                limit);
    }
}
