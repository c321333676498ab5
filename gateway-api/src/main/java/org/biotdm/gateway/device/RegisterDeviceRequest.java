package org.biotdm.gateway.device;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import java.util.Map;
import org.biotdm.gateway.error.InputRules;

/**
 * {@code POST /api/v1/devices}: a new device owned by the caller's organisation, either for zero-touch provisioning
 * (the answer carries a one-time claim token) or, with {@code certificatePem}, with the key it already has.
 *
 * @param deviceId the device ID, {@code [A-Za-z0-9][A-Za-z0-9._-]{0,63}}
 * @param deviceType the device type, same pattern
 * @param model the model, {@code <manufacturer MSP>/<name>}
 * @param firmwareVersion the factory firmware version (semantic version)
 * @param group the device group, same pattern as IDs
 * @param metadata free-form metadata (at most 32 entries), or null
 * @param claimTokenExpiresAt when the claim token stops working at this organisation's gateways, epoch milliseconds;
 *     stored in the metadata entry {@code biotdm.provisioning.claim-expiry-metadata}; null for no expiry; not with
 *     a certificate
 * @param certificatePem the device's own X.509 certificate in PEM, with an ECDSA P-256 key, issued by a CA the device
 *     port trusts: the device is registered with that key and certificate fingerprint and no claim token, stays
 *     {@code PROVISIONED} until an admin activates it, then connects with it; null for a claim token
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = false)
public record RegisterDeviceRequest(
        @Nullable @NotNull @Pattern(regexp = InputRules.ID, message = InputRules.ID_MESSAGE) String deviceId,
        @Nullable @NotBlank String deviceType,
        @Nullable @NotBlank String model,
        @Nullable @NotBlank String firmwareVersion,
        @Nullable @NotNull @Pattern(regexp = InputRules.ID, message = InputRules.ID_MESSAGE) String group,
        @Nullable Map<String, String> metadata,
        @Nullable @Positive Long claimTokenExpiresAt,
        @Nullable String certificatePem) {}
