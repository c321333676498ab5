package org.biotdm.cli.stack;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.IntStream;
import org.biotdm.cli.OwnerOnlyFiles;

/**
 * The ports of a stack, chosen once and kept in {@code <data-dir>/ports.properties} ({@code api.port}, {@code
 * device.port}, {@code mqtt.port}, {@code devnet.port}), so that every restart of a part, by the supervisor or by the next {@code up} on
 * the same data directory, comes back where its clients and the other parts look for it. A port given as 0 reuses
 * the recorded one when it is free and picks a free one otherwise; a port given explicitly is used as given.
 *
 * @param api the gateway's API port
 * @param device the gateway's device port
 * @param mqtt the gateway's MQTT port, -1 when MQTT is off
 * @param devnet the dev network's first peer port: peer N on {@code devnet + 1000 * (N - 1)} and its chaincode port
 *     one above, the enrolment endpoint on {@code devnet + 4} (the dev network's layout)
 */
record StackPorts(int api, int device, int mqtt, int devnet) {
    private static final int DEVNET_LOW = 20_000;
    private static final int DEVNET_HIGH = 50_000;

    /**
     * Chooses the ports for a start: the given ones, else the recorded ones that are free, else free ones.
     *
     * @param options the stack options
     * @param dataDir the data directory holding the record
     * @param organisations how many peers the dev network runs
     * @return the ports
     * @throws StackException when an explicitly given port is in use
     */
    public static StackPorts choose(StackOptions options, DataDir dataDir, int organisations) {
        Properties recorded = read(dataDir.portsFile());
        int api = chooseOne(options.apiPort(), recorded, "api.port", "--api-port");
        int device = chooseOne(options.devicePort(), recorded, "device.port", "--device-port");
        int mqtt = options.mqttPort() < 0 ? -1 : chooseOne(options.mqttPort(), recorded, "mqtt.port", "--mqtt-port");
        int devnet = options.devnetPort();
        if (devnet != 0) {
            requireFree(devnetPorts(devnet, organisations), "--devnet-port");
        } else {
            int previous = recordedPort(recorded, "devnet.port");
            devnet = previous != 0 && allFree(devnetPorts(previous, organisations))
                    ? previous
                    : freeDevnetBase(organisations);
        }
        return new StackPorts(api, device, mqtt, devnet);
    }

    /**
     * Writes the record, owner-only.
     *
     * @param dataDir the data directory
     * @throws UncheckedIOException when it cannot be written
     */
    public void record(DataDir dataDir) {
        Properties properties = new Properties();
        properties.setProperty("api.port", Integer.toString(api));
        properties.setProperty("device.port", Integer.toString(device));
        properties.setProperty("mqtt.port", Integer.toString(mqtt));
        properties.setProperty("devnet.port", Integer.toString(devnet));
        StringWriter text = new StringWriter();
        try {
            properties.store(text, "Ports of the stack on this data directory, reused by every restart");
            OwnerOnlyFiles.writeString(dataDir.portsFile(), text.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + dataDir.portsFile(), e);
        }
    }

    /**
     * Returns every port the dev network listens on for a first peer port.
     *
     * @param base the first peer's port
     * @param organisations how many peers
     * @return the ports
     */
    static int[] devnetPorts(int base, int organisations) {
        IntStream peers =
                IntStream.range(0, organisations).flatMap(i -> IntStream.of(base + 1000 * i, base + 1000 * i + 1));
        return IntStream.concat(peers, IntStream.of(base + 4)).toArray();
    }

    private static int chooseOne(int given, Properties recorded, String key, String option) {
        if (given != 0) {
            requireFree(new int[] {given}, option);
            return given;
        }
        int previous = recordedPort(recorded, key);
        return previous != 0 && allFree(new int[] {previous}) ? previous : freePort();
    }

    /**
     * Returns a port that is free now on the loopback interface.
     *
     * @return the port
     * @throws UncheckedIOException when none can be had
     */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot find a free port", e);
        }
    }

    private static int freeDevnetBase(int organisations) {
        for (int attempt = 0; attempt < 200; attempt++) {
            int base = ThreadLocalRandom.current().nextInt(DEVNET_LOW, DEVNET_HIGH);
            if (allFree(devnetPorts(base, organisations))) {
                return base;
            }
        }
        throw new StackException("No free ports for the dev network between " + DEVNET_LOW + " and " + DEVNET_HIGH);
    }

    private static void requireFree(int[] ports, String option) {
        for (int port : ports) {
            if (!allFree(new int[] {port})) {
                throw new StackException("Port " + port
                        + " is in use (another stack, or another program); choose another with " + option
                        + " PORT (0 picks a free one)");
            }
        }
    }

    private static boolean allFree(int[] ports) {
        for (int port : ports) {
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress(port));
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }

    private static int recordedPort(Properties recorded, String key) {
        try {
            int port = Integer.parseInt(recorded.getProperty(key, "0").trim());
            return port > 0 && port <= 65_535 ? port : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static Properties read(Path file) {
        Properties properties = new Properties();
        if (Files.isRegularFile(file)) {
            try {
                properties.load(new StringReader(Files.readString(file)));
            } catch (IOException | IllegalArgumentException e) {
                return new Properties();
            }
        }
        return properties;
    }
}
