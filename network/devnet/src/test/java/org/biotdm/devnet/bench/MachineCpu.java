package org.biotdm.devnet.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The machine's CPU counters from the first line of Linux's {@code /proc/stat}, to show how busy the whole machine
 * was during a measurement (other engineers' builds included).
 */
final class MachineCpu {
    private static final Path STAT = Path.of("/proc/stat");

    private MachineCpu() {}

    /**
     * Reads the counters.
     *
     * @return {busy ticks, total ticks}, or zeros where {@code /proc/stat} is unreadable
     */
    static long[] read() {
        try {
            String line = Files.readAllLines(STAT).get(0);
            long[] fields = Arrays.stream(line.substring("cpu".length()).trim().split("\\s+"))
                    .mapToLong(Long::parseLong)
                    .toArray();
            long total = 0;
            for (int i = 0; i < Math.min(fields.length, 8); i++) {
                total += fields[i];
            }
            // idle (3) and iowait (4) are not busy time; guest times (8, 9) are already in user time.
            long busy = total - fields[3] - fields[4];
            return new long[] {busy, total};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }

    /**
     * Returns how many cores were busy on average between two readings.
     *
     * @param before the earlier reading
     * @param after the later reading
     * @return busy cores, 0 when unknown
     */
    static double busyCores(long[] before, long[] after) {
        long total = after[1] - before[1];
        if (total <= 0) {
            return 0;
        }
        return (after[0] - before[0]) / (double) total * Runtime.getRuntime().availableProcessors();
    }
}
