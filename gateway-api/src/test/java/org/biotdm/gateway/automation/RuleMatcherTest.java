package org.biotdm.gateway.automation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.biotdm.gateway.device.DeviceRecord;
import org.biotdm.gateway.device.DeviceStatus;
import org.biotdm.gateway.group.GroupDirectory;
import org.biotdm.gateway.group.GroupPolicyBody;
import org.biotdm.gateway.group.LedgerGroup;
import org.biotdm.gateway.telemetry.CommittedBatch;
import org.biotdm.gateway.telemetry.TelemetryReading;
import org.biotdm.protocol.telemetry.ValueKind;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Rule conditions on the real UCI occupancy room ({@code datatraining.txt}, one reading of {@code occupancy} a minute,
 * ten to a batch, as the demo's room sends them): a group rule "occupancy >= 1" names exactly the readings where the
 * file says the room is occupied, found by an independent scan of the file.
 */
class RuleMatcherTest {
    private static final Path ROOM = Path.of("..", "..", "shared", "data", "uci_occupancy", "datatraining.txt");
    private static final DeviceRecord ROOM_1 = device("uci-room-1", "Org1MSP");
    private static final List<Double> OCCUPANCY = occupancy();

    private final GroupDirectory groups = new GroupDirectory();
    private final RuleMatcher matcher = new RuleMatcher(groups);

    RuleMatcherTest() {
        groups.apply(group("hall", "Org1MSP", "uci-room-1"));
        groups.apply(group("yard", "Org2MSP", "uci-room-1"));
    }

    @Nested
    class Metric_conditions {
        @Test
        void a_group_rule_names_the_occupied_readings_of_each_batch() {
            RuleBook.CompiledRule rule = RuleBook.CompiledRule.of(metricRule("r-occ", ">=", "1", null, "hall", true));

            for (int first = 0; first + 10 <= 400; first += 10) {
                CommittedBatch batch = batch(first / 10, first, 10);
                List<String> expected = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    if (OCCUPANCY.get(first + i) >= 1) {
                        expected.add(first / 10 + "." + i);
                    }
                }
                assertThat(matcher.matchingReadings(rule, ROOM_1, batch))
                        .as("batch %d", first / 10)
                        .isEqualTo(expected);
            }
        }

        @Test
        void the_file_turns_occupied_and_empty_within_the_scanned_span() {
            assertThat(OCCUPANCY.subList(0, 400)).contains(0.0, 1.0);
        }

        @Test
        void a_disabled_rule_a_foreign_group_and_another_device_match_nothing() {
            CommittedBatch occupied = batch(0, 0, 10);
            assertThat(OCCUPANCY.get(0)).isEqualTo(1.0);

            assertThat(matcher.matchingReadings(
                            RuleBook.CompiledRule.of(metricRule("r-1", ">=", "1", null, "hall", false)),
                            ROOM_1,
                            occupied))
                    .isEmpty();
            assertThat(matcher.matchingReadings(
                            RuleBook.CompiledRule.of(metricRule("r-2", ">=", "1", null, "yard", true)),
                            ROOM_1,
                            occupied))
                    .isEmpty();
            assertThat(matcher.matchingReadings(
                            RuleBook.CompiledRule.of(metricRule("r-3", ">=", "1", "uci-room-2", null, true)),
                            ROOM_1,
                            occupied))
                    .isEmpty();
        }

        @Test
        void names_at_most_thirty_two_readings() {
            CommittedBatch big = batch(7, 780, 100);
            long occupied =
                    OCCUPANCY.subList(780, 880).stream().filter(v -> v >= 1).count();
            assertThat(occupied).isGreaterThan(RuleMatcher.MAX_TRIGGER_READINGS);

            assertThat(matcher.matchingReadings(
                            RuleBook.CompiledRule.of(metricRule("r-1", ">=", "1", "uci-room-1", null, true)),
                            ROOM_1,
                            big))
                    .hasSize(RuleMatcher.MAX_TRIGGER_READINGS);
        }
    }

    @Nested
    class Alert_conditions {
        @Test
        void an_alert_rule_matches_the_named_rule_or_kind_only() {
            RuleBook.CompiledRule byKind = RuleBook.CompiledRule.of(alertRule("r-a", null, "anomaly", "hall"));
            RuleBook.CompiledRule byRule = RuleBook.CompiledRule.of(alertRule("r-b", "r-humid", null, "hall"));

            assertThat(matcher.matchesAlert(byKind, ROOM_1, Map.of("kind", "anomaly", "alertId", 3L)))
                    .isTrue();
            assertThat(matcher.matchesAlert(byKind, ROOM_1, Map.of("kind", "threshold", "ruleId", "r-humid")))
                    .isFalse();
            assertThat(matcher.matchesAlert(byRule, ROOM_1, Map.of("kind", "threshold", "ruleId", "r-humid")))
                    .isTrue();
            assertThat(matcher.matchesAlert(byRule, ROOM_1, Map.of("kind", "threshold", "ruleId", "r-other")))
                    .isFalse();
        }
    }

    static LedgerRule metricRule(
            String ruleId, String comparison, String threshold, String deviceId, String groupId, boolean enabled) {
        return rule(
                ruleId,
                new RuleConditionBody("metric", "occupancy", comparison, threshold, null, null, deviceId, groupId),
                enabled);
    }

    private static LedgerRule alertRule(String ruleId, String alertRuleId, String alertKind, String groupId) {
        return rule(
                ruleId, new RuleConditionBody("alert", null, null, null, alertRuleId, alertKind, null, groupId), true);
    }

    private static LedgerRule rule(String ruleId, RuleConditionBody condition, boolean enabled) {
        return new LedgerRule(
                ruleId,
                "Org1MSP",
                null,
                condition,
                new LedgerRule.Action("light", "{\"on\":true}", "0".repeat(64), null, "hall"),
                60,
                enabled,
                List.of("Org1MSP"),
                0,
                0,
                null,
                null);
    }

    static LedgerGroup group(String groupId, String ownerMsp, String... members) {
        return new LedgerGroup(
                groupId,
                ownerMsp,
                null,
                List.of(members),
                new GroupPolicyBody(List.of("light"), null, members.length == 0 ? null : members[0], false),
                List.of(ownerMsp),
                0,
                0,
                null,
                null);
    }

    static DeviceRecord device(String deviceId, String ownerMsp) {
        return new DeviceRecord(deviceId, ownerMsp, DeviceStatus.ACTIVE, "f", "pem", "hall", "m", "1.0.0");
    }

    /** One batch of {@code count} occupancy readings from file row {@code first} on, with sequence number seq. */
    private static CommittedBatch batch(long seq, int first, int count) {
        List<TelemetryReading> readings = new ArrayList<>();
        for (int i = first; i < first + count; i++) {
            double value = OCCUPANCY.get(i);
            readings.add(new TelemetryReading(
                    "occupancy", ValueKind.N, Integer.toString((int) value), value, null, TelemetryReading.NO_TS));
        }
        return new CommittedBatch("uci-room-1", seq, 1_423_072_260_000L + first * 60_000L, 0, 7, readings);
    }

    /** The file's Occupancy column (the last field; rows carry a quoted row index before the date). */
    private static List<Double> occupancy() {
        try {
            List<String> lines = Files.readAllLines(ROOM);
            List<Double> out = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                String[] fields = line.split(",");
                out.add(Double.parseDouble(fields[fields.length - 1]));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("UCI occupancy data not found at " + ROOM.toAbsolutePath(), e);
        }
    }
}
