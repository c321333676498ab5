package org.biotdm.gateway.provisioning;

import io.micronaut.serde.annotation.Serdeable;

/**
 * The answer to a successful provisioning: the device's certificate, whose fingerprint the ledger now holds.
 *
 * @param deviceId the device ID
 * @param certificate the device certificate, PEM
 * @param caCertificate the device CA certificate, PEM, which the device may keep to check the chain
 */
@Serdeable
public record ProvisionResponse(String deviceId, String certificate, String caCertificate) {}
