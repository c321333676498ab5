package org.biotdm.gateway.device;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.biotdm.gateway.audit.LedgerAuditEntry;
import org.biotdm.gateway.device.DeviceAdminService.Transition;
import org.biotdm.gateway.users.ApiRole;
import org.biotdm.gateway.users.ApiUser;

/**
 * Serves {@link DeviceAdminOperations}; ledger writes and JDBC block, so requests run on the blocking executor. Each
 * write is signed with the calling admin's own Fabric identity.
 */
@Tag(name = "Devices")
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
class DeviceAdminController implements DeviceAdminOperations {
    private final DeviceAdminService service;
    private final DeviceAdminConfiguration configuration;

    /**
     * Creates the controller.
     *
     * @param service the device administration
     * @param configuration the page size limits
     */
    public DeviceAdminController(DeviceAdminService service, DeviceAdminConfiguration configuration) {
        this.service = service;
        this.configuration = configuration;
    }

    @Override
    @Secured({ApiRole.Names.ADMIN, ApiRole.Names.OPERATOR, ApiRole.Names.AUDITOR})
    public DeviceListResponse list(
            Authentication authentication,
            @Nullable String status,
            @Nullable String group,
            @Nullable String model,
            @Nullable String idPrefix,
            @Nullable String sort,
            @Nullable Integer pageSize,
            @Nullable String cursor) {
        DeviceFilter filter = DeviceFilter.parse(
                status,
                group,
                model,
                idPrefix,
                sort,
                pageSize,
                cursor,
                configuration.defaultPageSize(),
                configuration.maxPageSize());
        return service.list(ApiUser.from(authentication), filter);
    }

    @Override
    @Secured({ApiRole.Names.ADMIN, ApiRole.Names.OPERATOR, ApiRole.Names.AUDITOR})
    public DeviceCountsResponse counts(Authentication authentication) {
        return service.counts(ApiUser.from(authentication));
    }

    @Override
    @Secured({ApiRole.Names.ADMIN, ApiRole.Names.OPERATOR, ApiRole.Names.AUDITOR})
    public DeviceDetailResponse get(Authentication authentication, String deviceId) {
        return service.detail(ApiUser.from(authentication), deviceId);
    }

    @Override
    @Secured(ApiRole.Names.ADMIN)
    public HttpResponse<RegisterDeviceResponse> register(Authentication authentication, RegisterDeviceRequest request) {
        return HttpResponse.created(service.register(ApiUser.from(authentication), request));
    }

    @Override
    @Secured(ApiRole.Names.ADMIN)
    public DeviceChangeResponse activate(
            Authentication authentication, String deviceId, @Nullable DeviceStatusRequest request) {
        return service.transition(ApiUser.from(authentication), deviceId, Transition.ACTIVATE, reason(request));
    }

    @Override
    @Secured(ApiRole.Names.ADMIN)
    public DeviceChangeResponse suspend(
            Authentication authentication, String deviceId, @Nullable DeviceStatusRequest request) {
        return service.transition(ApiUser.from(authentication), deviceId, Transition.SUSPEND, reason(request));
    }

    @Override
    @Secured(ApiRole.Names.ADMIN)
    public DeviceChangeResponse reactivate(
            Authentication authentication, String deviceId, @Nullable DeviceStatusRequest request) {
        return service.transition(ApiUser.from(authentication), deviceId, Transition.REACTIVATE, reason(request));
    }

    @Override
    @Secured(ApiRole.Names.ADMIN)
    public DeviceChangeResponse decommission(
            Authentication authentication, String deviceId, @Nullable DeviceStatusRequest request) {
        return service.transition(ApiUser.from(authentication), deviceId, Transition.DECOMMISSION, reason(request));
    }

    @Override
    @Secured(ApiRole.Names.ADMIN)
    public HttpResponse<RekeyAuthorisationResponse> rotateKey(Authentication authentication, String deviceId) {
        return HttpResponse.accepted().body(service.authoriseRekey(ApiUser.from(authentication), deviceId));
    }

    @Override
    @Secured({ApiRole.Names.ADMIN, ApiRole.Names.OPERATOR, ApiRole.Names.AUDITOR})
    public List<LedgerAuditEntry> history(Authentication authentication, String deviceId) {
        return service.history(ApiUser.from(authentication), deviceId);
    }

    private static String reason(DeviceStatusRequest request) {
        return request == null ? null : request.reason();
    }
}
