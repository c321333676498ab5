package org.biotdm.gateway.firmware;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * One target device's update in a campaign (table {@code firmware_campaign_devices}).
 *
 * @param campaignId the campaign
 * @param deviceId the device
 * @param ownerMsp the device's owner
 * @param position the order devices are notified in, from 0
 * @param stage 1 for the first stage, 2 for the rest
 * @param state the update's state
 * @param reason the catalogue code of a {@code FAILED} update, or null
 * @param commandId the {@code firmware-update} command, once issued
 * @param updateTxId the {@code RecordFirmwareUpdate} transaction of an {@code UPDATED} device, or null
 * @param updatedAt when the state last changed, epoch ms
 */
@Serdeable
public record CampaignDeviceRow(
        String campaignId,
        String deviceId,
        String ownerMsp,
        int position,
        int stage,
        UpdateState state,
        @Nullable String reason,
        @Nullable String commandId,
        @Nullable String updateTxId,
        long updatedAt) {}
