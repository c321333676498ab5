package org.biotdm.device.sdk;

/**
 * The gateway's answer to a {@link DeviceRequest}.
 *
 * @param status the HTTP status
 * @param body the body bytes, empty when none
 * @param retryAfter the {@code Retry-After} header's value, or null
 */
public record DeviceResponse(int status, byte[] body, String retryAfter) {}
