package org.biotdm.gateway.ingress;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Settings of the device port and of telemetry ingest, under {@code biotdm.ingress}. */
@ConfigurationProperties("biotdm.ingress")
public class IngressConfiguration {
    private boolean enabled = true;
    private int port = 8443;
    private String host;
    private Path tlsCert;
    private Path tlsKey;
    private List<String> tlsHostnames = List.of("localhost", "127.0.0.1");
    private List<Path> clientCaCerts = List.of();
    private int maxBodyBytes = 256 * 1024;
    private int maxReadings = 1000;
    private Duration maxClockSkew = Duration.ofMinutes(5);
    private Duration maxReadingAge = Duration.ofHours(24);
    private int sequenceCacheSize = 100_000;
    private int writerThreads = 2;
    private int writerQueueCapacity = 10_000;
    private int writerMaxBatches = 512;
    private int writerMaxRows = 20_000;

    /**
     * Returns whether the device port is opened when the API server starts.
     *
     * @return true by default
     */
    public boolean isEnabled() {
        return enabled;
    }

    /**
     * Sets whether the device port is opened ({@code enabled}).
     *
     * @param enabled false for an API-only instance
     */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /**
     * Returns the device port.
     *
     * @return the TCP port, 8443 by default; 0 picks a free port (tests)
     */
    public int getPort() {
        return port;
    }

