package org.biotdm.gateway.device;

import io.micronaut.serde.annotation.Serdeable;

/**
 * The answer to {@code POST /api/v1/devices/{deviceId}/rotate-key}: the device may now present a CSR for its new key
 * at {@code POST /device/v1/rekey}.
 *
 * @param deviceId the device ID
 * @param authorisedAt when the rotation was authorised, epoch milliseconds
 * @param expiresAt until when the device may rotate, epoch milliseconds
 */
@Serdeable
public record RekeyAuthorisationResponse(String deviceId, long authorisedAt, long expiresAt) {}
