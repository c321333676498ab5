package org.biotdm.gateway.firmware;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import org.biotdm.gateway.error.ErrorResponse;

/**
 * Firmware rollout campaigns under {@code /api/v1/firmware/campaigns}, implemented by {@link CampaignController}:
 * operators target devices, a group or a model with a published firmware version, at a rate, in two stages, with an
 * abort threshold; they pause, resume and cancel; people of the campaign's organisation follow its progress per device
 * (also live on {@code /ws/events}, type {@code firmware}). Every route needs a bearer token (401 {@code
 * AUTH_REQUIRED}; 403 {@code ACCESS_DENIED} for a role it does not admit); another organisation's campaign is 404
 * {@code CAMPAIGN_NOT_FOUND}.
 */
@ApiResponse(
        responseCode = "4XX",
        description = "Refused: the one error shape; the route's description lists its codes and their statuses",
        content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
@ApiResponse(
        responseCode = "5XX",
        description = "Unavailable or unknown outcome: the one error shape, with Retry-After or the transaction ID",
        content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
interface CampaignOperations {
    /**
     * Creates a campaign, RUNNING: its devices are QUEUED in order, the first {@code firstStagePercent} of them in
     * stage 1, and each is sent a {@code firmware-update} command as the rate allows (the operator needs a grant for
     * that command type on each device; a device without one fails with {@code GRANT_REQUIRED}).
     *
     * @param authentication the signed-in operator
     * @param request the campaign
     * @return 201 with the campaign
     * @throws org.biotdm.gateway.error.ApiException 400 {@code INVALID_ARGUMENT}, {@code CAMPAIGN_TARGET_INVALID};
     *     403 {@code DEVICE_ACCESS_DENIED}; 404 {@code FIRMWARE_NOT_FOUND}, {@code DEVICE_NOT_FOUND}; 409 {@code
     *     CAMPAIGN_EXISTS}, {@code CAMPAIGN_LIMIT_REACHED}, {@code FIRMWARE_REVOKED}, {@code FIRMWARE_MODEL_MISMATCH},
     *     {@code FIRMWARE_DOWNGRADE} (a listed device); 503 {@code DATABASE_UNAVAILABLE}, {@code LEDGER_UNAVAILABLE}
     */
    @Post(uri = "/firmware/campaigns", consumes = MediaType.APPLICATION_JSON, produces = MediaType.APPLICATION_JSON)
    @ApiResponse(
            responseCode = "201",
            description = "The campaign, running",
            content = @Content(schema = @Schema(implementation = CampaignResponse.class)))
    HttpResponse<CampaignResponse> create(Authentication authentication, @Valid @Body CreateCampaignRequest request);

    /**
     * Lists the organisation's campaigns, newest first.
     *
     * @param authentication the signed-in admin, operator or auditor
     * @param limit the most, 1–200, default 50
     * @return the campaigns with their counts per state
     * @throws org.biotdm.gateway.error.ApiException 400 {@code INVALID_ARGUMENT}; 503 {@code DATABASE_UNAVAILABLE}
     */
    @Get(uri = "/firmware/campaigns", produces = MediaType.APPLICATION_JSON)
    List<CampaignResponse> list(Authentication authentication, @Nullable @QueryValue @Min(1) @Max(200) Integer limit);

    /**
     * Returns a campaign with its counts per state.
     *
     * @param authentication the signed-in admin, operator or auditor
     * @param campaignId the campaign ID
     * @return the campaign
     * @throws org.biotdm.gateway.error.ApiException 404 {@code CAMPAIGN_NOT_FOUND}; 503 {@code DATABASE_UNAVAILABLE}
     */
    @Get(uri = "/firmware/campaigns/{campaignId}", produces = MediaType.APPLICATION_JSON)
    CampaignResponse get(Authentication authentication, @PathVariable String campaignId);

    /**
     * Returns a page of a campaign's devices and their update states, in notification order.
     *
     * @param authentication the signed-in admin, operator or auditor
     * @param campaignId the campaign ID
     * @param after the last {@code position} of the previous page; absent for the first page
     * @param limit the page size, 1 to {@code biotdm.firmware.max-page-size} (500), default 100
     * @return the devices
     * @throws org.biotdm.gateway.error.ApiException 400 {@code INVALID_ARGUMENT}; 404 {@code CAMPAIGN_NOT_FOUND}; 503
     *     {@code DATABASE_UNAVAILABLE}
     */
    @Get(uri = "/firmware/campaigns/{campaignId}/devices", produces = MediaType.APPLICATION_JSON)
    List<CampaignDeviceRow> devices(
            Authentication authentication,
            @PathVariable String campaignId,
            @Nullable @QueryValue @Min(0) Integer after,
            @Nullable @QueryValue @Min(1) @Max(500) Integer limit);

    /**
     * Pauses a running campaign: no new device is notified; notified devices go on.
     *
     * @param authentication the signed-in operator
     * @param campaignId the campaign ID
     * @return the campaign
     * @throws org.biotdm.gateway.error.ApiException 404 {@code CAMPAIGN_NOT_FOUND}; 409 {@code
     *     CAMPAIGN_INVALID_STATE}; 503 {@code DATABASE_UNAVAILABLE}
     */
    @Post(uri = "/firmware/campaigns/{campaignId}/pause", produces = MediaType.APPLICATION_JSON)
    CampaignResponse pause(Authentication authentication, @PathVariable String campaignId);

    /**
     * Resumes a paused campaign.
     *
     * @param authentication the signed-in operator
     * @param campaignId the campaign ID
     * @return the campaign
     * @throws org.biotdm.gateway.error.ApiException 404 {@code CAMPAIGN_NOT_FOUND}; 409 {@code
     *     CAMPAIGN_INVALID_STATE}; 503 {@code DATABASE_UNAVAILABLE}
     */
    @Post(uri = "/firmware/campaigns/{campaignId}/resume", produces = MediaType.APPLICATION_JSON)
    CampaignResponse resume(Authentication authentication, @PathVariable String campaignId);

    /**
     * Cancels an open campaign: queued devices stay on their firmware; notified devices may finish.
     *
     * @param authentication the signed-in operator
     * @param campaignId the campaign ID
     * @return the campaign
     * @throws org.biotdm.gateway.error.ApiException 404 {@code CAMPAIGN_NOT_FOUND}; 409 {@code
     *     CAMPAIGN_INVALID_STATE}; 503 {@code DATABASE_UNAVAILABLE}
     */
    @Post(uri = "/firmware/campaigns/{campaignId}/cancel", produces = MediaType.APPLICATION_JSON)
    CampaignResponse cancel(Authentication authentication, @PathVariable String campaignId);
}
