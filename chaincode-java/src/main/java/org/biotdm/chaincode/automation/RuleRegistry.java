package org.biotdm.chaincode.automation;

import java.util.List;
import java.util.TreeSet;
import org.biotdm.chaincode.device.Device;
import org.biotdm.chaincode.device.DeviceStore;
import org.biotdm.chaincode.group.Group;
import org.biotdm.chaincode.group.GroupEndorsers;
import org.biotdm.chaincode.group.GroupStore;
import org.biotdm.chaincode.support.Access;
import org.biotdm.chaincode.support.ErrorCode;
import org.biotdm.chaincode.support.Role;
import org.biotdm.chaincode.support.Tx;

/**
 * Applies the rule-writing rules: only an admin of the owner organisation registers or changes a rule; the devices and
 * groups it names must be the owner's; every write sets the rule key's policy to the owner plus the co-endorsing grant
 * holders of the groups the rule names ({@link GroupEndorsers}), so a rule acting on a group is endorsed like its
 * policy.
 */
final class RuleRegistry {
    private final Tx tx;
    private final RuleStore store;

    RuleRegistry(final Tx tx) {
        this.tx = tx;
        this.store = new RuleStore(tx.stub());
    }

    /** Registers a rule; the devices and groups it names are checked before its id, so a foreign target is refused. */
    AutomationRule register(final RuleRequest request) {
        Access.requireRole(tx.caller(), Role.ADMIN);
        final String owner = tx.caller().mspId();
        final List<String> endorsers = endorsers(owner, request.condition(), request.action());
        if (store.find(request.ruleId()).isPresent()) {
            throw ErrorCode.RULE_EXISTS.error("Rule " + request.ruleId() + " already exists");
        }
        final AutomationRule rule = new AutomationRule(
                request.ruleId(),
                owner,
                request.description(),
                request.condition(),
                request.action(),
                request.cooldownSeconds(),
                request.enabled() == null || request.enabled(),
                endorsers,
                tx.nowMillis(),
                tx.nowMillis(),
                tx.caller().id(),
                owner);
        store.create(rule);
        return rule;
    }

    AutomationRule update(final RuleRequest request) {
        final AutomationRule rule = owned(request.ruleId());
        final boolean enabled = request.enabled() == null ? rule.isEnabled() : request.enabled();
        final AutomationRule changed = rule.changed(
                tx, request, enabled, endorsers(rule.getOwnerMsp(), request.condition(), request.action()));
        store.update(changed);
        return changed;
    }

    AutomationRule setEnabled(final String ruleId, final boolean enabled) {
        final AutomationRule rule = owned(ruleId);
        final AutomationRule changed =
                rule.withEnabled(tx, enabled, endorsers(rule.getOwnerMsp(), rule.getCondition(), rule.getAction()));
        store.update(changed);
        return changed;
    }

    private AutomationRule owned(final String ruleId) {
        Access.requireRole(tx.caller(), Role.ADMIN);
        final AutomationRule rule = store.get(ruleId);
        Access.requireOwner(tx.caller(), rule.getOwnerMsp(), Role.ADMIN);
        return rule;
    }

    private List<String> endorsers(final String owner, final RuleCondition condition, final RuleAction action) {
        final TreeSet<String> msps = new TreeSet<>();
        msps.add(owner);
        msps.addAll(targetEndorsers(owner, condition.getDeviceId(), condition.getGroupId()));
        msps.addAll(targetEndorsers(owner, action.getDeviceId(), action.getGroupId()));
        return List.copyOf(msps);
    }

    /** Checks that a named device or group is the owner's and returns the group's endorsers (none for a device). */
    private List<String> targetEndorsers(final String owner, final String deviceId, final String groupId) {
        if (deviceId != null) {
            final Device device = new DeviceStore(tx.stub()).get(deviceId);
            Access.requireOwner(tx.caller(), device.getOwnerMsp(), Role.ADMIN);
            return List.of();
        }
        final Group group = new GroupStore(tx.stub()).get(groupId);
        if (!group.getOwnerMsp().equals(owner)) {
            throw ErrorCode.ACCESS_DENIED.error("Group " + groupId + " belongs to " + group.getOwnerMsp());
        }
        return new GroupEndorsers(tx).of(owner, groupId, group.getPolicy());
    }
}
