package org.biotdm.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import org.biotdm.device.sdk.DeviceTls;
import org.biotdm.device.sim.ClaimTokenSource;
import org.biotdm.device.sim.DeviceEventLoop;
import org.biotdm.device.sim.SimulatedFleet;

/**
 * Simulated devices of the command line: device-sim's {@link SimulatedFleet} on a {@link DeviceEventLoop} of its own
 * (as many I/O threads as cores, at least two workers), trusting the gateway's device-port certificate. Closing it
 * closes the devices, then the threads.
 */
public final class DeviceFleet implements AutoCloseable {
    private final DeviceEventLoop loop;
    private final SimulatedFleet devices;

    private DeviceFleet(DeviceEventLoop loop, SimulatedFleet devices) {
        this.loop = loop;
        this.devices = devices;
    }

    /**
     * Opens a fleet; devices are opened (and provisioned) when first asked for.
     *
     * @param deviceUrl the gateway's device port, {@code https://host:port}
     * @param serverCertificate the device port's certificate (PEM), which the devices trust
     * @param stateRoot where each device's state directory lives
     * @param tokens claim tokens for devices not provisioned yet
     * @param durableBuffers true for the SDK's file buffer, false for buffers in memory
     * @return the fleet
     * @throws IOException when the certificate cannot be read
     */
    public static DeviceFleet open(
            URI deviceUrl, Path serverCertificate, Path stateRoot, ClaimTokenSource tokens, boolean durableBuffers)
            throws IOException {
        return open(deviceUrl, null, serverCertificate, stateRoot, tokens, durableBuffers);
    }

    /**
     * Opens a fleet whose devices use MQTT for telemetry, commands and receipts when an MQTT port is given.
     *
     * @param deviceUrl the gateway's device port, {@code https://host:port} (provisioning, firmware)
     * @param mqttUrl the gateway's MQTT port, {@code mqtts://host:port}, or null for HTTPS only
     * @param serverCertificate the device port's certificate (PEM), which the devices trust on both ports
     * @param stateRoot where each device's state directory lives
     * @param tokens claim tokens for devices not provisioned yet
     * @param durableBuffers true for the SDK's file buffer, false for buffers in memory
     * @return the fleet
     * @throws IOException when the certificate cannot be read
     */
    public static DeviceFleet open(
            URI deviceUrl,
            URI mqttUrl,
            Path serverCertificate,
            Path stateRoot,
            ClaimTokenSource tokens,
            boolean durableBuffers)
            throws IOException {
        List<X509Certificate> trusted =
                DeviceTls.certificates(Files.readString(serverCertificate, StandardCharsets.US_ASCII));
        int cores = Runtime.getRuntime().availableProcessors();
        DeviceEventLoop loop = new DeviceEventLoop(Math.max(1, cores), Math.max(2, cores));
        return new DeviceFleet(
                loop, new SimulatedFleet(loop, deviceUrl, mqttUrl, trusted, stateRoot, tokens, durableBuffers));
    }

    /**
     * Returns the devices.
     *
     * @return the simulated fleet
     */
    public SimulatedFleet devices() {
        return devices;
    }

    /**
     * Returns the threads the devices run on.
     *
     * @return the event loop
     */
    public DeviceEventLoop loop() {
        return loop;
    }

    @Override
    public void close() {
        try {
            devices.close();
        } finally {
            loop.close();
        }
    }
}
