package org.biotdm.gateway.alert;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import java.util.List;
import java.util.Optional;

/**
 * Keeps {@code alert_rules} (migration V50) through Micronaut Data; each method is one auto-commit statement. Every
 * method throws Micronaut Data's {@code DataAccessException} (or its connection exception) when the database fails.
 */
@JdbcRepository(dialect = Dialect.MYSQL)
abstract class AlertRuleRepository implements GenericRepository<AlertRule, String> {

    /**
     * Stores a new rule.
     *
     * @param rule the rule
     * @return the rule
     */
    abstract AlertRule save(AlertRule rule);

    /**
     * Replaces a rule's definition (everything but ID, owner, creator and creation time).
     *
     * @param rule the new definition
     * @return true when the rule existed
     */
    boolean update(AlertRule rule) {
        return redefine(
                        rule.ruleId(),
                        rule.name(),
                        rule.scope(),
                        rule.target(),
                        rule.sensor(),
                        rule.comparison(),
                        rule.threshold(),
                        rule.consecutive(),
                        rule.severity(),
                        rule.enabled(),
                        rule.updatedAt())
                == 1;
    }

    /*
     * The parameters carry the properties' names, so Micronaut Data binds each as its property is stored (the
     * comparison's symbol, the enum names, updatedAt as UTC DATETIME).
     */
    @Query("UPDATE alert_rules SET name = :name, scope = :scope, target = :target, sensor = :sensor,"
            + " comparison = :comparison, threshold = :threshold, consecutive = :consecutive, severity = :severity,"
            + " enabled = :enabled, updated_at = :updatedAt WHERE rule_id = :ruleId")
    abstract int redefine(
            String ruleId,
            @Nullable String name,
            RuleScope scope,
            @Nullable String target,
            String sensor,
            Comparison comparison,
            double threshold,
            int consecutive,
            Severity severity,
            boolean enabled,
            long updatedAt);

    /**
     * Deletes a rule.
     *
     * @param ruleId the rule's ID
     * @return true when it existed
     */
    boolean delete(String ruleId) {
        return deleteByRuleId(ruleId) == 1;
    }

    abstract int deleteByRuleId(String ruleId);

    /**
     * Finds a rule.
     *
     * @param ruleId the rule's ID
     * @return the rule, or empty
     */
    abstract Optional<AlertRule> find(String ruleId);

    /**
     * Lists rules, optionally of one organisation, ordered by ID.
     *
     * @param ownerMsp the organisation, or null for all
     * @return the rules
     */
    List<AlertRule> list(@Nullable String ownerMsp) {
        return ownerMsp == null ? listOrderByRuleId() : findByOwnerMspOrderByRuleId(ownerMsp);
    }

    abstract List<AlertRule> listOrderByRuleId();

    abstract List<AlertRule> findByOwnerMspOrderByRuleId(String ownerMsp);
}
