package org.biotdm.device.sdk;

import java.time.Duration;
import java.util.Objects;

/**
 * One HTTP request to the gateway's device port.
 *
 * @param method {@code GET} or {@code POST}
 * @param path the path and query, for example {@code /device/v1/commands?wait=30}
 * @param body the JSON body, or null for none
 * @param timeout how long to wait for the whole answer
 */
public record DeviceRequest(String method, String path, byte[] body, Duration timeout) {
    /**
     * Checks the fields.
     *
     * @throws NullPointerException when method, path or timeout is null
     */
    public DeviceRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(timeout, "timeout");
    }
}
