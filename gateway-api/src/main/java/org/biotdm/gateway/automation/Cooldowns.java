package org.biotdm.gateway.automation;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Remembers when each rule last fired, so a rule fires at most once per its cooldown on this instance. Bounded: keys
 * are rule IDs, pruned to the rule book's rules whenever more than {@code maxRules} are held. Used by one thread.
 */
final class Cooldowns {
    private final int maxRules;
    private final Map<String, Long> lastFired = new HashMap<>();

    Cooldowns(int maxRules) {
        this.maxRules = maxRules;
    }

    /**
     * Takes a rule's turn to fire when its cooldown has passed.
     *
     * @param ruleId the rule
     * @param nowMillis the current time, epoch ms
     * @param cooldownMillis the rule's cooldown
     * @param known the rules still held, for pruning
     * @return true when the rule may fire now (and its cooldown restarts)
     */
    boolean tryFire(String ruleId, long nowMillis, long cooldownMillis, Set<String> known) {
        Long last = lastFired.get(ruleId);
        if (last != null && nowMillis - last < cooldownMillis) {
            return false;
        }
        if (last == null && lastFired.size() >= maxRules) {
            lastFired.keySet().retainAll(known);
        }
        lastFired.put(ruleId, nowMillis);
        return true;
    }
}
