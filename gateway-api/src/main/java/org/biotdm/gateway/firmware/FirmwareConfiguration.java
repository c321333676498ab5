package org.biotdm.gateway.firmware;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.biotdm.gateway.config.DurationMin;

/**
 * Holds the {@code biotdm.firmware.*} settings: the upload limit and the rollout scheduler. Defaults are in {@code
 * application.yml}; the record is created at startup, so a missing or out-of-range setting stops it.
 *
 * @param maxImageBytes the largest image an admin may upload, bytes, 1 … 2^30 (16 MiB by default)
 * @param campaignTick how often the scheduler runs (500 ms by default)
 * @param revocationCheck how often a running campaign's firmware is looked up on the ledger (15 s by default)
 * @param maxCampaignDevices the most target devices of one campaign (10,000 by default)
 * @param maxOpenCampaigns the most campaigns running or paused at once (50 by default)
 * @param commandExpiry the expiry of each {@code firmware-update} command, at most 24 h (6 h by default)
 * @param notifyConcurrency how many {@code IssueCommand} transactions the scheduler submits at once (8 by default)
 * @param maxPageSize the largest page of a campaign's device list (500 by default)
 * @param deviceTimeout a campaign's device timeout when its request names none: a notified or downloading device
 *     silent this long fails with {@code FIRMWARE_UPDATE_TIMEOUT} (10 min by default, 10 s to 24 h)
 * @param campaignLease how long one instance holds the scheduler lease without renewing it; another instance takes it
 *     over after that (10 s by default, at least 1 s, more than {@code campaignTick})
 */
@Context
@ConfigurationProperties("biotdm.firmware")
record FirmwareConfiguration(
        @Min(1) @Max(1L << 30) long maxImageBytes,
        @NotNull @DurationMin(10) Duration campaignTick,
        @NotNull @DurationMin(1000) Duration revocationCheck,
        @Min(1) int maxCampaignDevices,
        @Min(1) int maxOpenCampaigns,
        @NotNull @DurationMin(1000) Duration commandExpiry,
        @Min(1) @Max(64) int notifyConcurrency,
        @Min(1) int maxPageSize,
        @NotNull @DurationMin(10_000) Duration deviceTimeout,
        @NotNull @DurationMin(1000) Duration campaignLease) {}