    /**
     * Sets the device port ({@code port}).
     *
     * @param port 0 to 65535
     */
    public void setPort(int port) {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("biotdm.ingress.port must be 0..65535");
        }
        this.port = port;
    }

    /**
     * Returns the address the device port binds to.
     *
     * @return the host, or null for every interface
     */
    public String getHost() {
        return host;
    }

    /**
     * Sets the bind address ({@code host}).
     *
     * @param host an address or host name, or null for every interface
     */
    public void setHost(String host) {
        this.host = host;
    }

    /**
     * Returns the server certificate chain PEM file.
     *
     * @return the path, or null to use (and on first start generate) a self-signed certificate under {@code
     *     <data-dir>/ingress/}
     */
    public Path getTlsCert() {
        return tlsCert;
    }

    /**
     * Sets the server certificate chain ({@code tls-cert}): PEM, leaf first.
     *
     * @param tlsCert the path, or null
     */
    public void setTlsCert(Path tlsCert) {
        this.tlsCert = tlsCert;
    }

    /**
     * Returns the server private key PEM file.
     *
     * @return the path, or null (see {@link #getTlsCert()})
     */
    public Path getTlsKey() {
        return tlsKey;
    }

    /**
     * Sets the server private key ({@code tls-key}): PEM, PKCS#8 or traditional, unencrypted.
     *
     * @param tlsKey the path, or null
     */
    public void setTlsKey(Path tlsKey) {
        this.tlsKey = tlsKey;
    }

    /**
     * Returns the names a generated self-signed certificate is valid for.
     *
     * @return DNS names and IP addresses, {@code localhost} and {@code 127.0.0.1} by default
     */
    public List<String> getTlsHostnames() {
        return tlsHostnames;
    }

    /**
     * Sets the subject alternative names of a generated certificate ({@code tls-hostnames}).
     *
     * @param tlsHostnames DNS names and IP literals
     */
    public void setTlsHostnames(List<String> tlsHostnames) {
        this.tlsHostnames = List.copyOf(tlsHostnames);
    }

    /**
     * Returns the PEM files of the device CAs whose certificates the device port accepts.
     *
     * @return the paths; each file may hold several certificates
     */
    public List<Path> getClientCaCerts() {
        return clientCaCerts;
    }

    /**
     * Sets the trusted device CAs ({@code client-ca-certs}). Beans implementing {@link DeviceCaCertificates} add
     * theirs.
     *
     * @param clientCaCerts PEM files
     */
    public void setClientCaCerts(List<Path> clientCaCerts) {
        this.clientCaCerts = List.copyOf(clientCaCerts);
    }

    /**
     * Returns the largest request body the device port accepts.
     *
     * @return bytes, 256 KiB by default
     */
    public int getMaxBodyBytes() {
        return maxBodyBytes;
    }

    /**
     * Sets the body limit ({@code max-body-bytes}).
     *
     * @param maxBodyBytes 1 KiB to 16 MiB
     */
    public void setMaxBodyBytes(int maxBodyBytes) {
        if (maxBodyBytes < 1024 || maxBodyBytes > 16 * 1024 * 1024) {
            throw new IllegalArgumentException("biotdm.ingress.max-body-bytes must be 1024..16777216");
        }
        this.maxBodyBytes = maxBodyBytes;
    }

    /**
     * Returns the most readings one batch may carry.
     *
     * @return 1000 by default
     */
    public int getMaxReadings() {
        return maxReadings;
    }

    /**
     * Sets the reading limit ({@code max-readings}).
     *
     * @param maxReadings 1 to 100000
     */
    public void setMaxReadings(int maxReadings) {
        if (maxReadings < 1 || maxReadings > 100_000) {
            throw new IllegalArgumentException("biotdm.ingress.max-readings must be 1..100000");
        }
        this.maxReadings = maxReadings;
    }

    /**
     * Returns how far a batch time may be from the gateway's clock.
     *
     * @return 5 min by default
     */
    public Duration getMaxClockSkew() {
        return maxClockSkew;
    }

    /**
     * Sets the allowed clock skew ({@code max-clock-skew}).
     *
     * @param maxClockSkew positive
     */
    public void setMaxClockSkew(Duration maxClockSkew) {
        this.maxClockSkew = positive("max-clock-skew", maxClockSkew);
    }

    /**
     * Returns how long before its batch time a reading may have been taken.
     *
     * @return 24 h by default
     */
    public Duration getMaxReadingAge() {
        return maxReadingAge;
    }

    /**
     * Sets the reading age limit ({@code max-reading-age}).
     *
     * @param maxReadingAge positive
     */
    public void setMaxReadingAge(Duration maxReadingAge) {
        this.maxReadingAge = positive("max-reading-age", maxReadingAge);
    }

    /**
     * Returns how many devices' sequence windows are kept in memory.
     *
     * @return 100 000 by default
     */
    public int getSequenceCacheSize() {
        return sequenceCacheSize;
    }

    /**
     * Sets the sequence window cache size ({@code sequence-cache-size}).
     *
     * @param sequenceCacheSize 1 or more
     */
    public void setSequenceCacheSize(int sequenceCacheSize) {
        this.sequenceCacheSize = atLeastOne("sequence-cache-size", sequenceCacheSize);
    }

    /**
     * Returns how many writer threads commit telemetry; a device's batches always go to the same one.
     *
     * @return 2 by default
     */
    public int getWriterThreads() {
        return writerThreads;
    }

    /**
     * Sets the writer thread count ({@code writer-threads}).
     *
     * @param writerThreads 1 to 64
     */
    public void setWriterThreads(int writerThreads) {
        if (writerThreads < 1 || writerThreads > 64) {
            throw new IllegalArgumentException("biotdm.ingress.writer-threads must be 1..64");
        }
        this.writerThreads = writerThreads;
    }

    /**
     * Returns how many accepted batches may wait for each writer; beyond it requests get 503.
     *
     * @return 10 000 by default
     */
    public int getWriterQueueCapacity() {
        return writerQueueCapacity;
    }

    /**
     * Sets the writer queue capacity ({@code writer-queue-capacity}).
     *
     * @param writerQueueCapacity 1 or more
     */
    public void setWriterQueueCapacity(int writerQueueCapacity) {
        this.writerQueueCapacity = atLeastOne("writer-queue-capacity", writerQueueCapacity);
    }

    /**
     * Returns the most batches one group-commit transaction takes.
     *
     * @return 512 by default
     */
    public int getWriterMaxBatches() {
        return writerMaxBatches;
    }

    /**
     * Sets the group size in batches ({@code writer-max-batches}).
     *
     * @param writerMaxBatches 1 or more
     */
    public void setWriterMaxBatches(int writerMaxBatches) {
        this.writerMaxBatches = atLeastOne("writer-max-batches", writerMaxBatches);
    }

    /**
     * Returns the reading count after which a writer stops adding batches to a transaction.
     *
     * @return 20 000 by default
     */
    public int getWriterMaxRows() {
        return writerMaxRows;
    }

    /**
     * Sets the group size in readings ({@code writer-max-rows}).
     *
     * @param writerMaxRows 1 or more
     */
    public void setWriterMaxRows(int writerMaxRows) {
        this.writerMaxRows = atLeastOne("writer-max-rows", writerMaxRows);
    }

    private static Duration positive(String key, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("biotdm.ingress." + key + " must be positive");
        }
        return value;
    }

    private static int atLeastOne(String key, int value) {
        if (value < 1) {
            throw new IllegalArgumentException("biotdm.ingress." + key + " must be at least 1");
        }
        return value;
    }
}
