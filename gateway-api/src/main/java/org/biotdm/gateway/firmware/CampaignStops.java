package org.biotdm.gateway.firmware;

import jakarta.inject.Singleton;
import java.util.List;
import java.util.Set;
import org.biotdm.gateway.error.ErrorCode;

/**
 * Ends campaigns: when their firmware is revoked (through this gateway's route, or found revoked on the ledger by the
 * scheduler), every open campaign of that version aborts and each of its devices still fetching the image fails with
 * {@code FIRMWARE_REVOKED} (the download route stops serving it at once); when failures pass the abort threshold, the
 * campaign aborts and its queued devices stay on their firmware.
 */
@Singleton
class CampaignStops {
    private static final Set<UpdateState> REVOCABLE =
            Set.of(UpdateState.NOTIFIED, UpdateState.DOWNLOADING, UpdateState.DOWNLOADED, UpdateState.VERIFIED);

    private static final String REVOKED = ErrorCode.FIRMWARE_REVOKED.name();
    private static final String TIMEOUT = ErrorCode.FIRMWARE_UPDATE_TIMEOUT.name();
    private static final int TIMEOUT_BATCH = 500;

    private final Campaigns campaigns;
    private final FirmwareEvents events;

    CampaignStops(Campaigns campaigns, FirmwareEvents events) {
        this.campaigns = campaigns;
        this.events = events;
    }

    /**
     * Stops every open campaign of a revoked version.
     *
     * @param model the model
     * @param version the version
     */
    void firmwareRevoked(String model, String version) {
        for (CampaignRow campaign : campaigns.openUsing(model, version)) {
            revoked(campaign);
        }
    }

    /**
     * Stops one campaign whose firmware was revoked.
     *
     * @param campaign the campaign
     */
    void revoked(CampaignRow campaign) {
        abort(campaign, REVOKED + ": the firmware was revoked");
        List<CampaignDeviceRow> inFlight = campaigns.inFlight(campaign.campaignId());
        for (CampaignDeviceRow d : inFlight) {
            if (campaigns.moveDevice(
                    campaign.campaignId(), d.deviceId(), REVOCABLE, UpdateState.FAILED, REVOKED, null, null)) {
                events.changed(campaign, d.deviceId(), d.ownerMsp(), UpdateState.FAILED, REVOKED);
            }
        }
    }

    /**
     * Fails the campaign's notified or downloading devices that reported nothing within its device timeout, with
     * reason {@code FIRMWARE_UPDATE_TIMEOUT}; they then count toward the abort threshold like any failure. At most
     * {@value #TIMEOUT_BATCH} a call, oldest first.
     *
     * @param campaign the campaign
     * @return how many it failed
     */
    int timedOut(CampaignRow campaign) {
        long silentSince = System.currentTimeMillis() - campaign.deviceTimeoutMs();
        int failed = 0;
        for (CampaignDeviceRow d : campaigns.silent(campaign.campaignId(), silentSince, TIMEOUT_BATCH)) {
            if (campaigns.failSilent(campaign.campaignId(), d.deviceId(), silentSince, TIMEOUT)) {
                events.changed(campaign, d.deviceId(), d.ownerMsp(), UpdateState.FAILED, TIMEOUT);
                failed++;
            }
        }
        return failed;
    }

    /**
     * Aborts an open campaign.
     *
     * @param campaign the campaign
     * @param reason why
     * @return true when this call aborted it
     */
    boolean abort(CampaignRow campaign, String reason) {
        return campaigns.move(
                campaign.campaignId(),
                Set.of(CampaignState.RUNNING, CampaignState.PAUSED),
                CampaignState.ABORTED,
                reason,
                System.currentTimeMillis());
    }
}
