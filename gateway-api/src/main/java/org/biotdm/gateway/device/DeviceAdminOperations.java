package org.biotdm.gateway.device;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
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
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import org.biotdm.gateway.audit.LedgerAuditEntry;
import org.biotdm.gateway.error.ErrorResponse;

/**
 * The devices API under {@code /api/v1/devices}, implemented by {@link DeviceAdminController} and extended by the
 * tests' declarative client: list and read devices within the caller's rights, register devices for zero-touch
 * provisioning, change their lifecycle, authorise key rotations and read their ledger history.
 *
 * <p>Who may: admins and auditors see their organisation's devices, operators the devices their grants cover; only
 * admins of the owner organisation write, each write signed with their own Fabric identity. Every route needs a bearer
 * token (401 {@code AUTH_REQUIRED} without one, 403 {@code ACCESS_DENIED} for a role the route does not admit). Errors
 * use the one error shape {@code {code, message, transactionId?, timestamp}}.
 */
@ApiResponse(
        responseCode = "4XX",
        description = "Refused: the one error shape; the route's description lists its codes and their statuses",
        content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
@ApiResponse(
        responseCode = "5XX",
        description = "Unavailable or unknown outcome: the one error shape, with Retry-After or the transaction ID",
        content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
interface DeviceAdminOperations {
    /** The statuses a list may filter by, the {@link DeviceStatus} names. */
    String STATUSES = "PROVISIONED|ACTIVE|SUSPENDED|DECOMMISSIONED";

    /** The orders a list may be sorted in, as the validation message names them. */
    String SORTS = "deviceId, status, group, model, lastSeenAt, each with an optional leading -";

    /**
     * Lists devices the caller may see, one page at a time, in device ID order or the order {@code sort} names.
     *
     * @param authentication the caller: an admin, operator or auditor
     * @param status only devices in this status ({@code PROVISIONED}, {@code ACTIVE}, {@code SUSPENDED}, {@code
     *     DECOMMISSIONED})
     * @param group only devices of this group
     * @param model only devices of this model ({@code <MSP>/<name>})
     * @param idPrefix only device IDs starting with this text ({@code [A-Za-z0-9._-]{1,64}})
     * @param sort the order: {@code deviceId} (default), {@code status}, {@code group}, {@code model} or {@code
     *     lastSeenAt}, with a leading {@code -} for descending; ties in device ID order. In device ID order pages
     *     continue after the last device; in any other order by offset, so keep {@code pageSize} while paging and
     *     expect a device whose activity changed to move between pages
     * @param pageSize devices per page, 1–200 (default 50)
     * @param cursor the previous page's {@code nextCursor}, asked with the same {@code sort} and {@code pageSize}
     * @return the page
     * @throws org.biotdm.gateway.error.ApiException 400 {@code INVALID_ARGUMENT} (unknown status or sort, malformed
     *     prefix, model or cursor, a cursor of another sort or page size, page size out of range), 503 {@code
     *     DATABASE_UNAVAILABLE}
     */
    @Get("/devices")
    DeviceListResponse list(
            Authentication authentication,
            @Nullable @QueryValue @Pattern(regexp = STATUSES, message = "must be one of " + STATUSES) String status,
            @Nullable @QueryValue String group,
            @Nullable @QueryValue String model,
            @Nullable @QueryValue String idPrefix,
            @Nullable @QueryValue @Pattern(regexp = DeviceSort.PATTERN, message = "must be one of " + SORTS)
                    String sort,
            @Nullable @QueryValue @Min(1) Integer pageSize,
            @Nullable @QueryValue String cursor);

    /**
     * Counts the devices the caller may see (those {@code GET /devices} lists) by lifecycle status and by
     * connectivity: online means active within {@code biotdm.connectivity.inactivity-timeout}.
     *
     * @param authentication the caller: an admin, operator or auditor
     * @return the counts
     * @throws org.biotdm.gateway.error.ApiException 503 {@code DATABASE_UNAVAILABLE}
     */
    @Get("/devices:counts")
    DeviceCountsResponse counts(Authentication authentication);

    /**
     * Reads a device: the ledger's record, the installed firmware and when it was last heard of.
     *
     * @param authentication the caller: an admin, operator or auditor
     * @param deviceId the device ID
     * @return the device
     * @throws org.biotdm.gateway.error.ApiException 404 {@code DEVICE_NOT_FOUND}, 403 {@code DEVICE_ACCESS_DENIED}
     *     (another organisation's device, or not granted), 503 {@code LEDGER_UNAVAILABLE}
     */
    @Get("/devices/{deviceId}")
    DeviceDetailResponse get(Authentication authentication, @PathVariable String deviceId);

    /**
     * Registers a device of the caller's organisation for zero-touch provisioning ({@code RegisterDevice} with the
     * SHA-256 of a new random claim token). The token is returned this once; give it to the device, which sends it
     * with its CSR to {@code POST /device/v1/provision}.
     *
     * @param authentication the caller, an admin
     * @param request the device
     * @return 201 with the record, the claim token and the transaction
     * @throws org.biotdm.gateway.error.ApiException 400 {@code INVALID_ARGUMENT}
     *     (chaincode validation), 409 {@code DEVICE_EXISTS}, {@code LEDGER_CONFLICT}, 503 {@code LEDGER_UNAVAILABLE},
     *     504 {@code LEDGER_UNKNOWN_OUTCOME}
     */
    @Post("/devices")
    @ApiResponse(
            responseCode = "201",
            description = "The device, registered, with its one-time claim token",
            content = @Content(schema = @Schema(implementation = RegisterDeviceResponse.class)))
    HttpResponse<RegisterDeviceResponse> register(
            Authentication authentication, @Valid @Body RegisterDeviceRequest request);

    /**
     * Activates a device that has a key ({@code ActivateDevice}: PROVISIONED → ACTIVE).
     *
     * @param authentication the caller, an admin of the owner organisation
     * @param deviceId the device ID
     * @param request an optional reason
     * @return the record and the transaction
     * @throws org.biotdm.gateway.error.ApiException 400 {@code INVALID_ARGUMENT}, {@code DEVICE_NOT_CLAIMED}
     *     (no key yet), 403 {@code DEVICE_ACCESS_DENIED}, 404 {@code DEVICE_NOT_FOUND}, 409 {@code
     *     DEVICE_INVALID_TRANSITION}, {@code LEDGER_CONFLICT}, 503 {@code LEDGER_UNAVAILABLE}, 504 {@code
     *     LEDGER_UNKNOWN_OUTCOME}
     */
    @Post("/devices/{deviceId}/activate")
    DeviceChangeResponse activate(
            Authentication authentication,
            @PathVariable String deviceId,
            @Valid @Nullable @Body DeviceStatusRequest request);

    /**
     * Suspends a device ({@code SuspendDevice}: ACTIVE → SUSPENDED); the device port refuses it within seconds.
     *
     * @param authentication the caller, an admin of the owner organisation
     * @param deviceId the device ID
     * @param request the reason (required)
     * @return the record and the transaction
     * @throws org.biotdm.gateway.error.ApiException 400 {@code INVALID_ARGUMENT} (no reason), 403 {@code
     *     DEVICE_ACCESS_DENIED}, 404 {@code DEVICE_NOT_FOUND}, 409 {@code DEVICE_INVALID_TRANSITION}, {@code
     *     LEDGER_CONFLICT}, 503 {@code LEDGER_UNAVAILABLE}, 504 {@code LEDGER_UNKNOWN_OUTCOME}
     */
    @Post("/devices/{deviceId}/suspend")
    DeviceChangeResponse suspend(
            Authentication authentication,
            @PathVariable String deviceId,
            @Valid @Nullable @Body DeviceStatusRequest request);

    /**
     * Reactivates a suspended device ({@code ReactivateDevice}: SUSPENDED → ACTIVE).
     *
     * @param authentication the caller, an admin of the owner organisation
     * @param deviceId the device ID
     * @param request an optional reason
     * @return the record and the transaction
     * @throws org.biotdm.gateway.error.ApiException 400 {@code INVALID_ARGUMENT}, 403 {@code
     *     DEVICE_ACCESS_DENIED}, 404 {@code DEVICE_NOT_FOUND}, 409 {@code DEVICE_INVALID_TRANSITION}, {@code
     *     LEDGER_CONFLICT}, 503 {@code LEDGER_UNAVAILABLE}, 504 {@code LEDGER_UNKNOWN_OUTCOME}
     */
    @Post("/devices/{deviceId}/reactivate")
    DeviceChangeResponse reactivate(
            Authentication authentication,
            @PathVariable String deviceId,
            @Valid @Nullable @Body DeviceStatusRequest request);

    /**
     * Decommissions a suspended device for good ({@code DecommissionDevice}: SUSPENDED → DECOMMISSIONED).
     *
     * @param authentication the caller, an admin of the owner organisation
     * @param deviceId the device ID
     * @param request an optional reason
     * @return the record and the transaction
     * @throws org.biotdm.gateway.error.ApiException 400 {@code INVALID_ARGUMENT}, 403 {@code
     *     DEVICE_ACCESS_DENIED}, 404 {@code DEVICE_NOT_FOUND}, 409 {@code DEVICE_INVALID_TRANSITION}, {@code
     *     LEDGER_CONFLICT}, 503 {@code LEDGER_UNAVAILABLE}, 504 {@code LEDGER_UNKNOWN_OUTCOME}
     */
    @Post("/devices/{deviceId}/decommission")
    DeviceChangeResponse decommission(
            Authentication authentication,
            @PathVariable String deviceId,
            @Valid @Nullable @Body DeviceStatusRequest request);

    /**
     * Authorises one key rotation: within {@code biotdm.device-admin.rekey-window} (24 h) the device may send a CSR
     * signed with its new key to {@code POST /device/v1/rekey} over mTLS with its current certificate; the gateway's
     * device CA certifies the new key and {@code RotateDeviceKey} records it. Authorising again renews the window.
     *
     * @param authentication the caller, an admin of the owner organisation
     * @param deviceId the device ID
     * @return 202 with the authorisation's window
     * @throws org.biotdm.gateway.error.ApiException 403 {@code DEVICE_ACCESS_DENIED}, 404 {@code DEVICE_NOT_FOUND},
     *     409 {@code DEVICE_INVALID_TRANSITION} (decommissioned, or no key yet), 503 {@code LEDGER_UNAVAILABLE}
     */
    @Post("/devices/{deviceId}/rotate-key")
    @ApiResponse(
            responseCode = "202",
            description = "The authorisation and its window",
            content = @Content(schema = @Schema(implementation = RekeyAuthorisationResponse.class)))
    HttpResponse<RekeyAuthorisationResponse> rotateKey(Authentication authentication, @PathVariable String deviceId);

    /**
     * Reads a device's ledger history ({@code GetDeviceHistory}), newest first: every version of the record with the
     * transaction, time and Fabric identity that wrote it.
     *
     * @param authentication the caller: an admin, operator or auditor
     * @param deviceId the device ID
     * @return the entries
     * @throws org.biotdm.gateway.error.ApiException 403 {@code DEVICE_ACCESS_DENIED}, 404 {@code DEVICE_NOT_FOUND},
     *     503 {@code LEDGER_UNAVAILABLE}
     */
    @Get("/devices/{deviceId}/history")
    List<LedgerAuditEntry> history(Authentication authentication, @PathVariable String deviceId);
}
