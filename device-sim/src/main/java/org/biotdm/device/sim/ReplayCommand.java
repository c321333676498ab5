package org.biotdm.device.sim;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.biotdm.device.sdk.DeviceTls;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code biotdm replay}: replays any CSV file through provisioned simulated devices of a running stack, mapping
 * columns with flags only (see {@link CsvReplay} and {@link ReplayOptions}). Skipped rows are printed to standard
 * error as {@code SKIPPED line=N: reason}, progress every 5 s as {@code PROGRESS rows=… readings=… skipped=…
 * acked=…}; the last line on standard output is {@code REPLAY devices=… rows=…
 * readings=… skipped=… missing=… acked=…}. Exit status 0 when every reading sent was acknowledged, 1 otherwise, 2 for
 * bad flags.
 *
 * <p>Devices without a certificate are provisioned with a claim token from {@code --claim-tokens} or from the {@link
 * ClaimTokenSource} the embedding CLI passes to {@link #ReplayCommand(ClaimTokenSource)} (for example one that
 * registers the device through the admin API first).
 */
@Command(
        name = "replay",
        mixinStandardHelpOptions = true,
        description = "Replays a CSV file through simulated devices of a running BIoT-DM stack.")
public final class ReplayCommand implements Callable<Integer> {
    private final ClaimTokenSource tokenSource;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--csv", required = true, paramLabel = "FILE", description = "The CSV file (.gz allowed).")
    Path csv;

    @Option(
            names = "--delimiter",
            paramLabel = "C",
            defaultValue = ",",
            description = "Field delimiter: one character, or tab, space, \\t (default ,).")
    String delimiter;

    @Option(
            names = "--header",
            negatable = true,
            defaultValue = "true",
            fallbackValue = "true",
            description = "The first line names the columns (default); --no-header when it does not.")
    boolean header;

    @Option(
            names = "--timestamp-col",
            split = ",",
            paramLabel = "COL",
            description = "Time column(s), joined by a space.")
    List<String> timestampColumns = new ArrayList<>();

    @Option(
            names = "--timestamp-format",
            paramLabel = "PATTERN|epoch-s|epoch-ms",
            description = "java.time pattern such as 'yyyy-MM-dd HH:mm:ss', or epoch-s, epoch-ms.")
    String timestampFormat;

    @Option(
            names = "--zone",
            defaultValue = "UTC",
            paramLabel = "ZONE",
            description = "Zone of times without one (default UTC).")
    String zone;

    @Option(
            names = "--interval-ms",
            paramLabel = "N",
            description = "Time between a device's rows when rows carry no time.")
    long intervalMs;

    @Option(names = "--device-col", paramLabel = "COL", description = "Column naming the device.")
    String deviceColumn;

    @Option(names = "--device", paramLabel = "ID", description = "The device of every row.")
    String device;

    @Option(
            names = "--device-prefix",
            defaultValue = "",
            paramLabel = "P",
            description = "Prefix for device IDs read from --device-col.")
    String devicePrefix;

    @Option(
            names = "--sensors",
            split = ",",
            paramLabel = "COL",
            description = "Value columns of wide rows, COL[=NAME]; the sensor name is NAME, else the header name.")
    List<String> sensors = new ArrayList<>();

    @Option(names = "--sensor-col", paramLabel = "COL", description = "Column naming the sensor (long rows).")
    String sensorColumn;

    @Option(names = "--value-col", paramLabel = "COL", description = "Column holding the value (long rows).")
    String valueColumn;

    @Option(
            names = "--missing",
            paramLabel = "VALUE",
            description = "Marker of a missing value (repeatable; '' for an empty field).")
    List<String> missing = new ArrayList<>();

    @Option(
            names = "--speedup",
            defaultValue = "1",
            paramLabel = "X",
            description = "Times faster than real time; 0 = as fast as acknowledged (default 1).")
    double speedup;

    @Option(
            names = "--limit",
            defaultValue = "0",
            paramLabel = "N",
            description = "Read at most N data rows (0 = all).")
    long limit;

    @Option(
            names = "--gateway",
            defaultValue = "https://localhost:8443",
            paramLabel = "URL",
            description = "The gateway's device port.")
    URI gateway;

    @Option(
            names = "--transport",
            defaultValue = "https",
            paramLabel = "https|mqtt",
            description = "How devices send telemetry and receipts and get commands: the HTTPS device port, or MQTT"
                    + " 5 (protocol/mqtt-v1.md; provisioning stays on HTTPS). Default: ${DEFAULT-VALUE}.")
    String transport;

    @Option(
            names = "--mqtt",
            defaultValue = "mqtts://localhost:8883",
            paramLabel = "URL",
            description = "The gateway's MQTT port, with --transport mqtt (default: ${DEFAULT-VALUE}).")
    URI mqtt;

    @Option(
            names = "--server-cert",
            required = true,
            paramLabel = "FILE",
            description =
                    "The device port's certificate or CA, PEM (the gateway's <biotdm.data-dir>/ingress/server-cert.pem;"
                            + " with scripts/biotdm up: <data-dir>/gateway/ingress/server-cert.pem).")
    Path serverCert;

