package org.biotdm.gateway.firmware;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.biotdm.gateway.users.ApiRole;
import org.biotdm.gateway.users.ApiUser;

/** Serves {@link CampaignOperations}; JDBC and ledger look-ups block, so requests run on the blocking executor. */
@Tag(name = "Firmware campaigns")
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
class CampaignController implements CampaignOperations {
    private static final int DEFAULT_LIMIT = 50;
    private static final int DEFAULT_PAGE = 100;

    private final CampaignService campaigns;
    private final FirmwareConfiguration configuration;

    /**
     * Creates the controller.
     *
     * @param campaigns creates and changes campaigns
     * @param configuration the page-size bound
     */
    public CampaignController(CampaignService campaigns, FirmwareConfiguration configuration) {
        this.campaigns = campaigns;
        this.configuration = configuration;
    }

    @Override
    @Secured(ApiRole.Names.OPERATOR)
    public HttpResponse<CampaignResponse> create(Authentication authentication, CreateCampaignRequest request) {
        return HttpResponse.status(HttpStatus.CREATED).body(campaigns.create(ApiUser.from(authentication), request));
    }

    @Override
    @Secured({ApiRole.Names.ADMIN, ApiRole.Names.OPERATOR, ApiRole.Names.AUDITOR})
    public List<CampaignResponse> list(Authentication authentication, @Nullable Integer limit) {
        return campaigns.list(ApiUser.from(authentication), limit == null ? DEFAULT_LIMIT : limit);
    }

    @Override
    @Secured({ApiRole.Names.ADMIN, ApiRole.Names.OPERATOR, ApiRole.Names.AUDITOR})
    public CampaignResponse get(Authentication authentication, String campaignId) {
        return campaigns.get(ApiUser.from(authentication), campaignId);
    }

    @Override
    @Secured({ApiRole.Names.ADMIN, ApiRole.Names.OPERATOR, ApiRole.Names.AUDITOR})
    public List<CampaignDeviceRow> devices(
            Authentication authentication, String campaignId, @Nullable Integer after, @Nullable Integer limit) {
        int page = Math.min(limit == null ? DEFAULT_PAGE : limit, configuration.maxPageSize());
        return campaigns.devices(ApiUser.from(authentication), campaignId, after == null ? -1 : after, page);
    }

    @Override
    @Secured(ApiRole.Names.OPERATOR)
    public CampaignResponse pause(Authentication authentication, String campaignId) {
        return campaigns.pause(ApiUser.from(authentication), campaignId);
    }

    @Override
    @Secured(ApiRole.Names.OPERATOR)
    public CampaignResponse resume(Authentication authentication, String campaignId) {
        return campaigns.resume(ApiUser.from(authentication), campaignId);
    }

    @Override
    @Secured(ApiRole.Names.OPERATOR)
    public CampaignResponse cancel(Authentication authentication, String campaignId) {
        return campaigns.cancel(ApiUser.from(authentication), campaignId);
    }
}
