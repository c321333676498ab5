package org.biotdm.gateway.anchor;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/**
 * Settings of window sealing, anchor submission and verification, under {@code biotdm.anchoring}.
 *
 * <p>Every gateway instance that shares one database must use the same {@code window-ms} and {@code gateway-id};
 * gateways with different databases must use different {@code gateway-id}s (or organisations), because the ledger
 * window ID is {@code <mspId>-<gatewayId>-<window number>}.
 */
@ConfigurationProperties("biotdm.anchoring")
public class AnchoringConfiguration {
    private boolean enabled = true;
    private long windowMs = 10_000;
    private Duration grace = Duration.ofSeconds(2);
    private String gatewayId = "gw1";
    private int submitBatch = 8;
    private int submitConcurrency = 4;
    private Duration submitLease = Duration.ofMinutes(2);
    private Duration retryInitial = Duration.ofSeconds(1);
    private Duration retryMax = Duration.ofMinutes(5);
    private int maxSealsPerRun = 1000;
    private int verifyMaxWindows = 360;

    /**
     * Returns whether this instance runs the sealing and submitting workers.
     *
     * @return true by default
     */
    public boolean isEnabled() {
        return enabled;
    }

    /**
     * Sets whether this instance runs the sealing and submitting workers ({@code enabled}).
     *
     * @param enabled false to leave anchoring to other instances
     */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /**
     * Returns the window length.
     *
     * @return milliseconds, 10 000 by default; window {@code n} covers receive times {@code [n·w, (n+1)·w)}
     */
    public long getWindowMs() {
        return windowMs;
    }

    /**
     * Sets the window length ({@code window-ms}).
     *
     * @param windowMs milliseconds, 1 000 to 3 600 000
     */
    public void setWindowMs(long windowMs) {
        if (windowMs < 1_000 || windowMs > 3_600_000) {
            throw new IllegalArgumentException("biotdm.anchoring.window-ms must be 1000..3600000, got " + windowMs);
        }
        this.windowMs = windowMs;
    }

    /**
     * Returns how long after its end a window is sealed, so writes in flight at the boundary can finish.
     *
     * @return the grace period, 2 s by default
     */
    public Duration getGrace() {
        return grace;
    }

    /**
     * Sets the grace period ({@code grace}).
     *
     * @param grace zero or more
     */
    public void setGrace(Duration grace) {
        this.grace = requireNotNegative("grace", grace);
    }

    /**
     * Returns this deployment's gateway ID, the middle part of every ledger window ID.
     *
     * @return {@code gw1} by default
     */
    public String getGatewayId() {
        return gatewayId;
    }

    /**
     * Sets the gateway ID ({@code gateway-id}).
     *
     * @param gatewayId matches {@code [A-Za-z0-9][A-Za-z0-9._]{0,15}} (no {@code -}, which separates the parts)
     */
    public void setGatewayId(String gatewayId) {
        if (gatewayId == null || !gatewayId.matches("[A-Za-z0-9][A-Za-z0-9._]{0,15}")) {
            throw new IllegalArgumentException(
                    "biotdm.anchoring.gateway-id must match [A-Za-z0-9][A-Za-z0-9._]{0,15}, got " + gatewayId);
        }
        this.gatewayId = gatewayId;
    }

    /**
     * Returns how many outbox rows one submitter run claims.
     *
     * @return 8 by default
     */
    public int getSubmitBatch() {
        return submitBatch;
    }

    /**
     * Sets how many outbox rows one submitter run claims ({@code submit-batch}).
     *
     * @param submitBatch 1 to 1000
     */
    public void setSubmitBatch(int submitBatch) {
        if (submitBatch < 1 || submitBatch > 1000) {
            throw new IllegalArgumentException("biotdm.anchoring.submit-batch must be 1..1000, got " + submitBatch);
        }
        this.submitBatch = submitBatch;
    }

    /**
     * Returns how many claimed anchors are submitted at the same time.
     *
     * @return 4 by default
     */
    public int getSubmitConcurrency() {
        return submitConcurrency;
    }

    /**
     * Sets how many claimed anchors are submitted at the same time ({@code submit-concurrency}).
     *
     * @param submitConcurrency 1 to 64
     */
    public void setSubmitConcurrency(int submitConcurrency) {
        if (submitConcurrency < 1 || submitConcurrency > 64) {
            throw new IllegalArgumentException(
                    "biotdm.anchoring.submit-concurrency must be 1..64, got " + submitConcurrency);
        }
        this.submitConcurrency = submitConcurrency;
    }

    /**
     * Returns how long a claimed outbox row stays with its submitter before another instance may take it over.
     *
     * @return 2 min by default; longer than the ledger client's submit and commit timeouts
     */
    public Duration getSubmitLease() {
        return submitLease;
    }

    /**
     * Sets the claim lease ({@code submit-lease}).
     *
     * @param submitLease positive
     */
    public void setSubmitLease(Duration submitLease) {
        this.submitLease = requirePositive("submit-lease", submitLease);
    }

    /**
     * Returns the delay before the first retry of a failed submission; it doubles per attempt.
     *
     * @return 1 s by default
     */
    public Duration getRetryInitial() {
        return retryInitial;
    }

    /**
     * Sets the first retry delay ({@code retry-initial}).
     *
     * @param retryInitial positive
     */
    public void setRetryInitial(Duration retryInitial) {
        this.retryInitial = requirePositive("retry-initial", retryInitial);
    }

    /**
     * Returns the longest delay between retries.
     *
     * @return 5 min by default
     */
    public Duration getRetryMax() {
        return retryMax;
    }

    /**
     * Sets the longest retry delay ({@code retry-max}).
     *
     * @param retryMax positive
     */
    public void setRetryMax(Duration retryMax) {
        this.retryMax = requirePositive("retry-max", retryMax);
    }

    /**
     * Returns how many windows one sealer run seals at most (catching up after downtime).
     *
     * @return 1000 by default
     */
    public int getMaxSealsPerRun() {
        return maxSealsPerRun;
    }

    /**
     * Sets how many windows one sealer run seals at most ({@code max-seals-per-run}).
     *
     * @param maxSealsPerRun 1 or more
     */
    public void setMaxSealsPerRun(int maxSealsPerRun) {
        if (maxSealsPerRun < 1) {
            throw new IllegalArgumentException("biotdm.anchoring.max-seals-per-run must be positive");
        }
        this.maxSealsPerRun = maxSealsPerRun;
    }

    /**
     * Returns the most windows one verification request may cover.
     *
     * @return 360 by default (one hour of 10 s windows)
     */
    public int getVerifyMaxWindows() {
        return verifyMaxWindows;
    }

    /**
     * Sets the most windows one verification request may cover ({@code verify-max-windows}).
     *
     * @param verifyMaxWindows 1 or more
     */
    public void setVerifyMaxWindows(int verifyMaxWindows) {
        if (verifyMaxWindows < 1) {
            throw new IllegalArgumentException("biotdm.anchoring.verify-max-windows must be positive");
        }
        this.verifyMaxWindows = verifyMaxWindows;
    }

    private static Duration requirePositive(String key, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("biotdm.anchoring." + key + " must be positive");
        }
        return value;
    }

    private static Duration requireNotNegative(String key, Duration value) {
        if (value == null || value.isNegative()) {
            throw new IllegalArgumentException("biotdm.anchoring." + key + " must not be negative");
        }
        return value;
    }
}
