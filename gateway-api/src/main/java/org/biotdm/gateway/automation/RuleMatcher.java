package org.biotdm.gateway.automation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.biotdm.gateway.device.DeviceRecord;
import org.biotdm.gateway.group.GroupDirectory;
import org.biotdm.gateway.telemetry.CommittedBatch;
import org.biotdm.gateway.telemetry.TelemetryReading;

/**
 * Decides, in memory and without allocating when nothing matches, whether a rule's condition holds: for a metric
 * condition, which readings of a committed batch satisfy it; for an alert condition, whether a raised alert matches.
 * A rule watches a device when it is enabled, of the device's owner, and names the device or a group listing it in
 * the {@link GroupDirectory}.
 */
final class RuleMatcher {
    /** Most triggering readings one firing names (the chaincode's limit). */
    static final int MAX_TRIGGER_READINGS = 32;

    private final GroupDirectory groups;

    RuleMatcher(GroupDirectory groups) {
        this.groups = groups;
    }

    /**
     * Tells whether an enabled rule watches a device.
     *
     * @param rule the rule
     * @param device the device
     * @return true when the rule's condition names the device or a group of its owner listing it
     */
    boolean watches(LedgerRule rule, DeviceRecord device) {
        if (!rule.enabled() || !rule.ownerMsp().equals(device.ownerMsp())) {
            return false;
        }
        RuleConditionBody condition = rule.condition();
        return device.deviceId().equals(condition.deviceId())
                || condition.groupId() != null
                        && groups.isMember(condition.groupId(), device.ownerMsp(), device.deviceId());
    }

    /**
     * Lists the readings of a batch for which a metric rule holds.
     *
     * @param rule the compiled rule
     * @param device the batch's device
     * @param batch the committed batch
     * @return {@code <seq>.<index>} of each matching reading, at most {@value #MAX_TRIGGER_READINGS}; empty when none
     *     matches or the rule is no metric rule watching the device
     */
    List<String> matchingReadings(RuleBook.CompiledRule rule, DeviceRecord device, CommittedBatch batch) {
        if (rule.comparison() == null || !watches(rule.rule(), device)) {
            return List.of();
        }
        String sensor = rule.rule().condition().sensor();
        List<String> refs = null;
        List<TelemetryReading> readings = batch.readings();
        for (int i = 0; i < readings.size(); i++) {
            TelemetryReading reading = readings.get(i);
            if (reading.sensor().equals(sensor) && rule.comparison().test(reading.valueNumber(), rule.threshold())) {
                if (refs == null) {
                    refs = new ArrayList<>();
                }
                refs.add(batch.seq() + "." + i);
                if (refs.size() == MAX_TRIGGER_READINGS) {
                    break;
                }
            }
        }
        return refs == null ? List.of() : refs;
    }

    /**
     * Tells whether a raised alert satisfies an alert rule: each of the condition's {@code alertRuleId} and {@code
     * alertKind} that is set equals the alert's.
     *
     * @param rule the compiled rule
     * @param device the alert's device
     * @param alert the alert's live-event data ({@code ruleId}, {@code kind})
     * @return true when the rule fires on the alert
     */
    boolean matchesAlert(RuleBook.CompiledRule rule, DeviceRecord device, Map<String, Object> alert) {
        RuleConditionBody condition = rule.rule().condition();
        if (!"alert".equals(condition.kind()) || !watches(rule.rule(), device)) {
            return false;
        }
        boolean ruleMatches =
                condition.alertRuleId() == null || condition.alertRuleId().equals(alert.get("ruleId"));
        boolean kindMatches =
                condition.alertKind() == null || condition.alertKind().equals(alert.get("kind"));
        return ruleMatches && kindMatches;
    }
}
