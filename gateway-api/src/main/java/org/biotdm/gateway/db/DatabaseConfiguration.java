package org.biotdm.gateway.db;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.nio.file.Path;
import java.time.Duration;
import org.biotdm.gateway.config.DurationMin;

/**
 * Settings of the database wiring under {@code biotdm.database}. The connection itself is {@code
 * datasources.default.*}; an empty {@code datasources.default.url} starts the embedded MariaDB described here.
 *
 * <p>Defaults are in {@code application.yml}; the record is created at startup
 * ({@code @Context}), so a missing or out-of-range setting stops it.
 *
 * @param embeddedPort the embedded server's port; the TCP port on 127.0.0.1; 0 (the default) picks a free port at each
 *     start
 * @param embeddedBaseDir where the embedded MariaDB binaries are unpacked once and shared by every data directory;
 *     {@code <java.io.tmpdir>/biotdm-mariadb} by default
 * @param embeddedDatabase the database the embedded server creates and the service uses; {@code biotdm} by default
 * @param partitionsAheadDays for how many days ahead the partition job keeps daily {@code telemetry} partitions ready;
 *     days, 7 by default
 * @param retryAfter the {@code Retry-After} sent with 503 {@code DATABASE_UNAVAILABLE}; 5 s by default
 */
@Context
@ConfigurationProperties("biotdm.database")
public record DatabaseConfiguration(
        @Min(0) @Max(65535) int embeddedPort,
        @NotNull Path embeddedBaseDir,
        @NotNull @Pattern(regexp = "[A-Za-z0-9_]{1,64}") String embeddedDatabase,
        @Min(0) int partitionsAheadDays,
        @NotNull @DurationMin(1) Duration retryAfter) {}
