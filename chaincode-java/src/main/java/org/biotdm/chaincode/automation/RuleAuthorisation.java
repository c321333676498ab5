package org.biotdm.chaincode.automation;

import java.util.Optional;
import org.biotdm.chaincode.device.Device;
import org.biotdm.chaincode.group.Group;
import org.biotdm.chaincode.support.ErrorCode;
import org.biotdm.chaincode.support.Tx;

/**
 * Decides whether an automation rule authorises a command: the rule exists, belongs to the device's owner, is
 * enabled, names the command type and the parameters hash, and targets the device or a group listing it. The caller's
 * role and organisation, and the group policy, are checked by IssueCommand itself.
 */
public final class RuleAuthorisation {
    private final RuleStore store;

    /**
     * Creates the check for one transaction.
     *
     * @param tx the transaction
     */
    public RuleAuthorisation(final Tx tx) {
        this.store = new RuleStore(tx.stub());
    }

    /**
     * Returns the rule that authorises the command, or fails.
     *
     * @param ruleId the rule the command names
     * @param device the target device
     * @param memberGroup the group the device is a member of, or empty
     * @param commandType the command type
     * @param parametersSha256 the command's parameters hash
     * @return the rule
     * @throws org.hyperledger.fabric.shim.ChaincodeException {@code RULE_NOT_FOUND}, {@code RULE_DISABLED},
     *     {@code RULE_NOT_COVERING}
     */
    public AutomationRule requireCovering(
            final String ruleId,
            final Device device,
            final Optional<Group> memberGroup,
            final String commandType,
            final String parametersSha256) {
        final AutomationRule rule = store.get(ruleId);
        if (!rule.getOwnerMsp().equals(device.getOwnerMsp())) {
            throw notCovering(rule, "belongs to " + rule.getOwnerMsp() + ", not to the device's owner");
        }
        if (!rule.isEnabled()) {
            throw ErrorCode.RULE_DISABLED.error("Rule " + ruleId + " is disabled");
        }
        final RuleAction action = rule.getAction();
        if (!action.getCommandType().equals(commandType)) {
            throw notCovering(rule, "issues " + action.getCommandType() + ", not " + commandType);
        }
        if (!action.getParametersSha256().equals(parametersSha256)) {
            throw notCovering(rule, "names other parameters");
        }
        final boolean targets = device.getDeviceId().equals(action.getDeviceId())
                || memberGroup
                        .map(group -> group.getGroupId().equals(action.getGroupId()))
                        .orElse(false);
        if (!targets) {
            throw notCovering(rule, "does not act on device " + device.getDeviceId());
        }
        return rule;
    }

    private static RuntimeException notCovering(final AutomationRule rule, final String why) {
        return ErrorCode.RULE_NOT_COVERING.error("Rule " + rule.getRuleId() + " " + why);
    }
}
