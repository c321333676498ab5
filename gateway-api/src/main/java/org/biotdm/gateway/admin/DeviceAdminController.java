package org.biotdm.gateway.admin;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.List;
import org.biotdm.gateway.admin.DeviceAdminService.Transition;
import org.biotdm.gateway.audit.LedgerAuditEntry;
import org.biotdm.gateway.users.ApiRole;
import org.biotdm.gateway.users.ApiUser;

/**
 * The devices API under {@code /api/v1/devices}: list and read devices within the caller's rights, register devices
 * for zero-touch provisioning, change their lifecycle, authorise key rotations and read their ledger history.
 *
 * <p>Who may: admins and auditors see their organisation's devices, operators the devices their grants cover; only
 * admins of the owner organisation write, each write signed with their own Fabric identity. Errors use the one error
 * shape: 400 {@code INVALID_ARGUMENT} (bad parameters and body fields, and the chaincode
 * validation), 401 {@code AUTH_REQUIRED}, 403 {@code ACCESS_DENIED} (role), {@code DEVICE_ACCESS_DENIED} (device of
 * another organisation, or not granted), 404 {@code DEVICE_NOT_FOUND}, 409 {@code DEVICE_EXISTS}, {@code
 * DEVICE_INVALID_TRANSITION}, {@code LEDGER_CONFLICT}, 409 {@code DEVICE_NOT_CLAIMED}, 503 {@code LEDGER_UNAVAILABLE},
 * {@code DATABASE_UNAVAILABLE}, 504 {@code LEDGER_UNKNOWN_OUTCOME}.
 */
@Tag(name = "Devices")
@Controller("/api/v1/devices")
@ExecuteOn(TaskExecutors.BLOCKING)
public class DeviceAdminController {
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

    /**
     * Lists devices the caller may see, in device ID order, one page at a time.
     *
     * @param authentication the caller
     * @param status only devices in this status ({@code PROVISIONED}, {@code ACTIVE}, {@code SUSPENDED}, {@code
     *     DECOMMISSIONED})
     * @param group only devices of this group
     * @param model only devices of this model ({@code <MSP>/<name>})
     * @param idPrefix only device IDs starting with this text ({@code [A-Za-z0-9._-]{1,64}})
     * @param pageSize devices per page, 1–200 (default 50)
     * @param cursor the previous page's {@code nextCursor}
     * @return the page
     */
    @Get
    @Secured({ApiRole.Names.ADMIN, ApiRole.Names.OPERATOR, ApiRole.Names.AUDITOR})
    public DeviceListResponse list(
            Authentication authentication,
            @Nullable @QueryValue String status,
            @Nullable @QueryValue String group,
            @Nullable @QueryValue String model,
            @Nullable @QueryValue String idPrefix,
            @Nullable @QueryValue Integer pageSize,
            @Nullable @QueryValue String cursor) {
        DeviceFilter filter = DeviceFilter.parse(
                status,
                group,
                model,
                idPrefix,
                pageSize,
                cursor,
                configuration.defaultPageSize(),
                configuration.maxPageSize());
        return service.list(ApiUser.from(authentication), filter);
    }

    /**
     * Reads a device: the ledger's record, the installed firmware and when it was last heard of.
     *
     * @param authentication the caller
     * @param deviceId the device ID
     * @return the device
     */
    @Get("/{deviceId}")
    @Secured({ApiRole.Names.ADMIN, ApiRole.Names.OPERATOR, ApiRole.Names.AUDITOR})
    public DeviceDetailResponse get(Authentication authentication, @PathVariable String deviceId) {
        return service.detail(ApiUser.from(authentication), deviceId);
    }

    /**
     * Registers a device of the caller's organisation for zero-touch provisioning ({@code RegisterDevice} with the
     * SHA-256 of a new random claim token). The token is returned this once; give it to the device, which sends it
     * with its CSR to {@code POST /device/v1/provision}.
     *
     * @param authentication the caller, an admin
     * @param request the device
     * @return 201 with the record, the claim token and the transaction
     */
    @Post
    @Secured(ApiRole.Names.ADMIN)
    public HttpResponse<RegisterDeviceResponse> register(
            Authentication authentication, @Valid @Body RegisterDeviceRequest request) {
        return HttpResponse.created(service.register(ApiUser.from(authentication), request));
    }

