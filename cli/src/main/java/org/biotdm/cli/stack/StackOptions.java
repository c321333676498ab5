package org.biotdm.cli.stack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.biotdm.cli.Home;
import picocli.CommandLine.Option;

/** The options of commands that start a stack ({@code up}, {@code demo}); a picocli mixin. */
public final class StackOptions {
    /** The MQTT port's default: IANA's secure-mqtt (8883). */
    static final int DEFAULT_MQTT_PORT = 8883;

    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            description = "Where the stack keeps its data, logs and credentials (default: data/ in the project).")
    Path dataDir;

    @Option(
            names = "--reset",
            description = "Delete the stack's data in DIR first (devnet/, gateway/, logs/, devices/, credentials).")
    boolean reset;

    @Option(
            names = "--api-port",
            paramLabel = "PORT",
            defaultValue = "8080",
            description = "The gateway's API port; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int apiPort;

    @Option(
            names = "--device-port",
            paramLabel = "PORT",
            defaultValue = "8443",
            description = "The gateway's device port (mTLS); 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int devicePort;

    @Option(
            names = "--mqtt-port",
            paramLabel = "PORT",
            description = "The gateway's MQTT device port (mTLS, protocol/mqtt-v1.md); 0 picks a free one, -1 turns"
                    + " MQTT off (default: 8883, or a free one when --device-port is 0).")
    Integer mqttPort;

    @Option(
            names = "--devnet-port",
            paramLabel = "PORT",
            defaultValue = "7051",
            description = "The first peer's port; peer N uses PORT + 1000*(N-1), the enrolment endpoint PORT + 4;"
                    + " 0 picks free ports (default: ${DEFAULT-VALUE}).")
    int devnetPort;

    @Option(
            names = "--batch-timeout-ms",
            paramLabel = "MS",
            defaultValue = "100",
            description = "The dev network orderer's batch timeout: how long a block waits for more transactions"
                    + " before it is cut; shorter lowers commit latency, longer makes fewer, fuller blocks"
                    + " (default: ${DEFAULT-VALUE}).")
    long batchTimeoutMillis = 100;

    /** The embedded MariaDB's port; 0 lets the gateway pick a free one at each start (not a command-line option). */
    int databasePort;

    /** Further gateway settings, for example a benchmark's rate limits (not a command-line option). */
    final Map<String, String> gatewayProperties = new LinkedHashMap<>();

    /** Further JVM options of every gateway, for example a benchmark's memory tracking (not a command-line option). */
    private final List<String> gatewayJvmOptions = new ArrayList<>();

    /**
     * Returns the options of a stack on free ports (a benchmark's), with nothing else given on a command line.
     *
     * @param dataDir the data directory
     * @param batchTimeoutMillis the dev network orderer's batch timeout, ms
     * @param databasePort the embedded MariaDB's port, 0 when the gateway picks one
     * @param gatewayProperties further settings every gateway of the stack starts with
     * @return the options
     */
    public static StackOptions onFreePorts(
            Path dataDir, long batchTimeoutMillis, int databasePort, Map<String, String> gatewayProperties) {
        StackOptions options = new StackOptions();
        options.dataDir = dataDir;
        options.apiPort = 0;
        options.devicePort = 0;
        options.mqttPort = 0;
        options.devnetPort = 0;
        options.batchTimeoutMillis = batchTimeoutMillis;
        options.databasePort = databasePort;
        options.gatewayProperties.putAll(gatewayProperties);
        return options;
    }

    /**
     * Returns the data directory, relative paths taken from the working directory.
     *
     * @param home the project, whose {@code data/} is the default
     * @return the data directory
     */
    public DataDir dataDir(Home home) {
        return new DataDir(dataDir == null ? home.defaultDataDir() : dataDir);
    }

    /**
     * Tells whether the data directory is wiped first.
     *
     * @return true with {@code --reset}
     */
    public boolean reset() {
        return reset;
    }

    /**
     * Returns the API port.
     *
     * @return the port, 0 for a free one
     */
    public int apiPort() {
        return apiPort;
    }

    /**
     * Returns the device port.
     *
     * @return the port, 0 for a free one
     */
    public int devicePort() {
        return devicePort;
    }

    /**
     * Returns the MQTT port.
     *
     * @return the port, 0 for a free one, -1 when MQTT is off; without {@code --mqtt-port} 8883, or 0 when the device
     *     port is picked freely (so stacks started on free ports never collide on 8883)
     */
    public int mqttPort() {
        if (mqttPort != null) {
            return mqttPort < 0 ? -1 : mqttPort;
        }
        return devicePort == 0 ? 0 : DEFAULT_MQTT_PORT;
    }

    /**
     * Returns the dev network's first port.
     *
     * @return the port, 0 for free ones
     */
    public int devnetPort() {
        return devnetPort;
    }

    /**
     * Returns the dev network orderer's batch timeout.
     *
     * @return milliseconds, 1 or more
     */
    public long batchTimeoutMillis() {
        return batchTimeoutMillis;
    }

    /**
     * Returns the embedded MariaDB's port.
     *
     * @return the port, 0 when the gateway picks one
     */
    public int databasePort() {
        return databasePort;
    }

    /**
     * Returns the further settings every gateway of the stack starts with.
     *
     * @return the settings (Micronaut property names), empty by default
     */
    public Map<String, String> gatewayProperties() {
        return Map.copyOf(gatewayProperties);
    }

    /**
     * Adds a JVM option every gateway starts with, before its {@code -jar}.
     *
     * @param option the option, for example {@code -XX:NativeMemoryTracking=summary}
     * @return these options
     */
    public StackOptions gatewayJvmOption(String option) {
        gatewayJvmOptions.add(option);
        return this;
    }

    /**
     * Returns the further JVM options of every gateway.
     *
     * @return the options, empty by default
     */
    public List<String> gatewayJvmOptions() {
        return List.copyOf(gatewayJvmOptions);
    }

    /**
     * Checks the ports' ranges.
     *
     * @return the first problem, or null when none
     */
    public String validate() {
        for (int port : new int[] {apiPort, devicePort, Math.max(0, mqttPort())}) {
            if (port < 0 || port > 65_535) {
                return "port " + port + " is out of range 0-65535";
            }
        }
        if (devnetPort < 0 || devnetPort > 65_535 - 2_004) {
            return "--devnet-port " + devnetPort + " is out of range (0, or low enough for 3 peers above it)";
        }
        if (batchTimeoutMillis < 1 || batchTimeoutMillis > 60_000) {
            return "--batch-timeout-ms must be 1-60000, was " + batchTimeoutMillis;
        }
        if (apiPort != 0 && apiPort == devicePort) {
            return "--api-port and --device-port must differ";
        }
        if (mqttPort() > 0 && (mqttPort() == apiPort || mqttPort() == devicePort)) {
            return "--mqtt-port must differ from --api-port and --device-port";
        }
        return null;
    }
}
