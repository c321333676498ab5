package org.biotdm.gateway.firmware;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * The body of {@code POST /api/v1/firmware:revoke}. Unknown fields are refused.
 *
 * @param model the model, {@code <manufacturer MSP>/<name>}
 * @param version the version
 * @param reason why, for the audit trail, 1–256 characters
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = false)
public record RevokeFirmwareRequest(
        @NotBlank @Pattern(regexp = FirmwareRequests.MODEL, message = "must be <MSP ID>/<model name>") String model,
        @NotBlank @Pattern(regexp = FirmwareRequests.VERSION, message = "must be a semantic version") String version,
        @NotBlank @Size(max = 256) String reason) {}
