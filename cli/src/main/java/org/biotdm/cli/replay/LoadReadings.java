package org.biotdm.cli.replay;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.biotdm.protocol.telemetry.Reading;

/**
 * Generated readings for load and benchmarks, shaped like the bundled real data (the UCI occupancy room: temperature
 * in °C with two decimals, relative humidity in %, light in lx, CO2 in ppm, and occupancy as a state {@code
 * OCCUPIED}/{@code EMPTY}). Values follow a small random walk within each sensor's real range; each row of five
 * readings shares one reading time, one millisecond after the previous row. Each device uses its own generator
 * (not thread-safe).
 */
public final class LoadReadings {
    /** The sensors of a row, in order. */
    static final List<String> SENSORS = List.of("temperature", "humidity", "light", "co2", "occupancy");

    private static final int POOL = 1024;
    private final String[][] pools = new String[SENSORS.size() - 1][POOL];
    private final SplittableRandom random;
    private int next;
    private long lastTs;

    /**
     * Creates a generator.
     *
     * @param seed the random seed, for example the device's index
     */
    public LoadReadings(long seed) {
        this.random = new SplittableRandom(seed);
        double temperature = 19 + random.nextDouble() * 4;
        double humidity = 20 + random.nextDouble() * 15;
        double light = random.nextDouble() * 500;
        double co2 = 420 + random.nextDouble() * 300;
        for (int i = 0; i < POOL; i++) {
            temperature = clamp(temperature + random.nextDouble(-0.05, 0.05), 19, 24.5);
            humidity = clamp(humidity + random.nextDouble(-0.1, 0.1), 16, 40);
            light = clamp(light + random.nextDouble(-10, 10), 0, 1700);
            co2 = clamp(co2 + random.nextDouble(-5, 5), 400, 2100);
            pools[0][i] = String.format(Locale.ROOT, "%.2f", temperature);
            pools[1][i] = String.format(Locale.ROOT, "%.3f", humidity);
            pools[2][i] = String.format(Locale.ROOT, "%.1f", light);
            pools[3][i] = String.format(Locale.ROOT, "%.1f", co2);
        }
    }

    private static double clamp(double value, double min, double max) {
        return Math.max(min, Math.min(max, value));
    }

    /**
     * Returns the next readings: whole rows of the five sensors (the last row may be cut short), reading times
     * strictly after those of the previous call and not after {@code nowMillis} unless rows would otherwise repeat a
     * time.
     *
     * @param count how many readings, 1 or more
     * @param nowMillis the current time, epoch ms
     * @return the readings
     * @throws IllegalArgumentException when {@code count} is less than 1
     */
    public List<Reading> next(int count, long nowMillis) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be 1 or more: " + count);
        }
        int rows = (count + SENSORS.size() - 1) / SENSORS.size();
        long ts = Math.max(lastTs + 1, nowMillis - rows + 1);
        List<Reading> readings = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int sensor = i % SENSORS.size();
            if (i > 0 && sensor == 0) {
                ts++;
            }
            readings.add(reading(sensor, ts));
        }
        lastTs = ts;
        return readings;
    }

    private Reading reading(int sensor, long ts) {
        int index = next++ & (POOL - 1);
        return switch (sensor) {
            case 0 -> Reading.number("temperature", pools[0][index], "C", ts);
            case 1 -> Reading.number("humidity", pools[1][index], "%", ts);
            case 2 -> Reading.number("light", pools[2][index], "lx", ts);
            case 3 -> Reading.number("co2", pools[3][index], "ppm", ts);
            default -> Reading.state("occupancy", random.nextInt(4) == 0 ? "OCCUPIED" : "EMPTY", null, ts);
        };
    }
}
