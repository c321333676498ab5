package org.biotdm.gateway.verify;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * The answer of {@code GET /api/v1/verify}.
 *
 * @param device the device asked about, or absent for all devices
 * @param from the range start, epoch milliseconds, inclusive
 * @param to the range end, epoch milliseconds, exclusive
 * @param summary the counts
 * @param windows the windows touching the range, oldest first
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VerifyResponse(
        @Nullable String device, long from, long to, Summary summary, List<WindowVerification> windows) {

    /**
     * Counts over the reported windows.
     *
     * @param windows windows reported
     * @param ok windows whose status is {@code MATCH}
     * @param mismatched windows whose status is {@code MISMATCH}
     * @param pending windows {@code OPEN} or {@code NOT_ANCHORED}
     * @param readings readings checked: rows of the device (or of all devices) in the reported windows
     */
    @Serdeable
    public record Summary(int windows, int ok, int mismatched, int pending, long readings) {}
}
