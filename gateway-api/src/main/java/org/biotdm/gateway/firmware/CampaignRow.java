package org.biotdm.gateway.firmware;

import io.micronaut.core.annotation.Nullable;
import org.biotdm.gateway.users.ApiRole;
import org.biotdm.gateway.users.ApiUser;

/**
 * A rollout campaign as table {@code firmware_campaigns} keeps it.
 *
 * @param campaignId the campaign ID
 * @param model the firmware's model
 * @param version the firmware's version
 * @param state the campaign's state
 * @param stage 1 while the first stage runs, 2 once the rest may be notified
 * @param ratePerMinute devices notified per minute at most
 * @param firstStagePercent the share of target devices in the first stage, 1–100
 * @param abortThresholdPercent the failure share, 0–100, above which the campaign aborts
 * @param abortMinDevices finished devices needed before the threshold applies
 * @param deviceCount target devices
 * @param createdByUserId the operator's user ID (the {@code firmware-update} commands are issued as them)
 * @param createdBy the operator's login name
 * @param creatorMsp the operator's MSP ID
 * @param creatorFabricId the operator's Fabric identity
 * @param createdAt when, epoch ms
 * @param nextNotifyAt when the rate lets the next device be notified, epoch ms
 * @param endedAt when it ended, epoch ms, or null
 * @param endReason why it aborted or was cancelled, or null
 * @param deviceTimeoutMs how long a notified or downloading device may stay silent before it fails with {@code
 *     FIRMWARE_UPDATE_TIMEOUT}, ms
 */
record CampaignRow(
        String campaignId,
        String model,
        String version,
        CampaignState state,
        int stage,
        int ratePerMinute,
        int firstStagePercent,
        int abortThresholdPercent,
        int abortMinDevices,
        int deviceCount,
        long createdByUserId,
        String createdBy,
        String creatorMsp,
        String creatorFabricId,
        long createdAt,
        long nextNotifyAt,
        @Nullable Long endedAt,
        @Nullable String endReason,
        long deviceTimeoutMs) {

    /**
     * Returns the operator whose identity issues the campaign's commands.
     *
     * @return the operator
     */
    public ApiUser creator() {
        return new ApiUser(createdByUserId, createdBy, creatorMsp, ApiRole.OPERATOR, creatorFabricId);
    }

    /**
     * Returns the milliseconds between two notifications at the campaign's rate.
     *
     * @return at least 1
     */
    public long notifyIntervalMillis() {
        return Math.max(1, 60_000L / ratePerMinute);
    }
}
