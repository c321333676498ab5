package org.biotdm.gateway.device;

import io.micronaut.serde.annotation.Serdeable;

/**
 * The answer to {@code POST /device/v1/rekey}: the new certificate, registered on the ledger.
 *
 * @param deviceId the device ID
 * @param certificate the new device certificate, PEM; the previous one is refused from now on
 * @param caCertificate the device CA's certificate, PEM
 * @param transactionId the RotateDeviceKey transaction
 */
@Serdeable
public record RekeyResponse(String deviceId, String certificate, String caCertificate, String transactionId) {}
