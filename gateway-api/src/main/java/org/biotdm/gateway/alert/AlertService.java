package org.biotdm.gateway.alert;

import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.connection.jdbc.exceptions.CannotGetJdbcConnectionException;
import io.micronaut.data.exceptions.DataAccessException;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.biotdm.gateway.access.DeviceAccess;
import org.biotdm.gateway.db.DatabaseConfiguration;
import org.biotdm.gateway.device.DeviceRecord;
import org.biotdm.gateway.device.DeviceRegistry;
import org.biotdm.gateway.error.ApiException;
import org.biotdm.gateway.error.ErrorCode;
import org.biotdm.gateway.live.LiveEvent;
import org.biotdm.gateway.users.ApiRole;
import org.biotdm.gateway.users.ApiUser;

/**
 * Lists, acknowledges and resolves alerts for signed-in people, showing only alerts of devices they may see ({@link
 * DeviceAccess#canRead}). Admins and auditors see their organisation's devices, which the SQL filters directly;
 * operators' pages are filtered device by device, scanning at most {@value #SCAN_FACTOR} rows per requested item.
 */
@Singleton
public class AlertService {
    /** How many rows a page may scan per item asked for before it returns what it found with a cursor. */
    static final int SCAN_FACTOR = 20;

    private final AlertRepository repository;
    private final DeviceAccess access;
    private final DeviceRegistry registry;
    private final ApplicationEventPublisher<LiveEvent> publisher;
    private final long retryAfterSeconds;

    /**
     * Creates the service.
     *
     * @param repository the alerts table
     * @param access who may see which device
     * @param registry device records
     * @param publisher publishes the changes as live events
     * @param database the database settings ({@code retry-after})
     */
    public AlertService(
            AlertRepository repository,
            DeviceAccess access,
            DeviceRegistry registry,
            ApplicationEventPublisher<LiveEvent> publisher,
            DatabaseConfiguration database) {
        this.repository = repository;
        this.access = access;
        this.registry = registry;
        this.publisher = publisher;
        this.retryAfterSeconds = database.retryAfter().toSeconds();
    }

    /**
     * Returns a page of the alerts the person may see.
     *
     * @param user the person
     * @param filter the filter; its {@code deviceId}, when set, must be visible to the person
     * @param beforeId the cursor (alerts with smaller IDs), or null for the newest
     * @param limit page size, already bounded by the caller
     * @return the page
     * @throws ApiException 404 {@code DEVICE_NOT_FOUND} and 403 {@code DEVICE_ACCESS_DENIED} for a device filter
     *     the person may not see; 503 {@code DATABASE_UNAVAILABLE}
     */
    public AlertPage list(ApiUser user, AlertFilter filter, @Nullable Long beforeId, int limit) {
        AlertFilter scoped = scope(user, filter);
        boolean checkEach = scoped.deviceId() == null && user.is(ApiRole.OPERATOR);
        int scanBudget = checkEach ? limit * SCAN_FACTOR : limit;
        List<Alert> items = new ArrayList<>();
        Map<String, Boolean> visible = new HashMap<>();
        Long cursor = beforeId;
        int scanned = 0;
        try {
            while (items.size() < limit && scanned < scanBudget) {
                int chunk = Math.min(scanBudget - scanned, checkEach ? Math.max(limit, 100) : limit);
                List<Alert> rows = repository.page(scoped, cursor, chunk);
                for (Alert alert : rows) {
                    scanned++;
                    cursor = alert.id();
                    if (!checkEach || visible.computeIfAbsent(alert.deviceId(), id -> canRead(user, id))) {
                        items.add(alert);
                        if (items.size() == limit) {
                            break;
                        }
                    }
                }
                if (rows.size() < chunk) {
                    return new AlertPage(items, items.size() == limit ? String.valueOf(cursor) : null);
                }
            }
        } catch (DataAccessException | CannotGetJdbcConnectionException e) {
            throw ApiException.databaseUnavailable(retryAfterSeconds, e);
        }
        return new AlertPage(items, cursor == null ? null : String.valueOf(cursor));
    }

