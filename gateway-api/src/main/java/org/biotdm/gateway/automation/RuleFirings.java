package org.biotdm.gateway.automation;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.biotdm.gateway.command.AutomatedCommands;
import org.biotdm.gateway.command.LedgerCommand;
import org.biotdm.gateway.device.DeviceRecord;
import org.biotdm.gateway.device.DeviceRegistry;
import org.biotdm.gateway.device.DeviceStatus;
import org.biotdm.gateway.group.GroupDirectory;
import org.biotdm.gateway.group.LedgerGroup;
import org.biotdm.gateway.ledger.LedgerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out a rule whose condition held: at most once per the rule's cooldown, it issues the rule's command to the
 * rule's device, or to each ACTIVE member of its group, as the automation identity ({@link AutomatedCommands}), and
 * keeps the last {@value #MAX_RECENT} firings for {@code GET /api/v1/automation/firings}. Runs on the evaluator's
 * thread; a refused command (for example a rule disabled on the ledger since the book last heard of it) is logged and
 * counted, not retried.
 */
@Singleton
public class RuleFirings {
    /** How many recent firings are kept. */
    public static final int MAX_RECENT = 100;

    private static final Logger LOG = LoggerFactory.getLogger(RuleFirings.class);

    private final AutomatedCommands commands;
    private final AutomationIdentity identity;
    private final GroupDirectory groups;
    private final DeviceRegistry registry;
    private final RuleBook book;
    private final Cooldowns cooldowns;
    private final Deque<Firing> recent = new ArrayDeque<>();
    private long refused;

    /**
     * Creates the firing side.
     *
     * @param commands issues rule-authorised commands
     * @param identity the automation identity
     * @param groups the group read model
     * @param registry the device registry
     * @param book the rules, for pruning cooldowns
     * @param configuration the automation settings
     */
    public RuleFirings(
            AutomatedCommands commands,
            AutomationIdentity identity,
            GroupDirectory groups,
            DeviceRegistry registry,
            RuleBook book,
            AutomationConfiguration configuration) {
        this.commands = commands;
        this.identity = identity;
        this.groups = groups;
        this.registry = registry;
        this.book = book;
        this.cooldowns = new Cooldowns(configuration.maxRules());
    }

    /**
     * Fires a rule unless its cooldown has not passed.
     *
     * @param rule the rule whose condition held
     * @param trigger the rule, window and readings that made it hold
     */
    void fire(LedgerRule rule, LedgerCommand.RuleTrigger trigger) {
        Set<String> known = book.rules().stream().map(r -> r.rule().ruleId()).collect(Collectors.toSet());
        if (!cooldowns.tryFire(rule.ruleId(), System.currentTimeMillis(), rule.cooldownSeconds() * 1000, known)) {
            return;
        }
        for (DeviceRecord target : targets(rule)) {
            issue(rule, target, trigger);
        }
    }

    /**
     * Returns the most recent firings, newest first.
     *
     * @return at most {@value #MAX_RECENT} firings
     */
    public synchronized List<Firing> recent() {
        return new ArrayList<>(recent);
    }

    /**
     * Returns how many of the firings' commands the ledger refused or could not take.
     *
     * @return the count since start
     */
    public synchronized long refused() {
        return refused;
    }

    private void issue(LedgerRule rule, DeviceRecord target, LedgerCommand.RuleTrigger trigger) {
        LedgerRule.Action action = rule.action();
        try {
            AutomatedCommands.Issued issued = commands.issue(
                    identity.get(),
                    target.deviceId(),
                    target.ownerMsp(),
                    action.commandType(),
                    action.parameters(),
                    trigger);
            Firing firing = new Firing(
                    rule.ruleId(),
                    target.deviceId(),
                    issued.command().commandId(),
                    action.commandType(),
                    issued.transactionId(),
                    trigger.windowId(),
                    trigger.readingIds(),
                    System.currentTimeMillis());
            remember(firing);
            LOG.info(
                    "automation rule {} fired: {} to device {}, command {}, ledger tx {}",
                    rule.ruleId(),
                    action.commandType(),
                    target.deviceId(),
                    firing.commandId(),
                    firing.transactionId());
        } catch (LedgerException | RuntimeException e) {
            synchronized (this) {
                refused++;
            }
            LOG.warn(
                    "automation rule {} could not issue {} to {}: {}",
                    rule.ruleId(),
                    action.commandType(),
                    target.deviceId(),
                    e.getMessage());
        }
    }

    private synchronized void remember(Firing firing) {
        if (recent.size() == MAX_RECENT) {
            recent.removeLast();
        }
        recent.addFirst(firing);
    }

    private List<DeviceRecord> targets(LedgerRule rule) {
        String deviceId = rule.action().deviceId();
        List<String> ids = deviceId != null
                ? List.of(deviceId)
                : groups.group(rule.action().groupId())
                        .filter(group -> group.ownerMsp().equals(rule.ownerMsp()))
                        .map(LedgerGroup::members)
                        .orElse(List.of());
        List<DeviceRecord> out = new ArrayList<>();
        for (String id : ids) {
            registry.find(id)
                    .filter(device -> device.status() == DeviceStatus.ACTIVE
                            && device.ownerMsp().equals(rule.ownerMsp()))
                    .ifPresent(out::add);
        }
        return out;
    }

    /**
     * One rule firing that reached the ledger.
     *
     * @param ruleId the rule
     * @param deviceId the device the command went to
     * @param commandId the command
     * @param commandType the command type
     * @param transactionId the IssueCommand transaction
     * @param windowId the triggering readings' anchoring window, or null
     * @param readingIds the triggering readings
     * @param firedAt when it fired, epoch ms
     */
    @Serdeable
    public record Firing(
            String ruleId,
            String deviceId,
            String commandId,
            String commandType,
            String transactionId,
            @Nullable String windowId,
            List<String> readingIds,
            long firedAt) {}
}
