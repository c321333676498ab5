package org.biotdm.gateway.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.biotdm.gateway.device.DeviceRecord;
import org.biotdm.gateway.device.DeviceStatus;
import org.biotdm.gateway.telemetry.CommittedBatch;
import org.biotdm.gateway.telemetry.TelemetryReading;
import org.biotdm.gateway.testing.TestSettings;
import org.biotdm.protocol.telemetry.ValueKind;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Threshold rules and the anomaly detector on real mote readings (Suthaharan single-hop mote 4 and multi-hop mote 3,
 * whose labelled events heat and humidify the motes), one committed batch per file row as a mote sends them.
 * Expected alerts come from an independent oracle: the rows' match flags as a string, runs found with a regular
 * expression.
 */
class AlertEvaluatorTest {
    /** The detector parameters in the shipped {@code application.yml}. */
    private static final AnomalyParameters SHIPPED =
            TestSettings.defaults(AlertConfiguration.class).anomalyParameters();

    private static final long BASE_TS = 1_700_000_000_000L;
    private static final DeviceRecord MOTE_4 = device("mote-4", "Org1MSP", "lab");
    private static final DeviceRecord FOREIGN = device("mote-9", "Org2MSP", "lab");
    private static final List<LabelledMotes.Row> SINGLE_HOP_4 =
            LabelledMotes.read("single_hop").get("4");
    private static final List<LabelledMotes.Row> MULTI_HOP_3 =
            LabelledMotes.read("multi_hop").get("3");

    private final RecordingSink sink = new RecordingSink();

    @Nested
    class Threshold {
        @Test
        void fires_once_when_n_consecutive_readings_match_and_re_arms_after_they_stop() {
            AlertRule rule = rule("r-hum", RuleScope.DEVICE, "mote-4", "humidity", Comparison.GT, 60, 3);
            AlertEvaluator evaluator = evaluator(List.of(rule), false);

            feed(evaluator, MOTE_4, SINGLE_HOP_4);

            Oracle oracle = Oracle.of(SINGLE_HOP_4, row -> Double.parseDouble(row.humidity()) > 60, 3);
            assertThat(oracle.raises).isNotEmpty();
            assertThat(sink.raisedRows()).containsExactlyElementsOf(oracle.raises);
            assertThat(sink.clearedRows()).containsExactlyElementsOf(oracle.clears);
        }

        @Test
        void a_run_shorter_than_n_fires_nothing() {
            // Mote 4's event keeps humidity above 60 for a run of known length; demanding one more reading than the
            // longest run must raise nothing.
            int longest = Oracle.longestRun(SINGLE_HOP_4, row -> Double.parseDouble(row.humidity()) > 60);
            assertThat(longest).isGreaterThan(3);
            AlertRule rule = rule("r-hum", RuleScope.FLEET, null, "humidity", Comparison.GT, 60, longest + 1);
            AlertEvaluator evaluator = evaluator(List.of(rule), false);

            feed(evaluator, MOTE_4, SINGLE_HOP_4);

            assertThat(sink.raised).isEmpty();
        }

        @Test
        void every_comparison_fires_exactly_where_the_oracle_says() {
            for (Comparison comparison : Comparison.values()) {
                RecordingSink local = new RecordingSink();
                double threshold = comparison == Comparison.EQ || comparison == Comparison.NE ? 27.6 : 29.0;
                AlertRule rule =
                        rule("r-" + comparison, RuleScope.GROUP, "lab", "temperature", comparison, threshold, 2);
                AlertEvaluator evaluator = evaluator(List.of(rule), false);

                feed(evaluator, MOTE_4, SINGLE_HOP_4, local);

                Oracle oracle = Oracle.of(
                        SINGLE_HOP_4, row -> comparison.test(Double.parseDouble(row.temperature()), threshold), 2);
                assertThat(local.raisedRows()).as(comparison.symbol()).containsExactlyElementsOf(oracle.raises);
                assertThat(local.clearedRows()).as(comparison.symbol()).containsExactlyElementsOf(oracle.clears);
            }
        }

        @Test
        void rules_watch_only_their_organisation_group_and_device() {
            AlertRule otherGroup = rule("r-g", RuleScope.GROUP, "roof", "humidity", Comparison.GT, 60, 1);
            AlertRule otherDevice = rule("r-d", RuleScope.DEVICE, "mote-1", "humidity", Comparison.GT, 60, 1);
            AlertRule fleet = rule("r-f", RuleScope.FLEET, null, "humidity", Comparison.GT, 60, 1);
            AlertEvaluator evaluator = evaluator(List.of(otherGroup, otherDevice, fleet), false);

            feed(evaluator, FOREIGN, SINGLE_HOP_4);
            assertThat(sink.raised).isEmpty();

            feed(evaluator, MOTE_4, SINGLE_HOP_4);
            assertThat(sink.raised).isNotEmpty().allMatch(r -> r.ruleId.equals("r-f"));
        }

