package org.biotdm.gateway.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.annotation.Property;
import io.micronaut.jdbc.DataSourceResolver;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.biotdm.gateway.query.SqlTimes;
import org.biotdm.gateway.testing.TestMariaDb;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The Micronaut Data mapping of {@code alerts} and {@code alert_rules}: what the repositories write is read back with
 * plain JDBC in the schema's own terms (upper-case names, comparison symbols, UTC {@code DATETIME(3)}), the form the
 * streamed export and earlier releases read.
 */
@MicronautTest(transactional = false, startApplication = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Property(name = "biotdm.anchoring.enabled", value = "false")
@Property(name = "biotdm.ledger.events-enabled", value = "false")
class AlertStorageIT implements TestPropertyProvider {
    /** 2024-12-07T14:00:00.123Z: a fixed time with milliseconds. */
    private static final long AT = 1_733_580_000_123L;

    @Inject
    AlertRepository alerts;

    @Inject
    AlertRuleRepository rules;

    @Inject
    DataSource dataSource;

    @Inject
    DataSourceResolver resolver;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>();
        TestMariaDb.datasourceProperties("alert_storage").forEach((k, v) -> properties.put(k, v.toString()));
        try {
            properties.put(
                    "biotdm.data-dir",
                    Files.createTempDirectory(
                                    Files.createDirectories(Path.of("target", "it-data"))
                                            .toAbsolutePath(),
                                    "alert-storage-")
                            .toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties;
    }

    @Test
    void an_alert_is_stored_in_upper_case_with_utc_times_and_read_back_as_raised() throws SQLException {
        Alert raised = alerts.insert(
                "d-storage-1",
                "Org1MSP",
                Alert.KIND_ANOMALY,
                null,
                "humidity",
                Severity.CRITICAL,
                "m",
                Double.NaN,
                AT - 5,
                AT);

        assertThat(raised.id()).isPositive();
        assertThat(alerts.find(raised.id())).contains(raised);
        assertThat(raw("SELECT kind, severity, status, value_num, reading_ts FROM alerts WHERE id = ?", raised.id()))
                .containsExactly("ANOMALY", "CRITICAL", "OPEN", null, String.valueOf(AT - 5));
        assertThat(rawTime("SELECT created_at FROM alerts WHERE id = ?", raised.id()))
                .isEqualTo(AT);
    }

    @Test
    void an_alert_is_acknowledged_once_resolved_once_and_cleared_once() throws SQLException {
        Alert raised = alerts.insert(
                "d-storage-2",
                "Org1MSP",
                Alert.KIND_THRESHOLD,
                "r-1",
                "temperature",
                Severity.WARNING,
                "m",
                41.5,
                AT,
                AT);

        assertThat(alerts.transition(raised.id(), AlertState.ACKNOWLEDGED, "alice", AT + 1))
                .isTrue();
        assertThat(alerts.transition(raised.id(), AlertState.ACKNOWLEDGED, "bob", AT + 2))
                .isFalse();
        assertThat(alerts.transition(raised.id(), AlertState.RESOLVED, "bob", AT + 3))
                .isTrue();
        assertThat(alerts.transition(raised.id(), AlertState.RESOLVED, "carol", AT + 4))
                .isFalse();
        assertThat(alerts.markCleared(raised.id(), AT + 5))
                .map(Alert::clearedAt)
                .contains(AT + 5);
        assertThat(alerts.markCleared(raised.id(), AT + 6)).isEmpty();

        Alert stored = alerts.find(raised.id()).orElseThrow();
        assertThat(stored.state()).isEqualTo("resolved");
        assertThat(stored.acknowledgedBy()).isEqualTo("alice");
        assertThat(stored.acknowledgedAt()).isEqualTo(AT + 1);
        assertThat(stored.resolvedBy()).isEqualTo("bob");
        assertThat(stored.resolvedAt()).isEqualTo(AT + 3);
        assertThat(stored.updatedAt()).isEqualTo(AT + 5);
        assertThat(rawTime("SELECT resolved_at FROM alerts WHERE id = ?", raised.id()))
                .isEqualTo(AT + 3);
    }

    @Test
    void a_rule_keeps_its_comparison_symbol_and_an_update_keeps_owner_creator_and_creation_time() throws SQLException {
        AlertRule rule = rule("r-storage-1", "Org1MSP", Comparison.GE, "alice", AT);
        rules.save(rule);
        AlertRule changed = new AlertRule(
                rule.ruleId(),
                "Org2MSP",
                "renamed",
                RuleScope.FLEET,
                null,
                "pressure",
                Comparison.NE,
                3.5,
                1,
                Severity.INFO,
                false,
                "mallory",
                AT + 100,
                AT + 200);

        assertThat(raw("SELECT comparison, scope, severity FROM alert_rules WHERE rule_id = ?", rule.ruleId()))
                .containsExactly(">=", "DEVICE", "CRITICAL");
        assertThat(rules.update(changed)).isTrue();
        assertThat(rules.find(rule.ruleId()))
                .contains(new AlertRule(
                        rule.ruleId(),
                        "Org1MSP",
                        "renamed",
                        RuleScope.FLEET,
                        null,
                        "pressure",
                        Comparison.NE,
                        3.5,
                        1,
                        Severity.INFO,
                        false,
                        "alice",
                        AT,
                        AT + 200));
        assertThat(rawTime("SELECT updated_at FROM alert_rules WHERE rule_id = ?", rule.ruleId()))
                .isEqualTo(AT + 200);
        assertThat(rules.delete(rule.ruleId())).isTrue();
        assertThat(rules.delete(rule.ruleId())).isFalse();
        assertThat(rules.update(changed)).isFalse();
    }

    @Test
    void rules_are_listed_by_id_for_one_organisation_or_all() {
        rules.save(rule("r-storage-list-b", "Org3MSP", Comparison.LT, "alice", AT));
        rules.save(rule("r-storage-list-a", "Org3MSP", Comparison.GT, "alice", AT));
        rules.save(rule("r-storage-list-c", "Org4MSP", Comparison.EQ, "bob", AT));

        assertThat(rules.list("Org3MSP"))
                .extracting(AlertRule::ruleId)
                .containsExactly("r-storage-list-a", "r-storage-list-b");
        assertThat(rules.list(null))
                .extracting(AlertRule::ruleId)
                .containsSubsequence("r-storage-list-a", "r-storage-list-b", "r-storage-list-c");
    }

    private static AlertRule rule(String ruleId, String ownerMsp, Comparison comparison, String by, long at) {
        return new AlertRule(
                ruleId,
                ownerMsp,
                null,
                RuleScope.DEVICE,
                "d-storage",
                "humidity",
                comparison,
                60.0,
                3,
                Severity.CRITICAL,
                true,
                by,
                at,
                at);
    }

    private List<String> raw(String sql, Object key) throws SQLException {
        return row(sql, key, rs -> {
            List<String> values = new ArrayList<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                values.add(rs.getString(i));
            }
            return values;
        });
    }

    private Long rawTime(String sql, Object key) throws SQLException {
        return row(sql, key, rs -> SqlTimes.get(rs, 1));
    }

    /** Reads the one row a statement selects by key with plain JDBC, outside Micronaut Data. */
    private <T> T row(String sql, Object key, RowReader<T> reader) throws SQLException {
        try (Connection c = resolver.resolve(dataSource).getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, key);
            try (ResultSet rs = s.executeQuery()) {
                assertThat(rs.next()).as("the row exists").isTrue();
                return reader.read(rs);
            }
        }
    }

    /** Reads values from the current row. */
    @FunctionalInterface
    private interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }
}
