package org.biotdm.gateway.device;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.Map;

/**
 * The argument of the chaincode's {@code RegisterDevice}: either the device's key ({@code publicKeyPem} and {@code
 * certFingerprint}) or, for zero-touch provisioning, the SHA-256 of a one-time claim token ({@code claimTokenSha256}).
 *
 * @param deviceId the new device ID, {@code [A-Za-z0-9][A-Za-z0-9._-]{0,63}}
 * @param deviceType the device type
 * @param model the model, {@code <manufacturer MSP ID>/<model name>}
 * @param firmwareVersion the factory firmware version (semantic version)
 * @param group the device group within the owner organisation
 * @param metadata free-form metadata (at most 32 entries), or null
 * @param publicKeyPem the device's P-256 public key in PEM, or null with a claim token
 * @param certFingerprint lowercase hex SHA-256 of the device certificate's DER, or null with a claim token
 * @param claimTokenSha256 lowercase hex SHA-256 of the claim token's bytes, or null with a key
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeviceRegistration(
        String deviceId,
        String deviceType,
        String model,
        String firmwareVersion,
        String group,
        @Nullable Map<String, String> metadata,
        @Nullable String publicKeyPem,
        @Nullable String certFingerprint,
        @Nullable String claimTokenSha256) {

    /**
     * Creates a registration for zero-touch provisioning.
     *
     * @param deviceId the device ID
     * @param deviceType the device type
     * @param model the model
     * @param firmwareVersion the firmware version
     * @param group the group
     * @param metadata the metadata, or null
     * @param claimTokenSha256 the SHA-256 of the claim token, lowercase hex
     * @return the registration
     */
    public static DeviceRegistration withClaimToken(
            String deviceId,
            String deviceType,
            String model,
            String firmwareVersion,
            String group,
            Map<String, String> metadata,
            String claimTokenSha256) {
        return new DeviceRegistration(
                deviceId, deviceType, model, firmwareVersion, group, metadata, null, null, claimTokenSha256);
    }
}
