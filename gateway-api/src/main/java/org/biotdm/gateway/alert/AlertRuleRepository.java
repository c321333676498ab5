package org.biotdm.gateway.alert;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.jdbc.DataSourceResolver;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.biotdm.gateway.query.SqlTimes;

/** JDBC access to {@code alert_rules}. Every statement binds its parameters. */
@Singleton
public class AlertRuleRepository {
    private static final String COLUMNS = "rule_id, owner_msp, name, scope, target, sensor, comparison, threshold,"
            + " consecutive, severity, enabled, created_by, created_at, updated_at";

    private final DataSource dataSource;

    /**
     * Creates the repository.
     *
     * @param dataSource the service's datasource
     * @param resolver unwraps Micronaut Data's contextual datasource, when present
     */
    public AlertRuleRepository(DataSource dataSource, @Nullable DataSourceResolver resolver) {
        this.dataSource = resolver == null ? dataSource : resolver.resolve(dataSource);
    }

    /**
     * Stores a new rule.
     *
     * @param rule the rule
     * @throws SQLException when the database fails
     */
    public void insert(AlertRule rule) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "INSERT INTO alert_rules (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
            bind(s, rule);
            s.executeUpdate();
        }
    }

    /**
     * Replaces a rule's definition (everything but ID, owner, creator and creation time).
     *
     * @param rule the new definition
     * @return true when the rule existed
     * @throws SQLException when the database fails
     */
    public boolean update(AlertRule rule) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("UPDATE alert_rules SET name = ?, scope = ?, target = ?,"
                        + " sensor = ?, comparison = ?, threshold = ?, consecutive = ?, severity = ?, enabled = ?,"
                        + " updated_at = ? WHERE rule_id = ?")) {
            s.setString(1, rule.name());
            s.setString(2, rule.scope().name());
            s.setString(3, rule.target());
            s.setString(4, rule.sensor());
            s.setString(5, rule.comparison().symbol());
            s.setDouble(6, rule.threshold());
            s.setInt(7, rule.consecutive());
            s.setString(8, rule.severity().name());
            s.setBoolean(9, rule.enabled());
            SqlTimes.set(s, 10, rule.updatedAt());
            s.setString(11, rule.ruleId());
            return s.executeUpdate() == 1;
        }
    }

    /**
     * Deletes a rule.
     *
     * @param ruleId the rule's ID
     * @return true when it existed
     * @throws SQLException when the database fails
     */
    public boolean delete(String ruleId) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("DELETE FROM alert_rules WHERE rule_id = ?")) {
            s.setString(1, ruleId);
            return s.executeUpdate() == 1;
        }
    }

    /**
     * Finds a rule.
     *
     * @param ruleId the rule's ID
     * @return the rule, or empty
     * @throws SQLException when the database fails
     */
    public Optional<AlertRule> find(String ruleId) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM alert_rules WHERE rule_id = ?")) {
            s.setString(1, ruleId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(read(rs)) : Optional.empty();
            }
        }
    }

    /**
     * Lists rules, optionally of one organisation, ordered by ID.
     *
     * @param ownerMsp the organisation, or null for all
     * @return the rules
     * @throws SQLException when the database fails
     */
    public List<AlertRule> list(@Nullable String ownerMsp) throws SQLException {
        String sql = "SELECT " + COLUMNS + " FROM alert_rules" + (ownerMsp == null ? "" : " WHERE owner_msp = ?")
                + " ORDER BY rule_id";
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            if (ownerMsp != null) {
                s.setString(1, ownerMsp);
            }
            List<AlertRule> rules = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rules.add(read(rs));
                }
            }
            return rules;
        }
    }

    private static void bind(PreparedStatement s, AlertRule rule) throws SQLException {
        s.setString(1, rule.ruleId());
        s.setString(2, rule.ownerMsp());
        if (rule.name() == null) {
            s.setNull(3, Types.VARCHAR);
        } else {
            s.setString(3, rule.name());
        }
        s.setString(4, rule.scope().name());
        s.setString(5, rule.target());
        s.setString(6, rule.sensor());
        s.setString(7, rule.comparison().symbol());
        s.setDouble(8, rule.threshold());
        s.setInt(9, rule.consecutive());
        s.setString(10, rule.severity().name());
        s.setBoolean(11, rule.enabled());
        s.setString(12, rule.createdBy());
        SqlTimes.set(s, 13, rule.createdAt());
        SqlTimes.set(s, 14, rule.updatedAt());
    }

    private static AlertRule read(ResultSet rs) throws SQLException {
        return new AlertRule(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                RuleScope.valueOf(rs.getString(4)),
                rs.getString(5),
                rs.getString(6),
                Comparison.parse(rs.getString(7)).orElseThrow(),
                rs.getDouble(8),
                rs.getInt(9),
                Severity.valueOf(rs.getString(10)),
                rs.getBoolean(11),
                rs.getString(12),
                SqlTimes.get(rs, 13),
                SqlTimes.get(rs, 14));
    }
}
