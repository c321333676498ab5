package org.biotdm.gateway.alert;

import io.micronaut.data.connection.jdbc.exceptions.CannotGetJdbcConnectionException;
import io.micronaut.data.exceptions.DataAccessException;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.biotdm.gateway.access.DeviceAccess;
import org.biotdm.gateway.db.DatabaseConfiguration;
import org.biotdm.gateway.error.ApiException;
import org.biotdm.gateway.error.ErrorCode;
import org.biotdm.gateway.users.ApiRole;
import org.biotdm.gateway.users.ApiUser;
import org.biotdm.protocol.name.SensorNames;

/**
 * Creates, changes, deletes and shows threshold rules. Admins write the rules of their own organisation; a device
 * rule needs a device the admin may administer. Admins and auditors read their organisation's rules; operators read
 * their organisation's group and fleet rules and the device rules of devices they may see.
 */
@Singleton
final class AlertRuleService {

    private final AlertRuleRepository repository;
    private final DeviceAccess access;
    private final AlertEngine engine;
    private final AlertService alerts;
    private final long retryAfterSeconds;

    /**
     * Creates the service.
     *
     * @param repository the rules table
     * @param access who may see and administer which device
     * @param engine told when rules change
     * @param alerts device visibility for operators
     * @param database the database settings ({@code retry-after})
     */
    public AlertRuleService(
            AlertRuleRepository repository,
            DeviceAccess access,
            AlertEngine engine,
            AlertService alerts,
            DatabaseConfiguration database) {
        this.repository = repository;
        this.access = access;
        this.engine = engine;
        this.alerts = alerts;
        this.retryAfterSeconds = database.retryAfter().toSeconds();
    }

    /**
     * Creates a rule of the admin's organisation.
     *
     * @param admin the admin
     * @param request the rule
     * @param now the time, epoch ms
     * @return the stored rule
     * @throws ApiException 400 {@code INVALID_ARGUMENT}; 404 {@code DEVICE_NOT_FOUND} and 403 {@code
     *     DEVICE_ACCESS_DENIED} for a device rule on a device the admin may not administer; 503 {@code
     *     DATABASE_UNAVAILABLE}
     */
    public AlertRule create(ApiUser admin, AlertRuleRequest request, long now) {
        AlertRule rule = validate(admin, request, "r-" + UUID.randomUUID(), admin.username(), now, now);
        try {
            repository.save(rule);
        } catch (DataAccessException | CannotGetJdbcConnectionException e) {
            throw ApiException.databaseUnavailable(retryAfterSeconds, e);
        }
        engine.rulesChanged();
        return rule;
    }

    /**
     * Replaces a rule's definition.
     *
     * @param admin an admin of the rule's organisation
     * @param ruleId the rule
     * @param request the new definition
     * @param now the time, epoch ms
     * @return the stored rule
     * @throws ApiException 404 {@code ALERT_RULE_NOT_FOUND}, 403 {@code ALERT_RULE_ACCESS_DENIED}, 400 {@code
     *     INVALID_ARGUMENT}, the device errors of {@link #create}, 503 {@code DATABASE_UNAVAILABLE}
     */
    public AlertRule update(ApiUser admin, String ruleId, AlertRuleRequest request, long now) {
        AlertRule existing = writable(admin, ruleId);
        AlertRule rule = validate(admin, request, ruleId, existing.createdBy(), existing.createdAt(), now);
        try {
            if (!repository.update(rule)) {
                throw notFound(ruleId);
            }
        } catch (DataAccessException | CannotGetJdbcConnectionException e) {
            throw ApiException.databaseUnavailable(retryAfterSeconds, e);
        }
        engine.rulesChanged();
        return rule;
    }

    /**
     * Deletes a rule; alerts it raised stay.
     *
     * @param admin an admin of the rule's organisation
     * @param ruleId the rule
     * @throws ApiException 404 {@code ALERT_RULE_NOT_FOUND}, 403 {@code ALERT_RULE_ACCESS_DENIED}, 503 {@code
     *     DATABASE_UNAVAILABLE}
     */
    public void delete(ApiUser admin, String ruleId) {
        writable(admin, ruleId);
        try {
            if (!repository.delete(ruleId)) {
                throw notFound(ruleId);
            }
        } catch (DataAccessException | CannotGetJdbcConnectionException e) {
            throw ApiException.databaseUnavailable(retryAfterSeconds, e);
        }
        engine.rulesChanged();
    }

