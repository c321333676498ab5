package org.biotdm.gateway.device;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Introspected;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import org.biotdm.gateway.error.InputRules;

/**
 * {@code POST /api/v1/devices:batch}: up to {@value DeviceLedger#MAX_BATCH} devices of the caller's organisation for
 * zero-touch provisioning, each with the SHA-256 of a claim token the client generated and keeps (so that a lost
 * response or a re-run is safe: the same item answers {@code EXISTS}). The list's size is checked for the whole request;
 * each item's constraints are checked per item by {@link DeviceBatchService}, so one malformed item is refused with
 * {@code INVALID_ARGUMENT} by itself while the others are registered.
 *
 * @param devices the devices, 1 to {@value DeviceLedger#MAX_BATCH}
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = false)
public record RegisterDevicesRequest(
        @Nullable @NotNull @Size(min = 1, max = DeviceLedger.MAX_BATCH) List<@NotNull Item> devices) {

    /**
     * One device.
     *
     * @param deviceId the device ID, {@code [A-Za-z0-9][A-Za-z0-9._-]{0,63}}
     * @param deviceType the device type, same pattern
     * @param model the model, {@code <manufacturer MSP>/<name>}
     * @param firmwareVersion the factory firmware version (semantic version)
     * @param group the device group, same pattern as IDs
     * @param metadata free-form metadata (at most 32 entries), or null
     * @param claimTokenSha256 lowercase hex SHA-256 of the device's claim token (its UTF-8 bytes), 64 digits
     */
    @Serdeable
    @Introspected
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record Item(
            @Nullable @NotNull @Pattern(regexp = InputRules.ID, message = InputRules.ID_MESSAGE) String deviceId,
            @Nullable @NotBlank String deviceType,
            @Nullable @NotBlank String model,
            @Nullable @NotBlank String firmwareVersion,
            @Nullable @NotNull @Pattern(regexp = InputRules.ID, message = InputRules.ID_MESSAGE) String group,
            @Nullable Map<String, String> metadata,
            @Nullable @NotNull @Pattern(regexp = "[0-9a-f]{64}", message = "must be 64 lowercase hex digits")
                    String claimTokenSha256) {

        DeviceRegistration registration() {
            return DeviceRegistration.withClaimToken(
                    deviceId, deviceType, model, firmwareVersion, group, metadata, claimTokenSha256);
        }
    }
}
