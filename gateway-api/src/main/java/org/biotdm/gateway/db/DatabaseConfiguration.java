package org.biotdm.gateway.db;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Settings of the database wiring under {@code biotdm.database}. The connection itself is {@code
 * datasources.default.*}; an empty {@code datasources.default.url} starts the embedded MariaDB described here.
 */
@ConfigurationProperties("biotdm.database")
public class DatabaseConfiguration {
    private int embeddedPort;
    private Path embeddedBaseDir = Path.of(System.getProperty("java.io.tmpdir"), "biotdm-mariadb");
    private String embeddedDatabase = "biotdm";
    private int partitionsAheadDays = 7;
    private Duration retryAfter = Duration.ofSeconds(5);

    /**
     * Returns the embedded server's port.
     *
     * @return the TCP port on 127.0.0.1; 0 (the default) picks a free port at each start
     */
    public int getEmbeddedPort() {
        return embeddedPort;
    }

    /**
     * Sets the embedded server's port ({@code embedded-port}).
     *
     * @param embeddedPort 0 to 65535
     */
    public void setEmbeddedPort(int embeddedPort) {
        if (embeddedPort < 0 || embeddedPort > 65_535) {
            throw new IllegalArgumentException("biotdm.database.embedded-port must be 0..65535");
        }
        this.embeddedPort = embeddedPort;
    }

    /**
     * Returns where the embedded MariaDB binaries are unpacked once and shared by every data directory.
     *
     * @return {@code <java.io.tmpdir>/biotdm-mariadb} by default
     */
    public Path getEmbeddedBaseDir() {
        return embeddedBaseDir;
    }

    /**
     * Sets the binaries directory ({@code embedded-base-dir}).
     *
     * @param embeddedBaseDir a writable directory; about 370 MB are unpacked into it
     */
    public void setEmbeddedBaseDir(Path embeddedBaseDir) {
        this.embeddedBaseDir = embeddedBaseDir;
    }

    /**
     * Returns the database the embedded server creates and the service uses.
     *
     * @return {@code biotdm} by default
     */
    public String getEmbeddedDatabase() {
        return embeddedDatabase;
    }

    /**
     * Sets the embedded database name ({@code embedded-database}).
     *
     * @param embeddedDatabase {@code [A-Za-z0-9_]{1,64}}
     */
    public void setEmbeddedDatabase(String embeddedDatabase) {
        this.embeddedDatabase = embeddedDatabase;
    }

    /**
     * Returns for how many days ahead the partition job keeps daily {@code telemetry} partitions ready.
     *
     * @return days, 7 by default
     */
    public int getPartitionsAheadDays() {
        return partitionsAheadDays;
    }

    /**
     * Sets the partition horizon ({@code partitions-ahead-days}).
     *
     * @param partitionsAheadDays 1 to 366
     */
    public void setPartitionsAheadDays(int partitionsAheadDays) {
        if (partitionsAheadDays < 1 || partitionsAheadDays > 366) {
            throw new IllegalArgumentException("biotdm.database.partitions-ahead-days must be 1..366");
        }
        this.partitionsAheadDays = partitionsAheadDays;
    }

    /**
     * Returns the {@code Retry-After} sent with 503 {@code DATABASE_UNAVAILABLE}.
     *
     * @return 5 s by default
     */
    public Duration getRetryAfter() {
        return retryAfter;
    }

    /**
     * Sets the retry hint ({@code retry-after}).
     *
     * @param retryAfter at least one second
     */
    public void setRetryAfter(Duration retryAfter) {
        if (retryAfter == null || retryAfter.toSeconds() < 1) {
            throw new IllegalArgumentException("biotdm.database.retry-after must be at least 1s");
        }
        this.retryAfter = retryAfter;
    }
}
