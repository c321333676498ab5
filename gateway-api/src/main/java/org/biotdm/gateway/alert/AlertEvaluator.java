package org.biotdm.gateway.alert;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.biotdm.gateway.device.DeviceRecord;
import org.biotdm.gateway.telemetry.CommittedBatch;
import org.biotdm.gateway.telemetry.TelemetryReading;
import org.biotdm.protocol.telemetry.ValueKind;

/**
 * Evaluates threshold rules and the anomaly detector on committed readings, in commit order, and tells an {@link
 * AlertSink} when an alert is raised or its condition clears. One thread only (the {@link AlertEngine}'s).
 *
 * <p>Threshold semantics, per rule and device: every numeric or boolean reading of the rule's sensor either matches
 * (the run grows by one) or not (the run drops to 0). When the run reaches {@code consecutive} and no alert of this
 * rule and device is active, one alert is raised; further matching readings raise nothing (no duplicates while the
 * condition persists). The first non-matching reading clears the active alert and re-arms the rule: the next run of
 * {@code consecutive} matching readings raises a new alert. String readings are skipped.
 *
 * <p>Anomaly semantics, per device and numeric sensor: an {@link EwmaDetector}; the first anomalous reading raises an
 * alert, the first normal one after it clears it and re-arms.
 *
 * <p>State is in memory and bounded: at most {@code maxStates} rule/device runs and as many detectors, least recently
 * used dropped first ({@link #evictions()}). After a restart runs and detectors start afresh.
 */
final class AlertEvaluator {
    private final AnomalyParameters anomalyParameters;
    private final boolean anomalyEnabled;
    private final Severity anomalySeverity;
    private final Map<String, RuleRun> runs;
    private final Map<String, Series> series;
    private Map<String, List<AlertRule>> rulesBySensor = Map.of();
    private Map<String, Long> ruleVersions = Map.of();
    private long evictions;

    /**
     * Creates an evaluator without rules.
     *
     * @param anomalyParameters the detector's parameters
     * @param anomalyEnabled false to skip the detector
     * @param anomalySeverity the severity of anomaly alerts
     * @param maxStates the most rule runs, and the most detectors, kept in memory
     */
    AlertEvaluator(
            AnomalyParameters anomalyParameters, boolean anomalyEnabled, Severity anomalySeverity, int maxStates) {
        this.anomalyParameters = anomalyParameters;
        this.anomalyEnabled = anomalyEnabled;
        this.anomalySeverity = anomalySeverity;
        this.runs = lru(maxStates);
        this.series = lru(maxStates);
    }

    /**
     * Replaces the rules. Runs of rules that are gone or changed are forgotten (their active alerts stay open).
     *
     * @param rules every enabled rule
     */
    void setRules(List<AlertRule> rules) {
        Map<String, List<AlertRule>> bySensor = new HashMap<>();
        Map<String, Long> versions = new HashMap<>();
        for (AlertRule rule : rules) {
            if (rule.enabled()) {
                bySensor.computeIfAbsent(rule.sensor(), s -> new ArrayList<>()).add(rule);
                versions.put(rule.ruleId(), rule.updatedAt());
            }
        }
        Map<String, Long> previous = ruleVersions;
        runs.values().removeIf(run -> !Objects.equals(previous.get(run.ruleId), versions.get(run.ruleId)));
        rulesBySensor = bySensor;
        ruleVersions = versions;
    }

    /**
     * Evaluates the readings of one committed batch.
     *
     * @param device the device's registry record
     * @param batch the batch
     * @param sink told about raised and cleared alerts
     */
    void evaluate(DeviceRecord device, CommittedBatch batch, AlertSink sink) {
        for (TelemetryReading reading : batch.readings()) {
            if (reading.kind() == ValueKind.S || Double.isNaN(reading.valueNumber())) {
                continue;
            }
            long ts = batch.readingTs(reading);
            List<AlertRule> rules = rulesBySensor.get(reading.sensor());
            if (rules != null) {
                for (AlertRule rule : rules) {
                    if (rule.watches(device)) {
                        threshold(device, rule, reading, ts, sink);
                    }
                }
            }
            if (anomalyEnabled && reading.kind() == ValueKind.N) {
                anomaly(device, reading, ts, sink);
            }
        }
    }

    /**
     * Returns how many states were dropped to keep memory bounded.
     *
     * @return the count since start
     */
    long evictions() {
        return evictions;
    }

    private void threshold(DeviceRecord device, AlertRule rule, TelemetryReading reading, long ts, AlertSink sink) {
        String key = rule.ruleId() + '\u0000' + device.deviceId();
        RuleRun run = runs.computeIfAbsent(key, k -> new RuleRun(rule.ruleId()));
        if (rule.matches(reading.valueNumber())) {
            run.length++;
            if (run.length >= rule.consecutive() && run.alertId == 0) {
                String message = "Rule " + (rule.name() == null ? rule.ruleId() : rule.name()) + ": " + rule.describe()
                        + " (value " + reading.valueText() + ")";
                long id =
                        sink.raise(device, rule, reading.sensor(), rule.severity(), message, reading.valueNumber(), ts);
                run.alertId = id == AlertSink.FAILED ? 0 : id;
            }
        } else {
            run.length = 0;
            if (run.alertId != 0) {
                sink.clear(run.alertId);
                run.alertId = 0;
            }
        }
    }

    private void anomaly(DeviceRecord device, TelemetryReading reading, long ts, AlertSink sink) {
        String key = device.deviceId() + '\u0000' + reading.sensor();
        Series s = series.computeIfAbsent(key, k -> new Series(new EwmaDetector(anomalyParameters)));
        if (s.detector.update(reading.valueNumber())) {
            if (s.alertId == 0) {
                String message = "Anomalous " + reading.sensor() + " reading " + reading.valueText() + " (more than "
                        + anomalyParameters.threshold() + " standard deviations from its mean)";
                long id =
                        sink.raise(device, null, reading.sensor(), anomalySeverity, message, reading.valueNumber(), ts);
                s.alertId = id == AlertSink.FAILED ? 0 : id;
            }
        } else if (s.alertId != 0) {
            sink.clear(s.alertId);
            s.alertId = 0;
        }
    }

    private <V> Map<String, V> lru(int capacity) {
        return new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                if (size() > capacity) {
                    evictions++;
                    return true;
                }
                return false;
            }
        };
    }

    /** The run of matching readings of one rule on one device. */
    private static final class RuleRun {
        final String ruleId;
        int length;
        long alertId;

        RuleRun(String ruleId) {
            this.ruleId = ruleId;
        }
    }

    /** The detector of one device's sensor and its active alert. */
    private static final class Series {
        final EwmaDetector detector;
        long alertId;

        Series(EwmaDetector detector) {
            this.detector = detector;
        }
    }
}
