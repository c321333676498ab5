package org.biotdm.device.sdk;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * One HTTP request to the gateway's device port.
 *
 * @param method {@code GET} or {@code POST}
 * @param path the path and query, for example {@code /device/v1/commands?wait=30}
 * @param body the JSON body, or null for none
 * @param timeout how long to wait for the whole answer
 * @param headers further request headers, for example {@code Range: bytes=0-65535} (RFC 9110 §14.2); empty for none
 */
public record DeviceRequest(String method, String path, byte[] body, Duration timeout, Map<String, String> headers) {
    /**
     * Checks the fields.
     *
     * @throws NullPointerException when method, path, timeout or headers is null
     */
    public DeviceRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(timeout, "timeout");
        headers = Map.copyOf(headers);
    }

    /**
     * Creates a request without further headers.
     *
     * @param method {@code GET} or {@code POST}
     * @param path the path and query
     * @param body the JSON body, or null for none
     * @param timeout how long to wait for the whole answer
     */
    public DeviceRequest(String method, String path, byte[] body, Duration timeout) {
        this(method, path, body, timeout, Map.of());
    }
}
