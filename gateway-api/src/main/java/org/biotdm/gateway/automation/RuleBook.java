package org.biotdm.gateway.automation;

import jakarta.inject.Singleton;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.biotdm.gateway.alert.Comparison;

/**
 * The gateway organisation's automation rules in memory, as the ledger last had them, compiled for evaluation (the
 * comparison parsed, the threshold as a double). Kept by {@link AutomationEventListener} and by {@link RuleService}'s
 * own writes. Bounded by {@code biotdm.automation.max-rules}: rules beyond it are not held, and counted. Reads are
 * lock-free on an immutable snapshot.
 */
@Singleton
public class RuleBook {
    private final int maxRules;
    private final AtomicLong dropped = new AtomicLong();
    private volatile Map<String, CompiledRule> byId = Map.of();

    /**
     * Creates the book.
     *
     * @param configuration the automation settings
     */
    public RuleBook(AutomationConfiguration configuration) {
        this.maxRules = configuration.maxRules();
    }

    /**
     * Returns the held rules, enabled or not.
     *
     * @return the rules, in no particular order
     */
    public Collection<CompiledRule> rules() {
        return byId.values();
    }

    /**
     * Adds or replaces one rule as the ledger holds it.
     *
     * @param rule the rule
     */
    public synchronized void apply(LedgerRule rule) {
        if (!byId.containsKey(rule.ruleId()) && byId.size() >= maxRules) {
            dropped.incrementAndGet();
            return;
        }
        Map<String, CompiledRule> next = new LinkedHashMap<>(byId);
        next.put(rule.ruleId(), CompiledRule.of(rule));
        byId = Map.copyOf(next);
    }

    /**
     * Replaces all held rules, as after a resync from {@code ListRules}.
     *
     * @param rules the organisation's rules
     */
    public synchronized void replaceAll(Collection<LedgerRule> rules) {
        Map<String, CompiledRule> next = new LinkedHashMap<>();
        for (LedgerRule rule : rules) {
            if (next.size() < maxRules) {
                next.put(rule.ruleId(), CompiledRule.of(rule));
            } else {
                dropped.incrementAndGet();
            }
        }
        byId = Map.copyOf(next);
    }

    /**
     * Returns how many rules were not held because the book was full.
     *
     * @return the count since start
     */
    public long droppedRules() {
        return dropped.get();
    }

    /**
     * A rule ready for evaluation.
     *
     * @param rule the ledger record
     * @param comparison the metric comparison, or null for an alert condition
     * @param threshold the metric threshold, or {@link Double#NaN} for an alert condition
     */
    public record CompiledRule(LedgerRule rule, Comparison comparison, double threshold) {
        static CompiledRule of(LedgerRule rule) {
            RuleConditionBody condition = rule.condition();
            if (!"metric".equals(condition.kind())) {
                return new CompiledRule(rule, null, Double.NaN);
            }
            return new CompiledRule(
                    rule,
                    Comparison.parse(condition.comparison()).orElse(null),
                    Double.parseDouble(condition.threshold()));
        }
    }
}