        @Test
        void a_failed_store_is_retried_on_the_next_matching_reading() {
            AlertRule rule = rule("r-hum", RuleScope.DEVICE, "mote-4", "humidity", Comparison.GT, 60, 3);
            AlertEvaluator evaluator = evaluator(List.of(rule), false);
            sink.failuresLeft = 1;

            feed(evaluator, MOTE_4, SINGLE_HOP_4);

            Oracle oracle = Oracle.of(SINGLE_HOP_4, row -> Double.parseDouble(row.humidity()) > 60, 3);
            assertThat(sink.raisedRows().get(0)).isEqualTo(oracle.raises.get(0) + 1);
            assertThat(sink.raised).hasSameSizeAs(oracle.raises);
        }

        @Test
        void a_changed_rule_starts_its_runs_afresh_and_string_readings_are_skipped() {
            AlertRule rule = rule("r-door", RuleScope.FLEET, null, "door", Comparison.EQ, 1, 2);
            AlertEvaluator evaluator = evaluator(List.of(rule), false);
            step(evaluator, 1, new TelemetryReading("door", ValueKind.B, "true", 1, null, 0));
            evaluator.setRules(List.of(withVersion(rule, 2)));
            step(evaluator, 2, new TelemetryReading("door", ValueKind.B, "true", 1, null, 0));
            assertThat(sink.raised).isEmpty();

            step(evaluator, 3, new TelemetryReading("door", ValueKind.S, "OPEN", Double.NaN, null, 0));
            step(evaluator, 4, new TelemetryReading("door", ValueKind.B, "true", 1, null, 0));
            assertThat(sink.raisedRows()).containsExactly(4);
        }
    }

    @Nested
    class Anomaly {
        @Test
        void the_labelled_event_raises_one_alert_per_sensor_until_it_clears() {
            AlertEvaluator evaluator = evaluator(List.of(), true);

            feed(evaluator, device("mote-3", "Org1MSP", null), MULTI_HOP_3);

            int firstLabelled = Oracle.firstLabelled(MULTI_HOP_3);
            assertThat(sink.raised).isNotEmpty().allMatch(r -> r.ruleId == null);
            assertThat(sink.raised.stream().filter(r -> r.sensor.equals("temperature")))
                    .first()
                    .satisfies(r -> assertThat(r.row).isEqualTo(firstLabelled));
            assertThat(sink.raised.stream().filter(r -> r.sensor.equals("humidity")))
                    .first()
                    .satisfies(r -> assertThat(r.row).isEqualTo(firstLabelled));
            // Between a raise and its clear no second alert of the same sensor is raised.
            for (String sensor : List.of("humidity", "temperature")) {
                long raised = sink.raised.stream()
                        .filter(r -> r.sensor.equals(sensor))
                        .count();
                long cleared = sink.cleared.stream()
                        .filter(id -> sink.raised.get(id.intValue() - 1).sensor.equals(sensor))
                        .count();
                assertThat(raised - cleared).isBetween(0L, 1L);
            }
        }

        @Test
        void the_detector_state_is_bounded() {
            AlertEvaluator evaluator = new AlertEvaluator(SHIPPED, true, Severity.WARNING, 10);
            for (int i = 0; i < 50; i++) {
                evaluator.evaluate(
                        device("mote-" + i, "Org1MSP", null),
                        batch(i, new TelemetryReading("humidity", ValueKind.N, "45.9", 45.9, "%RH", 0)),
                        sink);
            }
            assertThat(evaluator.evictions()).isEqualTo(40);
        }
    }

    private void step(AlertEvaluator evaluator, int seq, TelemetryReading reading) {
        sink.currentRow = seq;
        evaluator.evaluate(MOTE_4, batch(seq, reading), sink);
    }

    private AlertEvaluator evaluator(List<AlertRule> rules, boolean anomaly) {
        AlertEvaluator evaluator = new AlertEvaluator(SHIPPED, anomaly, Severity.WARNING, 1000);
        evaluator.setRules(rules);
        return evaluator;
    }

    private void feed(AlertEvaluator evaluator, DeviceRecord device, List<LabelledMotes.Row> rows) {
        feed(evaluator, device, rows, sink);
    }

