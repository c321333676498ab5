package org.biotdm.gateway.export;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import jakarta.validation.constraints.Min;

/**
 * Settings of the streamed exports, under {@code biotdm.export}.
 *
 * <p>Defaults are in {@code application.yml}; the record is created at startup
 * ({@code @Context}), so a missing or out-of-range setting stops it.
 *
 * @param fetchSize how many rows the MariaDB driver fetches at a time while streaming; rows, 500 by default
 * @param maxConcurrent how many exports may stream at once; each holds one database connection until it ends; exports,
 *     4 by default (keep it well below the pool's {@code maximum-pool-size})
 */
@Context
@ConfigurationProperties("biotdm.export")
public record ExportConfiguration(@Min(1) int fetchSize, @Min(1) int maxConcurrent) {}
