package org.biotdm.gateway.command;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/**
 * Holds the {@code biotdm.commands.*} settings: expiry bounds of issued commands, the device long poll, and the expiry
 * sweep.
 */
@ConfigurationProperties("biotdm.commands")
public class CommandsConfiguration {
    private Duration defaultExpiry = Duration.ofHours(1);
    private Duration maxExpiry = Duration.ofHours(24);
    private int maxParametersBytes = 8192;
    private int maxResultBytes = 65536;
    private Duration maxWait = Duration.ofSeconds(60);
    private int maxDelivered = 16;
    private Duration expirySweepInterval = Duration.ofSeconds(5);
    private int maxPageSize = 200;

    /**
     * Returns the expiry of a command issued without {@code expiresIn} or {@code expiresAt}.
     *
     * @return 1 h by default
     */
    public Duration getDefaultExpiry() {
        return defaultExpiry;
    }

    /**
     * Sets the default expiry.
     *
     * @param defaultExpiry the duration
     */
    public void setDefaultExpiry(Duration defaultExpiry) {
        this.defaultExpiry = defaultExpiry;
    }

    /**
     * Returns the longest expiry accepted; the chaincode refuses more than 24 h after the transaction time.
     *
     * @return 24 h by default
     */
    public Duration getMaxExpiry() {
        return maxExpiry;
    }

    /**
     * Sets the longest expiry (at most 24 h, the chaincode's limit).
     *
     * @param maxExpiry the duration
     */
    public void setMaxExpiry(Duration maxExpiry) {
        this.maxExpiry = maxExpiry;
    }

    /**
     * Returns the largest canonical parameters text accepted.
     *
     * @return bytes, 8192 by default
     */
    public int getMaxParametersBytes() {
        return maxParametersBytes;
    }

    /**
     * Sets the largest canonical parameters text.
     *
     * @param maxParametersBytes bytes
     */
    public void setMaxParametersBytes(int maxParametersBytes) {
        this.maxParametersBytes = maxParametersBytes;
    }

    /**
     * Returns the largest canonical result text a receipt may carry.
     *
     * @return bytes, 65536 by default
     */
    public int getMaxResultBytes() {
        return maxResultBytes;
    }

    /**
     * Sets the largest canonical result text.
     *
     * @param maxResultBytes bytes
     */
    public void setMaxResultBytes(int maxResultBytes) {
        this.maxResultBytes = maxResultBytes;
    }

    /**
     * Returns the longest {@code wait} of a device's long poll.
     *
     * @return 60 s by default
     */
    public Duration getMaxWait() {
        return maxWait;
    }

    /**
     * Sets the longest long-poll wait.
     *
     * @param maxWait the duration
     */
    public void setMaxWait(Duration maxWait) {
        this.maxWait = maxWait;
    }

    /**
     * Returns how many commands one poll hands out at most (oldest first).
     *
     * @return 16 by default
     */
    public int getMaxDelivered() {
        return maxDelivered;
    }

    /**
     * Sets how many commands one poll hands out at most.
     *
     * @param maxDelivered the count
     */
    public void setMaxDelivered(int maxDelivered) {
        this.maxDelivered = maxDelivered;
    }

    /**
     * Returns how often commands past their expiry are marked {@code EXPIRED}.
     *
     * @return 5 s by default
     */
    public Duration getExpirySweepInterval() {
        return expirySweepInterval;
    }

    /**
     * Sets how often the expiry sweep runs.
     *
     * @param expirySweepInterval the interval
     */
    public void setExpirySweepInterval(Duration expirySweepInterval) {
        this.expirySweepInterval = expirySweepInterval;
    }

    /**
     * Returns the largest page of the command list.
     *
     * @return 200 by default
     */
    public int getMaxPageSize() {
        return maxPageSize;
    }

    /**
     * Sets the largest page of the command list.
     *
     * @param maxPageSize the count
     */
    public void setMaxPageSize(int maxPageSize) {
        this.maxPageSize = maxPageSize;
    }
}
