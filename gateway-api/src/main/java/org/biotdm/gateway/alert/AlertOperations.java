package org.biotdm.gateway.alert;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.biotdm.gateway.config.AtMostSetting;
import org.biotdm.gateway.config.SettingBound;
import org.biotdm.gateway.error.ErrorResponse;
import org.biotdm.gateway.error.InputRules;

/**
 * The alerts API under {@code /api/v1/alerts}, implemented by {@link AlertController}. Every route needs a bearer
 * token; people see only alerts of devices they may see (admins and auditors: their organisation's devices;
 * operators: devices they hold grants for). Auditors never write.
 */
@ApiResponse(
        responseCode = "4XX",
        description = "Refused: the one error shape; the route's description lists its codes and their statuses",
        content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
@ApiResponse(
        responseCode = "5XX",
        description = "Unavailable or unknown outcome: the one error shape, with Retry-After or the transaction ID",
        content = @Content(schema = @Schema(implementation = ErrorResponse.class)))
public interface AlertOperations {
    /** The states a list may filter by, the {@link AlertState} values. */
    String STATES = "open|acknowledged|resolved";

    /** The severities a list may filter by, the {@link Severity} values. */
    String SEVERITIES = "info|warning|critical";

    /** The times a list's range may bound, the {@link AlertFilter.Time} values. */
    String TIMES = "created|updated|cleared";

    /**
     * Lists alerts, newest first.
     *
     * @param device only this device's alerts
     * @param state {@code open}, {@code acknowledged} or {@code resolved}
     * @param severity {@code info}, {@code warning} or {@code critical}
     * @param from at or after, epoch ms or ISO-8601 (the time {@code by} names)
     * @param to before, epoch ms or ISO-8601 (the time {@code by} names)
     * @param by which time {@code from} and {@code to} bound: {@code created} (the default), {@code updated} (last
     *     change: acknowledged, resolved or cleared) or {@code cleared} (its condition ended; never-cleared alerts do
     *     not match)
     * @param cursor {@code nextCursor} of the previous page
     * @param limit page size, 1 to {@code biotdm.alerts.max-page-size} (200); default 50
     * @param authentication the caller
     * @return the page
     * @throws org.biotdm.gateway.error.ApiException 400 {@code INVALID_ARGUMENT}, 404 {@code DEVICE_NOT_FOUND}, 403
     *     {@code DEVICE_ACCESS_DENIED}, 401 {@code AUTH_REQUIRED}, 503 {@code DATABASE_UNAVAILABLE}
     */
    @Get("/alerts")
    AlertPage list(
            @Nullable @QueryValue @Pattern(regexp = InputRules.ID, message = InputRules.ID_MESSAGE) String device,
            @Nullable @QueryValue @Pattern(regexp = STATES, message = "must be one of " + STATES) String state,
            @Nullable @QueryValue @Pattern(regexp = SEVERITIES, message = "must be one of " + SEVERITIES)
                    String severity,
            @Nullable @QueryValue String from,
            @Nullable @QueryValue String to,
            @Nullable @QueryValue @Pattern(regexp = TIMES, message = "must be one of " + TIMES) String by,
            @Nullable @QueryValue String cursor,
            @Nullable @QueryValue @Min(1) @AtMostSetting(SettingBound.ALERT_PAGE_SIZE) Integer limit,
            Authentication authentication);

    /**
     * Returns one alert.
     *
     * @param alertId the alert's ID
     * @param authentication the caller
     * @return the alert
     * @throws org.biotdm.gateway.error.ApiException 404 {@code ALERT_NOT_FOUND}, 403 {@code ALERT_ACCESS_DENIED}
     */
    @Get("/alerts/{alertId}")
    Alert get(@PathVariable String alertId, Authentication authentication);

    /**
     * Acknowledges an open alert (admins and operators who may see its device).
     *
     * @param alertId the alert's ID
     * @param authentication the caller
     * @return the alert, now {@code acknowledged}
     * @throws org.biotdm.gateway.error.ApiException 404 {@code ALERT_NOT_FOUND}, 403 {@code ALERT_ACCESS_DENIED}, 409
     *     {@code ALERT_INVALID_TRANSITION} (not open)
     */
    @Post("/alerts/{alertId}/acknowledge")
    Alert acknowledge(@PathVariable String alertId, Authentication authentication);

    /**
     * Resolves an open or acknowledged alert (admins and operators who may see its device).
     *
     * @param alertId the alert's ID
     * @param authentication the caller
     * @return the alert, now {@code resolved}
     * @throws org.biotdm.gateway.error.ApiException 404 {@code ALERT_NOT_FOUND}, 403 {@code ALERT_ACCESS_DENIED}, 409
     *     {@code ALERT_INVALID_TRANSITION} (already resolved)
     */
    @Post("/alerts/{alertId}/resolve")
    Alert resolve(@PathVariable String alertId, Authentication authentication);
}
