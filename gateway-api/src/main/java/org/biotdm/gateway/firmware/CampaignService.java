package org.biotdm.gateway.firmware;

import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.biotdm.gateway.device.DeviceRecord;
import org.biotdm.gateway.error.ApiException;
import org.biotdm.gateway.error.ErrorCode;
import org.biotdm.gateway.users.ApiUser;

/**
 * Creates rollout campaigns for operators and changes their state: pause, resume, cancel. The {@link
 * CampaignScheduler} does the rest from the tables, so a campaign goes on where it was after a restart. A campaign's
 * {@code firmware-update} commands are issued as the operator who created it, so the chaincode checks that person's
 * grant (command type {@code firmware-update}) on each device.
 */
@Singleton
final class CampaignService {
    private final FirmwareConfiguration configuration;
    private final Campaigns campaigns;
    private final FirmwareImages images;
    private final CampaignTargets targets;

    /**
     * Creates the service.
     *
     * @param configuration the firmware settings
     * @param campaigns the campaign tables
     * @param images the catalogue
     * @param targets resolves targets
     */
    public CampaignService(
            FirmwareConfiguration configuration, Campaigns campaigns, FirmwareImages images, CampaignTargets targets) {
        this.configuration = configuration;
        this.campaigns = campaigns;
        this.images = images;
        this.targets = targets;
    }

    /**
     * Creates a campaign, RUNNING, its devices QUEUED.
     *
     * @param operator the operator
     * @param request the campaign
     * @return the campaign
     * @throws ApiException 404 {@code FIRMWARE_NOT_FOUND} (not published through this gateway); 409 {@code
     *     FIRMWARE_REVOKED}, {@code CAMPAIGN_EXISTS}, {@code CAMPAIGN_LIMIT_REACHED}; the target's codes ({@link
     *     CampaignTargets#resolve}); 503 {@code DATABASE_UNAVAILABLE}, {@code LEDGER_UNAVAILABLE}
     */
    public CampaignResponse create(ApiUser operator, CreateCampaignRequest request) {
        FirmwareImageRow firmware = images.find(request.model(), request.version())
                .orElseThrow(() -> new ApiException(
                        ErrorCode.FIRMWARE_NOT_FOUND,
                        "No image of " + request.model() + " " + request.version() + " was published here"));
        if (firmware.revokedAt() != null) {
            throw new ApiException(ErrorCode.FIRMWARE_REVOKED, "This firmware version is revoked");
        }
        if (campaigns.open(configuration.maxOpenCampaigns()).size() >= configuration.maxOpenCampaigns()) {
            throw new ApiException(
                    ErrorCode.CAMPAIGN_LIMIT_REACHED, configuration.maxOpenCampaigns() + " campaigns are open");
        }
        List<DeviceRecord> devices = targets.resolve(operator, request, firmware, configuration.maxCampaignDevices());
        long now = System.currentTimeMillis();
        CampaignRow row = new CampaignRow(
                request.campaignId(),
                firmware.model(),
                firmware.version(),
                CampaignState.RUNNING,
                1,
                request.ratePerMinute(),
                request.firstStagePercent(),
                request.abortThresholdPercent(),
                request.abortMinDevices(),
                devices.size(),
                operator.userId(),
                operator.username(),
                operator.mspId(),
                operator.fabricId(),
                now,
                now,
                null,
                null,
                request.deviceTimeoutSeconds() == null
                        ? configuration.deviceTimeout().toMillis()
                        : request.deviceTimeoutSeconds() * 1000L);
        if (!campaigns.insert(row, queue(row, devices, now))) {
            throw new ApiException(ErrorCode.CAMPAIGN_EXISTS, "Campaign " + request.campaignId() + " exists");
        }
        return get(operator, request.campaignId());
    }

    /**
     * Returns a campaign with its counts.
     *
     * @param user the person, of the campaign's organisation
     * @param campaignId the campaign ID
     * @return the campaign
     * @throws ApiException 404 {@code CAMPAIGN_NOT_FOUND}; 503 {@code DATABASE_UNAVAILABLE}
     */
    public CampaignResponse get(ApiUser user, String campaignId) {
        CampaignRow row = require(user, campaignId);
        return CampaignResponse.of(row, campaigns.countsByState(campaignId));
    }

