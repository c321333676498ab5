package org.biotdm.device.sdk;

import java.util.concurrent.CompletableFuture;

/**
 * Carries HTTP exchanges to the gateway's device port over TLS, presenting the device's client certificate when it
 * has one. Implementations keep connections alive and may run several exchanges at once (a command long-poll beside
 * telemetry). {@link JdkDeviceTransport} uses the JDK's client; the simulator shares one event loop between many
 * devices.
 */
public interface DeviceTransport extends AutoCloseable {
    /**
     * Sends a request.
     *
     * @param request the request
     * @return the answer, whatever its status; completed exceptionally with an {@link java.io.IOException} (or a
     *     timeout) when no answer arrived
     */
    CompletableFuture<DeviceResponse> exchange(DeviceRequest request);

    /** Closes the connections. Exchanges still running fail. */
    @Override
    void close();
}
