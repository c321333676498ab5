package org.biotdm.gateway.ingress;

import org.biotdm.gateway.device.DeviceRecord;

/**
 * The device a request on the device port or an MQTT connection comes from, as {@link DeviceAuthenticator} resolved it from the
 * verified client certificate: registered, ACTIVE, and presenting the certificate registered on the ledger. Stored as
 * the request attribute {@value #ATTRIBUTE}; device endpoints read the device from it, never from the body.
 *
 * @param deviceId the device ID, the certificate's subject CN
 * @param record the registry record the certificate matched
 * @param certFingerprint lowercase hex SHA-256 of the certificate's DER encoding
 */
public record AuthenticatedDevice(String deviceId, DeviceRecord record, String certFingerprint) {
    /** The request attribute holding the {@link AuthenticatedDevice}. */
    public static final String ATTRIBUTE = "biotdm.device";
}
