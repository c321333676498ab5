package org.biotdm.device.sim;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import org.biotdm.device.sdk.DeviceClient;
import org.biotdm.device.sdk.DeviceState;
import org.biotdm.device.sdk.DeviceTransportFactory;
import org.biotdm.device.sdk.MemoryBatchBuffer;
import org.biotdm.device.sdk.MqttDeviceTransport;
import org.biotdm.device.sdk.RetryPolicy;

/**
 * Many simulated devices, each a real SDK {@link DeviceClient} with its own key, certificate, persisted sequence
 * numbers and mutual-TLS connection, all on one {@link DeviceEventLoop}. A device is opened on first use from
 * {@code <stateRoot>/<deviceId>/}; one without a certificate is provisioned first with a token from the {@link
 * ClaimTokenSource}. Thread-safe.
 */
public final class SimulatedFleet implements AutoCloseable {
    private static final RetryPolicy PROVISIONING =
            RetryPolicy.builder().maxAttempts(5).build();

    private final DeviceEventLoop loop;
    private final DeviceTransportFactory transports;
    private final Path stateRoot;
    private final ClaimTokenSource tokens;
    private final boolean durableBuffers;
    private final Map<String, DeviceClient> devices = new ConcurrentHashMap<>();
    private final Map<String, DeviceState> states = new ConcurrentHashMap<>();

    /**
     * Creates a fleet.
     *
     * @param loop the shared threads
     * @param devicePort the gateway's device port, {@code https://host:port}
     * @param trusted the gateway's server certificate or CA
     * @param stateRoot where each device's state directory lives
     * @param tokens claim tokens for devices not yet provisioned
     * @param durableBuffers true for the SDK's file buffer (unforced writes), false for buffers in memory
     */
    public SimulatedFleet(
            DeviceEventLoop loop,
            URI devicePort,
            List<X509Certificate> trusted,
            Path stateRoot,
            ClaimTokenSource tokens,
            boolean durableBuffers) {
        this(loop, devicePort, null, trusted, stateRoot, tokens, durableBuffers);
    }

    /**
     * Creates a fleet whose devices send telemetry and receipts and receive commands over MQTT ({@link
     * MqttDeviceTransport}); they provision, and fetch firmware, over the HTTPS device port.
     *
     * @param loop the shared threads (the HTTPS requests'; the MQTT client shares its own Netty threads)
     * @param devicePort the gateway's device port, {@code https://host:port}
     * @param mqttPort the gateway's MQTT port, {@code mqtts://host:port}, or null for HTTPS only
     * @param trusted the gateway's server certificate or CA
     * @param stateRoot where each device's state directory lives
     * @param tokens claim tokens for devices not yet provisioned
     * @param durableBuffers true for the SDK's file buffer (unforced writes), false for buffers in memory
     */
    public SimulatedFleet(
            DeviceEventLoop loop,
            URI devicePort,
            URI mqttPort,
            List<X509Certificate> trusted,
            Path stateRoot,
            ClaimTokenSource tokens,
            boolean durableBuffers) {
        this.loop = Objects.requireNonNull(loop, "loop");
        DeviceTransportFactory https = NettyDeviceTransport.factory(loop, devicePort, trusted);
        this.transports = mqttPort == null ? https : MqttDeviceTransport.factory(mqttPort, trusted, https);
        this.stateRoot = Objects.requireNonNull(stateRoot, "stateRoot");
        this.tokens = Objects.requireNonNull(tokens, "tokens");
        this.durableBuffers = durableBuffers;
    }

    /**
     * Returns a device's client, opening (and provisioning) it on first use.
     *
     * @param deviceId the device ID
     * @return the client
     * @throws IOException when its state cannot be opened or provisioning fails (the cause says why, for example a
     *     {@link org.biotdm.device.sdk.DeviceApiException} with {@code CLAIM_TOKEN_SPENT})
     */
    public DeviceClient device(String deviceId) throws IOException {
        DeviceClient client = devices.get(deviceId);
        if (client != null) {
            return client;
        }
        synchronized (devices) {
            client = devices.get(deviceId);
            if (client == null) {
                client = open(deviceId);
                devices.put(deviceId, client);
            }
            return client;
        }
    }

    /**
     * Returns a device's state directory, opening (and provisioning) the device on first use; what the device keeps
     * beside its client, such as the configuration it applied.
     *
     * @param deviceId the device ID
     * @return its state
     * @throws IOException as {@link #device}
     */
    public DeviceState state(String deviceId) throws IOException {
        device(deviceId);
        return states.get(deviceId);
    }

    private DeviceClient open(String deviceId) throws IOException {
        DeviceState state = DeviceState.open(stateRoot.resolve(deviceId), deviceId);
        states.put(deviceId, state);
        if (!state.isProvisioned()) {
            try {
                DeviceClient.provision(state, tokens.claimToken(deviceId), transports, PROVISIONING)
                        .get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("Interrupted while provisioning " + deviceId);
            } catch (ExecutionException e) {
                throw new IOException(
                        "Provisioning " + deviceId + " failed: " + e.getCause().getMessage(), e);
            }
        }
        DeviceClient.Builder builder = DeviceClient.builder(state, transports)
                .executor(loop.workers())
                .scheduler(loop.timer())
                .forceWrites(false);
        if (!durableBuffers) {
            builder.buffer(new MemoryBatchBuffer());
        }
        return builder.build();
    }

    /**
     * Returns the devices opened so far.
     *
     * @return their clients
     */
    public List<DeviceClient> devices() {
        return new ArrayList<>(devices.values());
    }

    /**
     * Waits until every device's buffer is empty.
     *
     * @param timeout the longest wait in all
     * @return true when everything was acknowledged or refused
     * @throws InterruptedException when interrupted
     */
    public boolean flush(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (DeviceClient client : devices()) {
            Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
            if (!client.flush(left)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Returns how many readings the gateway acknowledged for the whole fleet.
     *
     * @return the sum over the devices
     */
    public long acknowledgedReadings() {
        return devices().stream().mapToLong(DeviceClient::acknowledgedReadings).sum();
    }

    /** Closes every device's connections; the shared event loop stays the caller's. */
    @Override
    public void close() {
        devices().forEach(DeviceClient::close);
        devices.clear();
    }
}
