package org.biotdm.gateway.alert;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;
import java.util.Objects;
import org.biotdm.gateway.db.UtcMillisConverter;
import org.biotdm.gateway.device.DeviceRecord;

/**
 * A threshold rule: raise an alert of {@code severity} when {@code consecutive} readings in a row of {@code sensor}
 * from a watched device satisfy {@code value <comparison> threshold}. Stored in {@code alert_rules} (migration V50)
 * through {@link AlertRuleRepository}: scope and severity by name, the comparison by its symbol, times as UTC {@code
 * DATETIME(3)}.
 *
 * @param ruleId the rule's ID, {@code r-<uuid>}
 * @param ownerMsp the MSP ID of the organisation whose admin wrote it; it watches only that organisation's devices
 * @param name a free label, or null
 * @param scope which devices it watches
 * @param target the device ID ({@link RuleScope#DEVICE}) or device group ({@link RuleScope#GROUP}); null for {@link
 *     RuleScope#FLEET}
 * @param sensor the sensor name
 * @param comparison the operator
 * @param threshold the threshold, in the sensor's unit
 * @param consecutive how many readings in a row must match, 1 or more
 * @param severity the severity of the alerts it raises
 * @param enabled false to keep the rule without evaluating it
 * @param createdBy the username of the admin who created it
 * @param createdAt creation time, epoch ms
 * @param updatedAt last change, epoch ms
 */
@MappedEntity("alert_rules")
public record AlertRule(
        @Id String ruleId,
        String ownerMsp,
        @Nullable String name,
        RuleScope scope,
        @Nullable String target,
        String sensor,
        @MappedProperty(converter = ComparisonSymbolConverter.class) Comparison comparison,
        double threshold,
        int consecutive,
        Severity severity,
        boolean enabled,
        String createdBy,
        @MappedProperty(converter = UtcMillisConverter.class) long createdAt,
        @MappedProperty(converter = UtcMillisConverter.class) long updatedAt) {

    /**
     * Tells whether the rule watches a device.
     *
     * @param device the device's registry record
     * @return true when the device belongs to the rule's organisation and scope
     */
    public boolean watches(DeviceRecord device) {
        if (!ownerMsp.equals(device.ownerMsp())) {
            return false;
        }
        return switch (scope) {
            case FLEET -> true;
            case GROUP -> Objects.equals(target, device.deviceGroup());
            case DEVICE -> target.equals(device.deviceId());
        };
    }

    /**
     * Tells whether a value matches the rule's condition.
     *
     * @param value the reading's numeric value (NaN never matches)
     * @return true when {@code value <comparison> threshold}
     */
    public boolean matches(double value) {
        return comparison.test(value, threshold);
    }

    /**
     * Describes the condition for alert messages, for example {@code temperature > 35.0 for 3 readings}.
     *
     * @return the text
     */
    public String describe() {
        return sensor + " " + comparison.symbol() + " " + threshold + " for " + consecutive
                + (consecutive == 1 ? " reading" : " readings");
    }
}