    /**
     * Activates a device that has a key ({@code ActivateDevice}: PROVISIONED → ACTIVE).
     *
     * @param authentication the caller, an admin of the owner organisation
     * @param deviceId the device ID
     * @param request an optional reason
     * @return the record and the transaction
     */
    @Post("/{deviceId}/activate")
    @Secured(ApiRole.Names.ADMIN)
    public DeviceChangeResponse activate(
            Authentication authentication, @PathVariable String deviceId, @Nullable @Body DeviceStatusRequest request) {
        return service.transition(ApiUser.from(authentication), deviceId, Transition.ACTIVATE, reason(request));
    }

    /**
     * Suspends a device ({@code SuspendDevice}: ACTIVE → SUSPENDED); the device port refuses it within seconds.
     *
     * @param authentication the caller, an admin of the owner organisation
     * @param deviceId the device ID
     * @param request the reason (required)
     * @return the record and the transaction
     */
    @Post("/{deviceId}/suspend")
    @Secured(ApiRole.Names.ADMIN)
    public DeviceChangeResponse suspend(
            Authentication authentication, @PathVariable String deviceId, @Nullable @Body DeviceStatusRequest request) {
        return service.transition(ApiUser.from(authentication), deviceId, Transition.SUSPEND, reason(request));
    }

    /**
     * Reactivates a suspended device ({@code ReactivateDevice}: SUSPENDED → ACTIVE).
     *
     * @param authentication the caller, an admin of the owner organisation
     * @param deviceId the device ID
     * @param request an optional reason
     * @return the record and the transaction
     */
    @Post("/{deviceId}/reactivate")
    @Secured(ApiRole.Names.ADMIN)
    public DeviceChangeResponse reactivate(
            Authentication authentication, @PathVariable String deviceId, @Nullable @Body DeviceStatusRequest request) {
        return service.transition(ApiUser.from(authentication), deviceId, Transition.REACTIVATE, reason(request));
    }

    /**
     * Decommissions a suspended device for good ({@code DecommissionDevice}: SUSPENDED → DECOMMISSIONED).
     *
     * @param authentication the caller, an admin of the owner organisation
     * @param deviceId the device ID
     * @param request an optional reason
     * @return the record and the transaction
     */
    @Post("/{deviceId}/decommission")
    @Secured(ApiRole.Names.ADMIN)
    public DeviceChangeResponse decommission(
            Authentication authentication, @PathVariable String deviceId, @Nullable @Body DeviceStatusRequest request) {
        return service.transition(ApiUser.from(authentication), deviceId, Transition.DECOMMISSION, reason(request));
    }

    /**
     * Authorises one key rotation: within {@code biotdm.device-admin.rekey-window} (24 h) the device may send a CSR
     * signed with its new key to {@code POST /device/v1/rekey} over mTLS with its current certificate; the gateway's
     * device CA certifies the new key and {@code RotateDeviceKey} records it. Authorising again renews the window.
     *
     * @param authentication the caller, an admin of the owner organisation
     * @param deviceId the device ID
     * @return 202 with the authorisation's window
     */
    @Post("/{deviceId}/rotate-key")
    @Secured(ApiRole.Names.ADMIN)
    public HttpResponse<RekeyAuthorisationResponse> rotateKey(
            Authentication authentication, @PathVariable String deviceId) {
        return HttpResponse.accepted().body(service.authoriseRekey(ApiUser.from(authentication), deviceId));
    }

    /**
     * Reads a device's ledger history ({@code GetDeviceHistory}), newest first: every version of the record with the
     * transaction, time and Fabric identity that wrote it.
     *
     * @param authentication the caller
     * @param deviceId the device ID
     * @return the entries
     */
    @Get("/{deviceId}/history")
    @Secured({ApiRole.Names.ADMIN, ApiRole.Names.OPERATOR, ApiRole.Names.AUDITOR})
    public List<LedgerAuditEntry> history(Authentication authentication, @PathVariable String deviceId) {
        return service.history(ApiUser.from(authentication), deviceId);
    }

    private static String reason(DeviceStatusRequest request) {
        return request == null ? null : request.reason();
    }
}
