package org.biotdm.gateway.device;

/**
 * What the gateway knows of a device: the ledger's registry record as last seen through chaincode events.
 *
 * @param deviceId the device ID, {@code [A-Za-z0-9][A-Za-z0-9._-]{0,63}}
 * @param ownerMsp the MSP ID of the owning organisation
 * @param status the lifecycle state
 * @param certFingerprint lowercase hex SHA-256 of the device certificate's DER encoding, or null before it is claimed
 * @param publicKeyPem the device's P-256 public key in PEM, or null before it is claimed
 * @param deviceGroup the device group, or null
 * @param model the device model ({@code <manufacturer MSP>/<name>}), or null
 * @param firmwareVersion the firmware version, or null
 */
public record DeviceRecord(
        String deviceId,
        String ownerMsp,
        DeviceStatus status,
        String certFingerprint,
        String publicKeyPem,
        String deviceGroup,
        String model,
        String firmwareVersion) {}
