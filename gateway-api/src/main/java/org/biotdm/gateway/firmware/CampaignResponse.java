package org.biotdm.gateway.firmware;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.Map;

/**
 * A campaign and its progress, as {@code /api/v1/firmware/campaigns} answers.
 *
 * @param campaignId the campaign ID
 * @param model the firmware's model
 * @param version the firmware's version
 * @param state {@code RUNNING}, {@code PAUSED}, {@code COMPLETED}, {@code ABORTED} or {@code CANCELLED}
 * @param stage 1 while the first stage runs, 2 once the rest may be notified
 * @param ratePerMinute devices notified per minute at most
 * @param firstStagePercent the first stage's share of the devices
 * @param abortThresholdPercent the failure share above which it aborts
 * @param abortMinDevices finished devices before the threshold applies
 * @param deviceCount target devices
 * @param createdBy the operator who created it
 * @param createdAt when, epoch ms
 * @param endedAt when it ended, epoch ms, or null
 * @param endReason why it aborted or was cancelled, or null
 * @param deviceTimeoutSeconds how long a notified or downloading device may stay silent before it fails, s
 * @param counts devices per update state ({@code QUEUED} … {@code FAILED})
 */
@Serdeable
public record CampaignResponse(
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
        String createdBy,
        long createdAt,
        @Nullable Long endedAt,
        @Nullable String endReason,
        long deviceTimeoutSeconds,
        Map<UpdateState, Integer> counts) {

    static CampaignResponse of(CampaignRow c, Map<UpdateState, Integer> counts) {
        return new CampaignResponse(
                c.campaignId(),
                c.model(),
                c.version(),
                c.state(),
                c.stage(),
                c.ratePerMinute(),
                c.firstStagePercent(),
                c.abortThresholdPercent(),
                c.abortMinDevices(),
                c.deviceCount(),
                c.createdBy(),
                c.createdAt(),
                c.endedAt(),
                c.endReason(),
                c.deviceTimeoutMs() / 1000,
                counts);
    }
}
