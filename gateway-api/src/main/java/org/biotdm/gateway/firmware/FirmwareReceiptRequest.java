package org.biotdm.gateway.firmware;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.biotdm.gateway.error.InputRules;

/**
 * The body of {@code POST /device/v1/firmware/receipt}. Unknown fields are refused.
 *
 * @param campaignId the campaign whose firmware the device now runs
 * @param signature standard base64 of the device's P-256 signature (raw or DER) over its {@code
 *     biotdm-firmware-receipt-v1} text ({@code protocol/firmware-manifest-v1.md}), at most 256 characters
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = false)
public record FirmwareReceiptRequest(
        @NotNull @Pattern(regexp = InputRules.ID, message = InputRules.ID_MESSAGE) String campaignId,
        @NotNull @Size(min = 1, max = 256) @Pattern(regexp = "[A-Za-z0-9+/=]+", message = "must be base64")
                String signature) {}