    /**
     * Narrows a filter to what the person may see: their organisation's devices for admins and auditors, the
     * requested device (checked) when one is named.
     *
     * @param user the person
     * @param filter the requested filter
     * @return the filter to run; operators without a device filter still need each row checked
     * @throws ApiException 404 {@code DEVICE_NOT_FOUND}, 403 {@code DEVICE_ACCESS_DENIED}
     */
    public AlertFilter scope(ApiUser user, AlertFilter filter) {
        if (filter.deviceId() != null) {
            access.requireReadable(user, filter.deviceId());
        }
        String owner = user.is(ApiRole.OPERATOR) ? null : user.mspId();
        return new AlertFilter(
                owner, filter.deviceId(), filter.state(), filter.severity(), filter.from(), filter.to(), filter.time());
    }

    /**
     * Tells whether the person may see a device's alerts.
     *
     * @param user the person
     * @param deviceId the device
     * @return true when the device is registered and visible
     */
    public boolean canRead(ApiUser user, String deviceId) {
        Optional<DeviceRecord> device = registry.find(deviceId);
        return device.isPresent() && access.canRead(user, device.get());
    }

    /**
     * Returns one alert the person may see.
     *
     * @param user the person
     * @param alertId the alert's ID
     * @return the alert
     * @throws ApiException 404 {@code ALERT_NOT_FOUND}, 403 {@code ALERT_ACCESS_DENIED}, 503 {@code
     *     DATABASE_UNAVAILABLE}
     */
    public Alert get(ApiUser user, long alertId) {
        Alert alert = load(alertId);
        if (!canRead(user, alert.deviceId())) {
            throw new ApiException(ErrorCode.ALERT_ACCESS_DENIED, "You may not see the device of alert " + alertId);
        }
        return alert;
    }

    /**
     * Acknowledges or resolves an alert of a device the person may see (auditors are refused before this).
     *
     * @param user the person, an admin or operator
     * @param alertId the alert's ID
     * @param target {@link AlertState#ACKNOWLEDGED} or {@link AlertState#RESOLVED}
     * @param now the time, epoch ms
     * @return the changed alert
     * @throws ApiException 404 {@code ALERT_NOT_FOUND}, 403 {@code ALERT_ACCESS_DENIED}, 409 {@code
     *     ALERT_INVALID_TRANSITION} (acknowledging an alert that is not open, resolving a resolved one), 503 {@code
     *     DATABASE_UNAVAILABLE}
     */
    public Alert transition(ApiUser user, long alertId, AlertState target, long now) {
        Alert alert = get(user, alertId);
        try {
            if (!repository.transition(alertId, target, user.username(), now)) {
                throw new ApiException(
                        ErrorCode.ALERT_INVALID_TRANSITION,
                        "Alert " + alertId + " is " + load(alertId).state() + " and cannot become " + target.value());
            }
            Alert changed = repository.find(alertId).orElse(alert);
            publisher.publishEvent(new LiveEvent(
                    "alert",
                    changed.deviceId(),
                    changed.ownerMsp(),
                    changed.updatedAt(),
                    changed.eventData(target.value())));
            return changed;
        } catch (DataAccessException | CannotGetJdbcConnectionException e) {
            throw ApiException.databaseUnavailable(retryAfterSeconds, e);
        }
    }

    private Alert load(long alertId) {
        try {
            return repository
                    .find(alertId)
                    .orElseThrow(
                            () -> new ApiException(ErrorCode.ALERT_NOT_FOUND, "Alert " + alertId + " does not exist"));
        } catch (DataAccessException | CannotGetJdbcConnectionException e) {
            throw ApiException.databaseUnavailable(retryAfterSeconds, e);
        }
    }
}