    /**
     * Lists the campaigns of the person's organisation, newest first.
     *
     * @param user the person
     * @param limit the most
     * @return the campaigns with their counts
     * @throws ApiException 503 {@code DATABASE_UNAVAILABLE}
     */
    public List<CampaignResponse> list(ApiUser user, int limit) {
        return campaigns.list(user.mspId(), limit).stream()
                .map(c -> CampaignResponse.of(c, campaigns.countsByState(c.campaignId())))
                .toList();
    }

    /**
     * Returns a page of a campaign's devices.
     *
     * @param user the person, of the campaign's organisation
     * @param campaignId the campaign ID
     * @param afterPosition the last position of the previous page, or -1
     * @param limit the page size
     * @return the devices in notification order
     * @throws ApiException 404 {@code CAMPAIGN_NOT_FOUND}; 503 {@code DATABASE_UNAVAILABLE}
     */
    public List<CampaignDeviceRow> devices(ApiUser user, String campaignId, int afterPosition, int limit) {
        require(user, campaignId);
        return campaigns.devices(campaignId, afterPosition, limit);
    }

    /**
     * Pauses a running campaign: no new device is notified.
     *
     * @param operator an operator of the campaign's organisation
     * @param campaignId the campaign ID
     * @return the campaign
     * @throws ApiException 404 {@code CAMPAIGN_NOT_FOUND}; 409 {@code CAMPAIGN_INVALID_STATE}
     */
    public CampaignResponse pause(ApiUser operator, String campaignId) {
        return move(operator, campaignId, Set.of(CampaignState.RUNNING), CampaignState.PAUSED, null);
    }

    /**
     * Resumes a paused campaign.
     *
     * @param operator an operator of the campaign's organisation
     * @param campaignId the campaign ID
     * @return the campaign
     * @throws ApiException 404 {@code CAMPAIGN_NOT_FOUND}; 409 {@code CAMPAIGN_INVALID_STATE}
     */
    public CampaignResponse resume(ApiUser operator, String campaignId) {
        return move(operator, campaignId, Set.of(CampaignState.PAUSED), CampaignState.RUNNING, null);
    }

    /**
     * Cancels an open campaign: queued devices stay on their firmware; notified ones may finish.
     *
     * @param operator an operator of the campaign's organisation
     * @param campaignId the campaign ID
     * @return the campaign
     * @throws ApiException 404 {@code CAMPAIGN_NOT_FOUND}; 409 {@code CAMPAIGN_INVALID_STATE}
     */
    public CampaignResponse cancel(ApiUser operator, String campaignId) {
        return move(
                operator,
                campaignId,
                Set.of(CampaignState.RUNNING, CampaignState.PAUSED),
                CampaignState.CANCELLED,
                "cancelled by an operator");
    }

    private CampaignResponse move(
            ApiUser operator, String campaignId, Set<CampaignState> from, CampaignState to, String reason) {
        CampaignRow row = require(operator, campaignId);
        Long endedAt = to.open() ? null : System.currentTimeMillis();
        if (!campaigns.move(campaignId, from, to, reason, endedAt)) {
            throw new ApiException(
                    ErrorCode.CAMPAIGN_INVALID_STATE,
                    "Campaign " + campaignId + " is " + row.state() + ", not " + from);
        }
        return get(operator, campaignId);
    }

    /** A campaign of the person's organisation; another's is not found, so its ID tells nothing. */
    private CampaignRow require(ApiUser user, String campaignId) {
        return campaigns
                .find(campaignId)
                .filter(c -> c.creatorMsp().equals(user.mspId()))
                .orElseThrow(() -> new ApiException(ErrorCode.CAMPAIGN_NOT_FOUND, "No campaign " + campaignId));
    }

    /** The first {@code firstStagePercent} of the devices (at least one) form stage 1. */
    private static List<CampaignDeviceRow> queue(CampaignRow campaign, List<DeviceRecord> devices, long now) {
        int firstStage = Math.max(1, (int) Math.ceil(devices.size() * campaign.firstStagePercent() / 100.0));
        List<CampaignDeviceRow> rows = new ArrayList<>(devices.size());
        for (int i = 0; i < devices.size(); i++) {
            DeviceRecord d = devices.get(i);
            rows.add(new CampaignDeviceRow(
                    campaign.campaignId(),
                    d.deviceId(),
                    d.ownerMsp(),
                    i,
                    i < firstStage ? 1 : 2,
                    UpdateState.QUEUED,
                    null,
                    null,
                    null,
                    now));
        }
        return rows;
    }
}
