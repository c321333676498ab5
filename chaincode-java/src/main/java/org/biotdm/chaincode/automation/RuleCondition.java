package org.biotdm.chaincode.automation;

import com.owlike.genson.annotation.JsonProperty;
import java.math.BigDecimal;
import java.util.Set;
import org.biotdm.chaincode.support.Check;
import org.hyperledger.fabric.contract.annotation.DataType;
import org.hyperledger.fabric.contract.annotation.Property;

/**
 * Holds a rule's condition, evaluated by the gateway on the readings it receives: either {@code {"kind":"metric",
 * "sensor","comparison","threshold"}} (a reading of {@code sensor} compares true with {@code threshold}, a decimal
 * string because ledger arguments carry no fractional numbers) or {@code {"kind":"alert","alertRuleId"?,
 * "alertKind"?}} (an alert of that gateway alert rule, or of that kind, {@code threshold} or {@code anomaly}, is
 * raised); in both, for {@code deviceId} or for the members of {@code groupId}.
 */
@DataType
public final class RuleCondition {
    /** Condition kind: a reading's metric comparison. */
    public static final String METRIC = "metric";
    /** Condition kind: an alert being raised. */
    public static final String ALERT = "alert";

    private static final Set<String> COMPARISONS = Set.of(">", ">=", "<", "<=", "==", "!=");
    private static final int MAX_THRESHOLD_CHARS = 32;

    @Property
    private final String kind;

    @Property
    private final String sensor;

    @Property
    private final String comparison;

    @Property
    private final String threshold;

    @Property
    private final String alertRuleId;

    @Property
    private final String alertKind;

    @Property
    private final String deviceId;

    @Property
    private final String groupId;

    /**
     * Creates a condition; Genson uses this constructor for requests and stored records.
     *
     * @param kind {@code metric} or {@code alert}
     * @param sensor the sensor name (metric)
     * @param comparison one of {@code > >= < <= == !=} (metric)
     * @param threshold the threshold, a decimal string (metric)
     * @param alertRuleId the gateway alert rule id, or {@code null} (alert)
     * @param alertKind {@code threshold} or {@code anomaly}, or {@code null} (alert)
     * @param deviceId the watched device, or {@code null}
     * @param groupId the watched group, or {@code null}
     */
    public RuleCondition(
            @JsonProperty("kind") final String kind,
            @JsonProperty("sensor") final String sensor,
            @JsonProperty("comparison") final String comparison,
            @JsonProperty("threshold") final String threshold,
            @JsonProperty("alertRuleId") final String alertRuleId,
            @JsonProperty("alertKind") final String alertKind,
            @JsonProperty("deviceId") final String deviceId,
            @JsonProperty("groupId") final String groupId) {
        this.kind = kind;
        this.sensor = sensor;
        this.comparison = comparison;
        this.threshold = threshold;
        this.alertRuleId = alertRuleId;
        this.alertKind = alertKind;
        this.deviceId = deviceId;
        this.groupId = groupId;
    }

    /**
     * Checks a condition.
     *
     * @param condition the condition, possibly {@code null}
     * @return the condition
     * @throws org.hyperledger.fabric.shim.ChaincodeException {@code INVALID_ARGUMENT}
     */
    static RuleCondition validated(final RuleCondition condition) {
        Check.required("condition", condition);
        RuleTarget.check("condition", condition.deviceId, condition.groupId);
        if (METRIC.equals(condition.kind)) {
            condition.checkMetric();
        } else if (ALERT.equals(condition.kind)) {
            condition.checkAlert();
        } else {
            throw Check.invalid("condition.kind", "must be metric or alert");
        }
        return condition;
    }

    private void checkMetric() {
        Check.id("condition.sensor", sensor);
        if (!COMPARISONS.contains(comparison)) {
            throw Check.invalid("condition.comparison", "must be one of > >= < <= == !=");
        }
        Check.required("condition.threshold", threshold);
        try {
            if (threshold.length() > MAX_THRESHOLD_CHARS) {
                throw new NumberFormatException();
            }
            new BigDecimal(threshold);
        } catch (NumberFormatException e) {
            throw Check.invalid(
                    "condition.threshold",
                    "must be a decimal number of at most " + MAX_THRESHOLD_CHARS + " characters");
        }
        if (alertRuleId != null || alertKind != null) {
            throw Check.invalid("condition", "of kind metric takes no alertRuleId or alertKind");
        }
    }

    private void checkAlert() {
        Check.optionalId("condition.alertRuleId", alertRuleId);
        if (alertKind != null && !Set.of("threshold", "anomaly").contains(alertKind)) {
            throw Check.invalid("condition.alertKind", "must be threshold or anomaly");
        }
        if (alertRuleId == null && alertKind == null) {
            throw Check.invalid("condition", "of kind alert needs alertRuleId or alertKind");
        }
        if (sensor != null || comparison != null || threshold != null) {
            throw Check.invalid("condition", "of kind alert takes no sensor, comparison or threshold");
        }
    }

    /**
     * Returns the kind.
     *
     * @return {@code metric} or {@code alert}
     */
    public String getKind() {
        return kind;
    }

    /**
     * Returns the sensor of a metric condition.
     *
     * @return the sensor, or {@code null}
     */
    public String getSensor() {
        return sensor;
    }

    /**
     * Returns the comparison symbol of a metric condition.
     *
     * @return the symbol, or {@code null}
     */
    public String getComparison() {
        return comparison;
    }

    /**
     * Returns the threshold of a metric condition, a decimal string.
     *
     * @return the threshold, or {@code null}
     */
    public String getThreshold() {
        return threshold;
    }

    /**
     * Returns the gateway alert rule of an alert condition.
     *
     * @return the id, or {@code null}
     */
    public String getAlertRuleId() {
        return alertRuleId;
    }

    /**
     * Returns the alert kind of an alert condition.
     *
     * @return {@code threshold}, {@code anomaly} or {@code null}
     */
    public String getAlertKind() {
        return alertKind;
    }

    /**
     * Returns the watched device.
     *
     * @return the device id, or {@code null} when a group is watched
     */
    public String getDeviceId() {
        return deviceId;
    }

    /**
     * Returns the watched group.
     *
     * @return the group id, or {@code null} when a device is watched
     */
    public String getGroupId() {
        return groupId;
    }
}
