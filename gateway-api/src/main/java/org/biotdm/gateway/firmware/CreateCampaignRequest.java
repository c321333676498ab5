package org.biotdm.gateway.firmware;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.biotdm.gateway.error.InputRules;

/**
 * The body of {@code POST /api/v1/firmware/campaigns}. Unknown fields are refused.
 *
 * @param campaignId the client-chosen campaign ID, {@code [A-Za-z0-9][A-Za-z0-9._-]{0,63}}
 * @param model the firmware's model
 * @param version the firmware's version, published through this gateway and not revoked
 * @param target {@code DEVICES} (the listed devices), {@code GROUP} (the devices of {@code group} of the model) or
 *     {@code MODEL} (every device of the model the operator may see)
 * @param deviceIds the devices of a {@code DEVICES} target, 1–10,000
 * @param group the group of a {@code GROUP} target
 * @param ratePerMinute devices notified per minute at most, 1–100,000
 * @param firstStagePercent the share of target devices notified first, 1–100; the rest follow once all of them
 *     finished within the abort threshold
 * @param abortThresholdPercent the failure share, 0–100, above which the campaign aborts
 * @param abortMinDevices finished devices needed before the threshold applies, at least 1
 * @param deviceTimeoutSeconds how long a notified or downloading device may report nothing before it fails with {@code
 *     FIRMWARE_UPDATE_TIMEOUT} (counted toward the threshold), 1–86,400 s; null for {@code
 *     biotdm.firmware.device-timeout} (10 minutes by default)
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = false)
public record CreateCampaignRequest(
        @NotNull @Pattern(regexp = InputRules.ID, message = InputRules.ID_MESSAGE) String campaignId,
        @NotNull @Pattern(regexp = FirmwareRequests.MODEL, message = "must be <MSP ID>/<model name>") String model,
        @NotNull @Pattern(regexp = FirmwareRequests.VERSION, message = "must be a semantic version") String version,
        @NotNull @Pattern(regexp = "DEVICES|GROUP|MODEL", message = "must be DEVICES, GROUP or MODEL") String target,
        @Nullable @Size(min = 1, max = 10_000)
                List<@NotNull @Pattern(regexp = InputRules.ID, message = InputRules.ID_MESSAGE) String> deviceIds,
        @Nullable @Pattern(regexp = InputRules.ID, message = InputRules.ID_MESSAGE) String group,
        @NotNull @Min(1) @Max(100_000) Integer ratePerMinute,
        @NotNull @Min(1) @Max(100) Integer firstStagePercent,
        @NotNull @Min(0) @Max(100) Integer abortThresholdPercent,
        @NotNull @Min(1) Integer abortMinDevices,
        @Nullable @Min(1) @Max(86_400) Integer deviceTimeoutSeconds) {}
