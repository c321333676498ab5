package org.biotdm.gateway.query;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.biotdm.gateway.config.AtMostSetting;
import org.biotdm.gateway.config.SettingBound;
import org.biotdm.gateway.error.ErrorResponse;

/**
 * Telemetry reads for charts, implemented by {@link TelemetryQueryController}. Needs a bearer token of a person who
 * may see the device (admins and auditors of its owner organisation, operators holding a grant on it).
 */
@ApiResponse(
        responseCode = "4XX",
        description = "Refused: the one error shape; the route's description lists its codes and their statuses",
        content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
@ApiResponse(
        responseCode = "5XX",
        description = "Unavailable or unknown outcome: the one error shape, with Retry-After or the transaction ID",
        content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
interface TelemetryQueryOperations {
    /** A bucket length: 1 to 9,999,999 seconds, minutes, hours or days (at most 7 days in all). */
    String BUCKET = "([1-9][0-9]{0,6})([smhd])";

    /**
     * Returns a device's readings in a reading-time range, raw or downsampled.
     *
     * <p>Raw (no {@code bucket}): readings ordered by time then ID, at most {@code limit} (default 1 000, at most
     * {@code biotdm.query.max-page-size}, 5 000); follow {@code nextCursor} for more. Downsampled ({@code
     * bucket=30s}, {@code 1m}, {@code 15m}, {@code 1h}, {@code 1d}…): min, max, average and count of the numeric
     * readings per sensor and bucket, computed by MariaDB; at most {@code biotdm.query.max-buckets} (5 000) buckets
     * may span the range.
     *
     * @param deviceId the device
     * @param sensor only this sensor; absent for all
     * @param from range start, inclusive: epoch ms or ISO-8601; absent for {@code to − 24 h}
     * @param to range end, exclusive; absent for now
     * @param bucket the bucket length {@code <n>s|m|h|d} (1 s to 7 d), or absent for raw readings
     * @param limit raw page size
     * @param cursor raw: {@code nextCursor} of the previous page
     * @param authentication the caller
     * @return the readings or buckets
     * @throws org.biotdm.gateway.error.ApiException 400 {@code INVALID_ARGUMENT} (bad sensor, time, range,
     *     bucket, limit or cursor; {@code limit}/{@code cursor} with {@code bucket}), 400 {@code
     *     TELEMETRY_QUERY_TOO_MANY_BUCKETS}, 404 {@code DEVICE_NOT_FOUND}, 403 {@code DEVICE_ACCESS_DENIED}, 401
     *     {@code AUTH_REQUIRED}, 503 {@code DATABASE_UNAVAILABLE}
     */
    @Get("/devices/{deviceId}/telemetry")
    TelemetrySeries telemetry(
            @PathVariable String deviceId,
            @Nullable @QueryValue String sensor,
            @Nullable @QueryValue String from,
            @Nullable @QueryValue String to,
            @Nullable @QueryValue @Pattern(regexp = BUCKET, message = "must look like 30s, 1m, 15m, 1h or 1d")
                    String bucket,
            @Nullable @QueryValue @Min(1) @AtMostSetting(SettingBound.READING_PAGE_SIZE) Integer limit,
            @Nullable @QueryValue String cursor,
            Authentication authentication);
}
