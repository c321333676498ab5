package org.biotdm.gateway.query;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.biotdm.gateway.config.DurationMin;

/**
 * Limits of the telemetry read API, under {@code biotdm.query}.
 *
 * <p>Defaults are in {@code application.yml}; the record is created at startup
 * ({@code @Context}), so a missing or out-of-range setting stops it.
 *
 * @param maxPageSize the largest page of raw readings; readings, 5 000 by default
 * @param defaultPageSize the page size when {@code limit} is absent; readings, 1 000 by default
 * @param maxBuckets the most buckets one downsampled query may span ({@code (to − from) / bucket}); buckets, 5 000 by
 *     default
 * @param defaultRange the range read when {@code from} is absent: {@code [to − default-range, to)}; 24 h by default
 */
@Context
@ConfigurationProperties("biotdm.query")
public record QueryConfiguration(
        @Min(1) int maxPageSize,
        @Min(1) int defaultPageSize,
        @Min(1) int maxBuckets,
        @NotNull @DurationMin(1) Duration defaultRange) {}
