package org.biotdm.gateway.firmware;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.biotdm.gateway.error.InputRules;

/**
 * The body of {@code POST /device/v1/firmware/progress}. Unknown fields are refused.
 *
 * @param campaignId the campaign of the {@code firmware-update} command
 * @param state {@code NOTIFIED}, {@code DOWNLOADING}, {@code DOWNLOADED}, {@code VERIFIED}, {@code UPDATING} or
 *     {@code FAILED}
 * @param reason for {@code FAILED}: the catalogue code of the refused step ({@code FIRMWARE_SIGNATURE_INVALID}, {@code
 *     FIRMWARE_DOWNLOAD_FAILED}, …), UPPER_SNAKE, at most 64 characters
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = false)
public record ProgressRequest(
        @NotNull @Pattern(regexp = InputRules.ID, message = InputRules.ID_MESSAGE) String campaignId,
        @NotNull
                @Pattern(
                        regexp = "NOTIFIED|DOWNLOADING|DOWNLOADED|VERIFIED|UPDATING|FAILED",
                        message = "must be NOTIFIED, DOWNLOADING, DOWNLOADED, VERIFIED, UPDATING or FAILED")
                String state,
        @Nullable @Pattern(regexp = "[A-Z][A-Z0-9_]{0,63}", message = "must be a catalogue code") String reason) {}