    private static void feed(
            AlertEvaluator evaluator, DeviceRecord device, List<LabelledMotes.Row> rows, RecordingSink sink) {
        for (int i = 0; i < rows.size(); i++) {
            LabelledMotes.Row row = rows.get(i);
            sink.currentRow = i;
            evaluator.evaluate(
                    device,
                    batch(
                            i,
                            new TelemetryReading(
                                    "humidity",
                                    ValueKind.N,
                                    row.humidity(),
                                    Double.parseDouble(row.humidity()),
                                    "%RH",
                                    TelemetryReading.NO_TS),
                            new TelemetryReading(
                                    "temperature",
                                    ValueKind.N,
                                    row.temperature(),
                                    Double.parseDouble(row.temperature()),
                                    "C",
                                    TelemetryReading.NO_TS)),
                    sink);
        }
    }

    private static CommittedBatch batch(int seq, TelemetryReading... readings) {
        return new CommittedBatch("mote", seq, BASE_TS + seq * 5_000L, BASE_TS, 1, List.of(readings));
    }

    static AlertRule rule(
            String id,
            RuleScope scope,
            String target,
            String sensor,
            Comparison comparison,
            double threshold,
            int consecutive) {
        return new AlertRule(
                id,
                "Org1MSP",
                null,
                scope,
                target,
                sensor,
                comparison,
                threshold,
                consecutive,
                Severity.CRITICAL,
                true,
                "admin1",
                1,
                1);
    }

    private static AlertRule withVersion(AlertRule r, long updatedAt) {
        return new AlertRule(
                r.ruleId(),
                r.ownerMsp(),
                r.name(),
                r.scope(),
                r.target(),
                r.sensor(),
                r.comparison(),
                r.threshold(),
                r.consecutive(),
                r.severity(),
                r.enabled(),
                r.createdBy(),
                r.createdAt(),
                updatedAt);
    }

    static DeviceRecord device(String id, String msp, String group) {
        return new DeviceRecord(id, msp, DeviceStatus.ACTIVE, null, null, group, null, null);
    }

    /** Expected raises and clears, from the match flags of the rows. */
    record Oracle(List<Integer> raises, List<Integer> clears) {
        interface Condition {
            boolean test(LabelledMotes.Row row);
        }

        static Oracle of(List<LabelledMotes.Row> rows, Condition condition, int n) {
            StringBuilder flags = new StringBuilder();
            rows.forEach(row -> flags.append(condition.test(row) ? 'M' : '.'));
            List<Integer> raises = new ArrayList<>();
            List<Integer> clears = new ArrayList<>();
            Matcher runs = Pattern.compile("M{" + n + ",}").matcher(flags);
            while (runs.find()) {
                raises.add(runs.start() + n - 1);
                if (runs.end() < rows.size()) {
                    clears.add(runs.end());
                }
            }
            return new Oracle(raises, clears);
        }

        static int longestRun(List<LabelledMotes.Row> rows, Condition condition) {
            int longest = 0;
            int run = 0;
            for (LabelledMotes.Row row : rows) {
                run = condition.test(row) ? run + 1 : 0;
                longest = Math.max(longest, run);
            }
            return longest;
        }

        static int firstLabelled(List<LabelledMotes.Row> rows) {
            for (int i = 0; i < rows.size(); i++) {
                if (rows.get(i).anomalous()) {
                    return i;
                }
            }
            throw new AssertionError("no labelled row");
        }
    }

    /** Records raises (alert IDs 1, 2, … in order) and clears with the row being fed. */
    static final class RecordingSink implements AlertSink {
        record Raised(int row, String ruleId, String sensor) {}

        final List<Raised> raised = new ArrayList<>();
        final List<Long> cleared = new ArrayList<>();
        final Map<Long, Integer> clearedAt = new java.util.HashMap<>();
        int currentRow;
        int failuresLeft;

        @Override
        public long raise(
                DeviceRecord device,
                AlertRule rule,
                String sensor,
                Severity severity,
                String message,
                double value,
                long readingTs) {
            if (failuresLeft > 0) {
                failuresLeft--;
                return FAILED;
            }
            raised.add(new Raised(currentRow, rule == null ? null : rule.ruleId(), sensor));
            return raised.size();
        }

        @Override
        public void clear(long alertId) {
            cleared.add(alertId);
            clearedAt.put(alertId, currentRow);
        }

        List<Integer> raisedRows() {
            return raised.stream().map(Raised::row).toList();
        }

        List<Integer> clearedRows() {
            return cleared.stream().map(clearedAt::get).toList();
        }
    }
}
