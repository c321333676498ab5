package org.biotdm.gateway.alert;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.biotdm.gateway.error.ApiException;
import org.biotdm.gateway.error.ErrorCode;
import org.biotdm.gateway.query.QueryParameters;
import org.biotdm.gateway.users.ApiRole;
import org.biotdm.gateway.users.ApiUser;

/** Serves {@link AlertOperations}; JDBC blocks, so requests run on the blocking executor. */
@Tag(name = "Alerts")
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
public class AlertController implements AlertOperations {

    private final AlertService service;
    private final int maxPageSize;

    /**
     * Creates the controller.
     *
     * @param service the alert service
     * @param configuration the alert settings ({@code max-page-size})
     */
    public AlertController(AlertService service, AlertConfiguration configuration) {
        this.service = service;
        this.maxPageSize = configuration.maxPageSize();
    }

    @Override
    @Secured({ApiRole.Names.ADMIN, ApiRole.Names.OPERATOR, ApiRole.Names.AUDITOR})
    public AlertPage list(
            @Nullable String device,
            @Nullable String state,
            @Nullable String severity,
            @Nullable String from,
            @Nullable String to,
            @Nullable String by,
            @Nullable String cursor,
            @Nullable Integer limit,
            Authentication authentication) {
        ApiUser user = ApiUser.from(authentication);
        AlertFilter filter = filter(device, state, severity, from, to, by);
        int size = limit == null ? Math.min(50, maxPageSize) : limit;
        return service.list(user, filter, QueryParameters.cursor(cursor), size);
    }

    @Override
    @Secured({ApiRole.Names.ADMIN, ApiRole.Names.OPERATOR, ApiRole.Names.AUDITOR})
    public Alert get(String alertId, Authentication authentication) {
        return service.get(ApiUser.from(authentication), id(alertId));
    }

    @Override
    @Secured({ApiRole.Names.ADMIN, ApiRole.Names.OPERATOR})
    public Alert acknowledge(String alertId, Authentication authentication) {
        return service.transition(
                ApiUser.from(authentication), id(alertId), AlertState.ACKNOWLEDGED, System.currentTimeMillis());
    }

    @Override
    @Secured({ApiRole.Names.ADMIN, ApiRole.Names.OPERATOR})
    public Alert resolve(String alertId, Authentication authentication) {
        return service.transition(
                ApiUser.from(authentication), id(alertId), AlertState.RESOLVED, System.currentTimeMillis());
    }

    /**
     * Parses and checks the list filters shared by the list and the export.
     *
     * @param device the device filter, or null
     * @param state the state filter, or null
     * @param severity the severity filter, or null
     * @param from the start, or null
     * @param to the end, or null
     * @param by which time {@code from} and {@code to} bound: {@code created} (null), {@code updated} or {@code
     *     cleared}
     * @return the filter (no organisation yet)
     * @throws ApiException 400 {@code INVALID_ARGUMENT}
     */
    public static AlertFilter filter(
            @Nullable String device,
            @Nullable String state,
            @Nullable String severity,
            @Nullable String from,
            @Nullable String to,
            @Nullable String by) {
        if (device != null && !device.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            throw ApiException.invalid("device", "device must be a device ID");
        }
        AlertState st = state == null
                ? null
                : AlertState.parse(state)
                        .orElseThrow(
                                () -> ApiException.invalid("state", "state must be open, acknowledged or resolved"));
        Severity sev = severity == null
                ? null
                : Severity.parse(severity)
                        .orElseThrow(
                                () -> ApiException.invalid("severity", "severity must be info, warning or critical"));
        AlertFilter.Time time = by == null
                ? null
                : AlertFilter.Time.parse(by)
                        .orElseThrow(() -> ApiException.invalid("by", "by must be created, updated or cleared"));
        Long start = from == null ? null : QueryParameters.time("from", from, 0);
        Long end = to == null ? null : QueryParameters.time("to", to, 0);
        if (start != null && end != null && start >= end) {
            throw ApiException.invalid("from", "from must be before to");
        }
        return new AlertFilter(null, device, st, sev, start, end, time);
    }

    private static long id(String alertId) {
        try {
            return Long.parseLong(alertId);
        } catch (NumberFormatException e) {
            throw new ApiException(ErrorCode.ALERT_NOT_FOUND, "Alert " + alertId + " does not exist");
        }
    }
}