    @Option(
            names = "--state-dir",
            defaultValue = "data/devices",
            paramLabel = "DIR",
            description = "Where each device keeps its key, certificate and sequence number.")
    Path stateDir;

    @Option(
            names = "--claim-tokens",
            paramLabel = "FILE",
            description = "Lines 'deviceId token' for devices not provisioned yet.")
    Path claimTokens;

    @Option(
            names = "--batch-size",
            defaultValue = "100",
            paramLabel = "N",
            description = "Readings per signed batch (default 100).")
    int batchSize;

    @Option(
            names = "--batch-delay-ms",
            defaultValue = "1000",
            paramLabel = "MS",
            description = "Longest a reading waits for its batch (default 1000).")
    long batchDelayMs;

    @Option(
            names = "--ack-timeout",
            defaultValue = "120",
            paramLabel = "S",
            description = "Seconds to wait for the last acknowledgements (default 120).")
    long ackTimeoutSeconds;

    /** Creates the command; devices are provisioned with tokens from {@code --claim-tokens}. */
    public ReplayCommand() {
        this(null);
    }

    /**
     * Creates the command with a claim-token source used when {@code --claim-tokens} is not given.
     *
     * @param tokenSource the source, or null
     */
    public ReplayCommand(ClaimTokenSource tokenSource) {
        this.tokenSource = tokenSource;
    }

    /**
     * Returns the MQTT port the devices use, from {@code --transport} and {@code --mqtt}.
     *
     * @return the MQTT URL, or null for HTTPS
     * @throws CommandLine.ParameterException when {@code --transport} is neither {@code https} nor {@code mqtt}
     */
    URI mqttUrl() {
        return switch (transport) {
            case "https" -> null;
            case "mqtt" -> mqtt;
            default -> throw new CommandLine.ParameterException(
                    spec.commandLine(), "--transport must be https or mqtt, was " + transport);
        };
    }

    /**
     * Builds the replay options from the flags.
     *
     * @return the options
     * @throws IllegalArgumentException when flags conflict
     */
    public ReplayOptions options() {
        return new ReplayOptions(
                csv,
                delimiter(delimiter),
                header,
                timestampColumns,
                timestampFormat,
                ZoneId.of(zone),
                intervalMs,
                deviceColumn,
                device,
                devicePrefix,
                sensors,
                sensorColumn,
                valueColumn,
                new HashSet<>(missing),
                speedup,
                limit);
    }

    static char delimiter(String text) {
        return switch (text) {
            case "tab", "\\t", "\t" -> '\t';
            case "space" -> ' ';
            default -> {
                if (text.length() != 1) {
                    throw new IllegalArgumentException("--delimiter is one character, tab or space: " + text);
                }
                yield text.charAt(0);
            }
        };
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        ReplayOptions options;
        try {
            options = options();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        ClaimTokenSource tokens = claimTokens != null ? fileTokens(claimTokens) : tokenSource;
        if (tokens == null) {
            tokens = id -> {
                throw new IOException("Device " + id + " is not provisioned and no --claim-tokens were given");
            };
        }
        int cores = Runtime.getRuntime().availableProcessors();
        try (DeviceEventLoop loop = new DeviceEventLoop(Math.max(1, cores), Math.max(2, cores));
                SimulatedFleet fleet = new SimulatedFleet(
                        loop,
                        gateway,
                        mqttUrl(),
                        DeviceTls.certificates(Files.readString(serverCert, StandardCharsets.US_ASCII)),
                        stateDir,
                        tokens,
                        true)) {
            ReplayReport report = new CsvReplay(options)
                    .onSkipped(row -> err.println("SKIPPED line=" + row.line() + ": " + row.reason()))
                    .onRenamed(err::println)
                    .onProgress(
                            progress -> {
                                err.println("PROGRESS rows=" + progress.rows() + " readings=" + progress.readings()
                                        + " skipped=" + progress.skipped() + " acked=" + progress.acked());
                                err.flush();
                            },
                            Duration.ofSeconds(5))
                    .run(new FleetReplaySink(fleet, batchSize, batchDelayMs, 8), Duration.ofSeconds(ackTimeoutSeconds));
            out.println(report.summaryLine());
            out.flush();
            return report.acked() == report.readings() ? 0 : 1;
        }
    }

    /**
     * Reads claim tokens from a file of lines {@code deviceId token}; blank lines and lines starting with {@code #}
     * are ignored.
     *
     * @param file the file
     * @return the source
     * @throws IOException when the file is unreadable
     */
    public static ClaimTokenSource fileTokens(Path file) throws IOException {
        Map<String, String> tokens = new HashMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String trimmed = line.strip();
            if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                String[] parts = trimmed.split("\\s+", 2);
                if (parts.length == 2) {
                    tokens.put(parts[0], parts[1]);
                }
            }
        }
        return id -> {
            String token = tokens.get(id);
            if (token == null) {
                throw new IOException("No claim token for device " + id + " in " + file);
            }
            return token;
        };
    }

    /**
     * Runs the command on its own.
     *
     * @param args the flags
     */
    public static void main(String[] args) {
        System.exit(new CommandLine(new ReplayCommand()).execute(args));
    }
}
