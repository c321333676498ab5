package org.biotdm.gateway.configuration;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.biotdm.gateway.error.ErrorResponse;
import org.biotdm.gateway.error.InputRules;

/**
 * Device configuration for people (docs/configuration.md), implemented by {@link ConfigurationController} and
 * extended by the tests' declarative client: admins of a device's owner organisation set its desired configuration;
 * whoever may see the device reads desired, reported and drift; admins and auditors list their organisation's
 * drifting devices. Every route needs a bearer token (401 {@code AUTH_REQUIRED}; 403 {@code ACCESS_DENIED} for a
 * role it does not admit).
 *
 * <p>A group's desired configuration is every member's, set through the per-device path one member at a time
 * (docs/configuration.md, "Groups").
 */
@ApiResponse(
        responseCode = "4XX",
        description = "Refused: the one error shape; the route's description lists its codes and their statuses",
        content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
@ApiResponse(
        responseCode = "5XX",
        description = "Unavailable or unknown outcome: the one error shape, with Retry-After or the transaction ID",
        content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
interface ConfigurationOperations {
    /**
     * Sets a device's next desired configuration: its version and SHA-256 go on the ledger, the document into the
     * database, and a {@code configuration} command carries it to the device.
     *
     * @param authentication the signed-in admin of the device's owner organisation
     * @param deviceId the device
     * @param request the document (a JSON object of at most 4096 bytes as canonical JSON) and the optional base
     *     version
     * @return the new desired configuration
     * @throws org.biotdm.gateway.error.ApiException 400 {@code INVALID_ARGUMENT} (not a JSON object, too deep, a
     *     number out of range), {@code REQUEST_MALFORMED} (not JSON, unknown fields); 413 {@code
     *     CONFIGURATION_TOO_LARGE}; 403 {@code DEVICE_ACCESS_DENIED} (another organisation's device), {@code
     *     DEVICE_NOT_ACTIVE}; 404 {@code DEVICE_NOT_FOUND}; 409 {@code CONFIGURATION_VERSION_STALE} (the base version
     *     is not the current one); 503 {@code LEDGER_UNAVAILABLE}, {@code DATABASE_UNAVAILABLE}; 504 {@code
     *     LEDGER_UNKNOWN_OUTCOME}
     */
    @Put(
            uri = "/devices/{deviceId}/configuration/desired",
            consumes = MediaType.APPLICATION_JSON,
            produces = MediaType.APPLICATION_JSON)
    @ApiResponse(
            responseCode = "200",
            description = "The new desired configuration, on the ledger and on its way to the device",
            content = @Content(schema = @Schema(implementation = DesiredConfigurationResponse.class)))
    DesiredConfigurationResponse setDesired(
            Authentication authentication,
            @PathVariable @Pattern(regexp = InputRules.ID, message = InputRules.ID_MESSAGE) String deviceId,
            @Valid @Body SetConfigurationRequest request);

    /**
     * Returns a device's desired configuration with its document.
     *
     * @param authentication a signed-in person who may see the device
     * @param deviceId the device
     * @return the desired configuration
     * @throws org.biotdm.gateway.error.ApiException 404 {@code DEVICE_NOT_FOUND}, {@code CONFIGURATION_NOT_FOUND};
     *     403 {@code DEVICE_ACCESS_DENIED}; 503 {@code DATABASE_UNAVAILABLE}
     */
    @Get(uri = "/devices/{deviceId}/configuration/desired", produces = MediaType.APPLICATION_JSON)
    DesiredConfigurationResponse desired(
            Authentication authentication,
            @PathVariable @Pattern(regexp = InputRules.ID, message = InputRules.ID_MESSAGE) String deviceId);

    /**
     * Returns a device's configuration state: the desired version, what the device reported with its signed receipt
     * (version, hash, last outcome and refusal code) and the drift between them.
     *
     * @param authentication a signed-in person who may see the device
     * @param deviceId the device
     * @return the state
     * @throws org.biotdm.gateway.error.ApiException 404 {@code DEVICE_NOT_FOUND}, {@code CONFIGURATION_NOT_FOUND};
     *     403 {@code DEVICE_ACCESS_DENIED}; 503 {@code DATABASE_UNAVAILABLE}
     */
    @Get(uri = "/devices/{deviceId}/configuration", produces = MediaType.APPLICATION_JSON)
    ConfigurationResponse state(
            Authentication authentication,
            @PathVariable @Pattern(regexp = InputRules.ID, message = InputRules.ID_MESSAGE) String deviceId);

    /**
     * Lists the drifting devices of the person's organisation (desired ≠ reported), by device ID.
     *
     * @param authentication the signed-in admin or auditor
     * @param cursor the previous page's {@code nextCursor}
     * @param limit the page size, 1–200, default 50
     * @return the page
     * @throws org.biotdm.gateway.error.ApiException 400 {@code INVALID_ARGUMENT} (cursor, limit); 503 {@code
     *     DATABASE_UNAVAILABLE}
     */
    @Get(uri = "/configuration/drifting", produces = MediaType.APPLICATION_JSON)
    DriftPage drifting(
            Authentication authentication,
            @Nullable @QueryValue String cursor,
            @Nullable @QueryValue @Min(1) @Max(200) Integer limit);

    /**
     * Sets the desired configuration of every member of a group: each member gets its own {@code
     * SetDesiredConfiguration} and {@code configuration} command, exactly as through {@code PUT
     * /devices/{deviceId}/configuration/desired}; a member refused keeps its own code in its outcome and the others go
     * on. A group without members answers an empty list.
     *
     * @param authentication the signed-in admin of the group's owner organisation
     * @param groupId the group
     * @param request the document (a JSON object of at most 4096 bytes as canonical JSON)
     * @return one outcome per member
     * @throws org.biotdm.gateway.error.ApiException 400 {@code INVALID_ARGUMENT} (not a JSON object, too deep, a
     *     number out of range), {@code REQUEST_MALFORMED} (not JSON, unknown fields such as {@code baseVersion}); 413
     *     {@code CONFIGURATION_TOO_LARGE}; 403 {@code ACCESS_DENIED} (another organisation's group); 404 {@code
     *     GROUP_NOT_FOUND}; 503 {@code LEDGER_UNAVAILABLE}. Per member, in its outcome: the codes of the device route
     */
    @Put(
            uri = "/groups/{groupId}/configuration/desired",
            consumes = MediaType.APPLICATION_JSON,
            produces = MediaType.APPLICATION_JSON)
    @ApiResponse(
            responseCode = "200",
            description = "Every member's outcome: its new desired configuration, or its own refusal code",
            content = @Content(schema = @Schema(implementation = GroupConfigurationResponse.class)))
    GroupConfigurationResponse setGroupDesired(
            Authentication authentication,
            @PathVariable @Pattern(regexp = InputRules.ID, message = InputRules.ID_MESSAGE) String groupId,
            @Valid @Body SetGroupConfigurationRequest request);

    /**
     * Returns every member's configuration state (desired vs reported, drift) and how many drift.
     *
     * @param authentication a signed-in person of the group's owner organisation
     * @param groupId the group
     * @return one state per member; a member without a desired configuration, or that the person may not see,
     *     carries its code ({@code CONFIGURATION_NOT_FOUND}, {@code DEVICE_ACCESS_DENIED})
     * @throws org.biotdm.gateway.error.ApiException 403 {@code ACCESS_DENIED} (another organisation's group); 404
     *     {@code GROUP_NOT_FOUND}; 503 {@code LEDGER_UNAVAILABLE}
     */
    @Get(uri = "/groups/{groupId}/configuration", produces = MediaType.APPLICATION_JSON)
    GroupConfigurationState groupState(
            Authentication authentication,
            @PathVariable @Pattern(regexp = InputRules.ID, message = InputRules.ID_MESSAGE) String groupId);
}