    /**
     * Returns a rule the person may see.
     *
     * @param user the person
     * @param ruleId the rule
     * @return the rule
     * @throws ApiException 404 {@code ALERT_RULE_NOT_FOUND}, 403 {@code ALERT_RULE_ACCESS_DENIED}, 503 {@code
     *     DATABASE_UNAVAILABLE}
     */
    public AlertRule get(ApiUser user, String ruleId) {
        AlertRule rule = load(ruleId);
        if (!visible(user, rule)) {
            throw denied(ruleId);
        }
        return rule;
    }

    /**
     * Lists the rules the person may see, ordered by ID.
     *
     * @param user the person
     * @return the rules
     * @throws ApiException 503 {@code DATABASE_UNAVAILABLE}
     */
    public List<AlertRule> list(ApiUser user) {
        try {
            List<AlertRule> visible = new ArrayList<>();
            for (AlertRule rule : repository.list(user.mspId())) {
                if (visible(user, rule)) {
                    visible.add(rule);
                }
            }
            return visible;
        } catch (DataAccessException | CannotGetJdbcConnectionException e) {
            throw ApiException.databaseUnavailable(retryAfterSeconds, e);
        }
    }

    private boolean visible(ApiUser user, AlertRule rule) {
        if (!rule.ownerMsp().equals(user.mspId())) {
            return false;
        }
        return !user.is(ApiRole.OPERATOR) || rule.scope() != RuleScope.DEVICE || alerts.canRead(user, rule.target());
    }

    private AlertRule writable(ApiUser admin, String ruleId) {
        AlertRule rule = load(ruleId);
        if (!admin.is(ApiRole.ADMIN) || !rule.ownerMsp().equals(admin.mspId())) {
            throw denied(ruleId);
        }
        return rule;
    }

    private AlertRule load(String ruleId) {
        try {
            return repository.find(ruleId).orElseThrow(() -> notFound(ruleId));
        } catch (DataAccessException | CannotGetJdbcConnectionException e) {
            throw ApiException.databaseUnavailable(retryAfterSeconds, e);
        }
    }

    private AlertRule validate(
            ApiUser admin, AlertRuleRequest r, String ruleId, String createdBy, long createdAt, long now) {
        RuleScope scope = RuleScope.parse(r.scope())
                .orElseThrow(() -> ApiException.invalid("body.scope", "scope must be device, group or fleet"));
        String target =
                switch (scope) {
                    case DEVICE -> {
                        absent(r.group(), "group", scope);
                        String deviceId = required(r.deviceId(), "deviceId");
                        access.requireAdministrable(admin, deviceId);
                        yield deviceId;
                    }
                    case GROUP -> {
                        absent(r.deviceId(), "deviceId", scope);
                        yield required(r.group(), "group");
                    }
                    case FLEET -> {
                        absent(r.deviceId(), "deviceId", scope);
                        absent(r.group(), "group", scope);
                        yield null;
                    }
                };
        if (!SensorNames.isValid(r.sensor())) {
            throw ApiException.invalid("body.sensor", "sensor must be a valid sensor name: " + SensorNames.RULE);
        }
        Comparison comparison = Comparison.parse(r.comparison())
                .orElseThrow(() ->
                        ApiException.invalid("body.comparison", "comparison must be one of >, >=, <, <=, ==, !="));
        if (!Double.isFinite(r.value())) {
            throw ApiException.invalid("body.value", "value must be a finite number");
        }
        int consecutive = r.consecutive() == null ? 1 : r.consecutive();
        Severity severity = Severity.parse(r.severity())
                .orElseThrow(() -> ApiException.invalid("body.severity", "severity must be info, warning or critical"));
        return new AlertRule(
                ruleId,
                admin.mspId(),
                r.name(),
                scope,
                target,
                r.sensor(),
                comparison,
                r.value(),
                consecutive,
                severity,
                r.enabled() == null || r.enabled(),
                createdBy,
                createdAt,
                now);
    }

    private static String required(String value, String field) {
        if (value == null) {
            throw ApiException.invalid("body." + field, field + " is required");
        }
        return value;
    }

    private static void absent(String value, String field, RuleScope scope) {
        if (value != null) {
            throw ApiException.invalid("body." + field, field + " is not allowed with scope " + scope.value());
        }
    }

    private static ApiException notFound(String ruleId) {
        return new ApiException(ErrorCode.ALERT_RULE_NOT_FOUND, "Alert rule " + ruleId + " does not exist");
    }

    private static ApiException denied(String ruleId) {
        return new ApiException(ErrorCode.ALERT_RULE_ACCESS_DENIED, "You may not see or change alert rule " + ruleId);
    }
}
