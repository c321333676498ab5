package org.biotdm.gateway.query;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * The answer of {@code GET /api/v1/devices/{deviceId}/telemetry}: raw readings or buckets.
 *
 * @param deviceId the device
 * @param sensor the sensor asked for, or null for all
 * @param from the range start, inclusive, epoch ms (reading time)
 * @param to the range end, exclusive, epoch ms
 * @param bucketMs the bucket length in ms when downsampled, else null
 * @param points raw readings ordered by time then ID (null when downsampled)
 * @param buckets buckets ordered by sensor then start (null when raw)
 * @param nextCursor raw only: pass as {@code cursor} for the next page; null on the last page
 */
@Serdeable
public record TelemetrySeries(
        String deviceId,
        @Nullable String sensor,
        long from,
        long to,
        @Nullable Long bucketMs,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable List<TelemetryPoint> points,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable List<TelemetryBucket> buckets,
        @Nullable String nextCursor) {}
