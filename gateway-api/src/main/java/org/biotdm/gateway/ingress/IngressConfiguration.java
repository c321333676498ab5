package org.biotdm.gateway.ingress;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import io.micronaut.core.annotation.Nullable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.biotdm.gateway.config.DurationMin;

/**
 * Settings of the device port and of telemetry ingest, under {@code biotdm.ingress}.
 *
 * <p>Defaults are in {@code application.yml}; the record is created at startup
 * ({@code @Context}), so a missing or out-of-range setting stops it.
 *
 * @param enabled whether the device port is opened when the API server starts; true by default
 * @param port the device port; the TCP port, 8443 by default; 0 picks a free port (tests)
 * @param host the address the device port binds to; the host, or null for every interface
 * @param tlsCert the server certificate chain PEM file; the path, or null to use (and on first start generate) a
 *     self-signed certificate under {@code <data-dir>/ingress/}
 * @param tlsKey the server private key PEM file; the path, or null (see {@link #tlsCert()})
 * @param tlsHostnames the names a generated self-signed certificate is valid for; DNS names and IP addresses, {@code
 *     localhost} and {@code 127.0.0.1} by default
 * @param clientCaCerts the PEM files of the device CAs whose certificates the device port accepts; the paths; each file
 *     may hold several certificates
 * @param maxBodyBytes the largest request body the device port accepts; bytes, 256 KiB by default
 * @param maxReadings the most readings one batch may carry; 1000 by default
 * @param maxClockSkew how far a batch time may be from the gateway's clock; 5 min by default
 * @param maxReadingAge how long before its batch time a reading may have been taken; 24 h by default
 * @param sequenceCacheSize how many devices' sequence windows are kept in memory; 100 000 by default
 * @param writerThreads how many writer threads commit telemetry; a device's batches always go to the same one; 2 by
 *     default
 * @param writerQueueCapacity how many accepted batches may wait for each writer; beyond it requests get 503; 10 000 by
 *     default
 * @param writerMaxBatches the most batches one group-commit transaction takes; 512 by default
 * @param writerMaxRows the reading count after which a writer stops adding batches to a transaction; 20 000 by default
 * @param writerDeviceMaxBatches how many batches one device may have waiting for its writer; beyond it that device's
 *     requests get 503, so that it cannot delay the other devices of its writer thread; 32 by default
 */
@Context
@ConfigurationProperties("biotdm.ingress")
public record IngressConfiguration(
        boolean enabled,
        @Min(0) @Max(65535) int port,
        @Nullable String host,
        @Nullable Path tlsCert,
        @Nullable Path tlsKey,
        @Nullable List<String> tlsHostnames,
        @Nullable List<Path> clientCaCerts,
        @Min(1024) @Max(16777216) int maxBodyBytes,
        @Min(1) @Max(100000) int maxReadings,
        @NotNull @DurationMin(1) Duration maxClockSkew,
        @NotNull @DurationMin(1) Duration maxReadingAge,
        @Min(1) int sequenceCacheSize,
        @Min(1) @Max(64) int writerThreads,
        @Min(1) int writerQueueCapacity,
        @Min(1) int writerMaxBatches,
        @Min(1) int writerMaxRows,
        @Min(1) int writerDeviceMaxBatches) {

    /**
     * Copies the lists; an absent list is empty.
     *
     * @param enabled see the record description
     * @param port see the record description
     * @param host see the record description
     * @param tlsCert see the record description
     * @param tlsKey see the record description
     * @param tlsHostnames see the record description
     * @param clientCaCerts see the record description
     * @param maxBodyBytes see the record description
     * @param maxReadings see the record description
     * @param maxClockSkew see the record description
     * @param maxReadingAge see the record description
     * @param sequenceCacheSize see the record description
     * @param writerThreads see the record description
     * @param writerQueueCapacity see the record description
     * @param writerMaxBatches see the record description
     * @param writerMaxRows see the record description
     * @param writerDeviceMaxBatches see the record description
     */
    public IngressConfiguration {
        tlsHostnames = tlsHostnames == null ? List.of() : List.copyOf(tlsHostnames);
        clientCaCerts = clientCaCerts == null ? List.of() : List.copyOf(clientCaCerts);
    }
}
