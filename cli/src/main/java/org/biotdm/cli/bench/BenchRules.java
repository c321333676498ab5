package org.biotdm.cli.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.biotdm.cli.ApiSession;

/**
 * The automation rules {@code biotdm bench ingest --rules N} registers between its two measured windows
 * (docs/automation.md), and the figures it compares. Rule {@code i} watches sensor {@code i mod 5} of the generated
 * readings ({@link org.biotdm.cli.replay.LoadReadings}) on device {@code i mod devices}; every other rule (even
 * {@code i}) matches every reading ({@code >= -1e9}) and so fires once, then waits out its one-hour cooldown, and the
 * others never match ({@code >= 1e9}), so the measured window sees the evaluation cost of all of them and at most one
 * ledger command per matching rule.
 */
final class BenchRules {
    private static final List<String> SENSORS = List.of("temperature", "humidity", "light", "co2", "occupancy");
    private static final String COMMAND_TYPE = "bench-noop";
    private static final Duration COOLDOWN = Duration.ofHours(1);

    private BenchRules() {}

    /**
     * Returns how many of {@code rules} rules match every reading.
     *
     * @param rules the rules registered, 0 or more
     * @return {@code ceil(rules / 2)}
     */
    static int matching(int rules) {
        return (rules + 1) / 2;
    }

    /**
     * Returns the body of {@code POST /api/v1/automation/rules} for rule {@code index}.
     *
     * @param index the rule's index, 0 or more
     * @param deviceId the device its condition names and its action commands
     * @param run a tag that keeps rule IDs unique across runs on one ledger, {@code [a-z0-9]}
     * @return the request body
     */
    static Map<String, Object> request(int index, String deviceId, String run) {
        String threshold = index % 2 == 0 ? "-1000000000" : "1000000000";
        return Map.of(
                "ruleId",
                "bench-" + run + "-" + index,
                "description",
                "bench ingest --rules",
                "condition",
                Map.of(
                        "kind",
                        "metric",
                        "sensor",
                        SENSORS.get(index % SENSORS.size()),
                        "comparison",
                        ">=",
                        "threshold",
                        threshold,
                        "deviceId",
                        deviceId),
                "action",
                Map.of("commandType", COMMAND_TYPE, "parameters", Map.of("index", index), "deviceId", deviceId),
                "cooldownSeconds",
                COOLDOWN.toSeconds());
    }

    /**
     * Registers the rules, one ledger transaction each, on the devices {@code String.format(idFormat, i)}.
     *
     * @param admin the owner organisation's admin
     * @param rules how many
     * @param devices how many devices, 1 or more
     * @param idFormat the devices' ID format, for example {@code bench-%05d}
     * @throws org.biotdm.cli.ApiClient.ApiError when the gateway refuses a rule
     * @throws IOException when the gateway cannot be reached
     * @throws InterruptedException when interrupted
     */
    static void register(ApiSession admin, int rules, int devices, String idFormat)
            throws IOException, InterruptedException {
        String run = Long.toString(System.currentTimeMillis(), 36);
        for (int i = 0; i < rules; i++) {
            admin.post("/api/v1/automation/rules", request(i, String.format(Locale.ROOT, idFormat, i % devices), run));
        }
    }

    /**
     * One measured window: readings acknowledged and the gateway JVM's CPU time spent meanwhile.
     *
     * @param readings readings acknowledged in the window
     * @param seconds the window's length, s
     * @param cpuNanos the gateway process's CPU time (user + system) over the window, ns
     */
    record Window(long readings, double seconds, long cpuNanos) {
        /**
         * Returns the readings acknowledged per second.
         *
         * @return readings/s
         */
        double perSecond() {
            return readings / seconds;
        }

        /**
         * Returns the gateway's CPU time per reading.
         *
         * @return µs of CPU per reading, NaN when no reading was acknowledged
         */
        double cpuMicrosPerReading() {
            return readings == 0 ? Double.NaN : cpuNanos / 1000.0 / readings;
        }
    }

    /**
     * Formats the rule fields of the BENCH line: rate and CPU per reading without and with the rules, the rate's
     * ratio (with / without) and the CPU per reading the rules add.
     *
     * @param off the window without rules
     * @param on the window with them
     * @param rules the rules registered
     * @return {@code rules=… matching=… off_readings_per_s=… on_readings_per_s=… on_to_off=… off_cpu_us_per_reading=…
     *     on_cpu_us_per_reading=… added_cpu_us_per_reading=…}
     */
    static String fields(Window off, Window on, int rules) {
        return "rules=" + rules + " matching=" + matching(rules) + " off_readings_per_s="
                + BenchStats.format(off.perSecond()) + " on_readings_per_s=" + BenchStats.format(on.perSecond())
                + " on_to_off=" + String.format(Locale.ROOT, "%.3f", BenchStats.ratio(on.perSecond(), off.perSecond()))
                + " off_cpu_us_per_reading=" + BenchStats.format(off.cpuMicrosPerReading())
                + " on_cpu_us_per_reading=" + BenchStats.format(on.cpuMicrosPerReading())
                + " added_cpu_us_per_reading="
                + BenchStats.format(on.cpuMicrosPerReading() - off.cpuMicrosPerReading());
    }
}
