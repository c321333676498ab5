package org.biotdm.chaincode.automation;

import org.biotdm.chaincode.audit.AuditEntity;
import org.biotdm.chaincode.audit.EventType;
import org.biotdm.chaincode.audit.Events;
import org.biotdm.chaincode.support.Access;
import org.biotdm.chaincode.support.Check;
import org.biotdm.chaincode.support.Json;
import org.biotdm.chaincode.support.Tx;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.ContractInterface;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.Transaction;

/**
 * Exposes automation rules as contract {@code rules}; clients call {@code rules:<Transaction>}. Writes are for an
 * admin of the owner organisation and are endorsed like the policies of the groups the rule names.
 */
@Contract(
        name = "rules",
        info = @Info(title = "BIoT-DM automation rules", description = "Rules devices act on", version = "0.1.0"))
public final class RuleContract implements ContractInterface {
    /**
     * Registers a rule of the caller's organisation, enabled unless the request says otherwise. Caller: {@code admin};
     * the devices and groups it names must be the caller's organisation's.
     *
     * @param ctx the transaction context
     * @param request {@code {"ruleId","description"?,"condition":{…},"action":{"commandType","parameters",
     *     "deviceId"|"groupId"},"cooldownSeconds","enabled"?}}
     * @return the rule record
     * @throws org.hyperledger.fabric.shim.ChaincodeException {@code INVALID_ARGUMENT}, {@code ACCESS_DENIED},
     *     {@code RULE_EXISTS}, {@code DEVICE_NOT_FOUND}, {@code GROUP_NOT_FOUND}
     */
    @Transaction(name = "RegisterRule", intent = Transaction.TYPE.SUBMIT)
    public String registerRule(final Context ctx, final String request) {
        final Tx tx = Tx.of(ctx);
        final AutomationRule rule = new RuleRegistry(tx)
                .register(Json.parse(request, RuleRequest.class).forWrite());
        return emit(tx, EventType.RuleRegistered, rule);
    }

    /**
     * Replaces a rule's description, condition, action and cooldown (and its enabled flag when given). Caller:
     * {@code admin} of the owner organisation.
     *
     * @param ctx the transaction context
     * @param request as for RegisterRule
     * @return the rule record
     * @throws org.hyperledger.fabric.shim.ChaincodeException {@code INVALID_ARGUMENT}, {@code ACCESS_DENIED},
     *     {@code RULE_NOT_FOUND}, {@code DEVICE_NOT_FOUND}, {@code GROUP_NOT_FOUND}
     */
    @Transaction(name = "UpdateRule", intent = Transaction.TYPE.SUBMIT)
    public String updateRule(final Context ctx, final String request) {
        final Tx tx = Tx.of(ctx);
        final AutomationRule rule = new RuleRegistry(tx)
                .update(Json.parse(request, RuleRequest.class).forWrite());
        return emit(tx, EventType.RuleUpdated, rule);
    }

    /**
     * Enables a rule. Caller: {@code admin} of the owner organisation.
     *
     * @param ctx the transaction context
     * @param request {@code {"ruleId"}}
     * @return the rule record
     * @throws org.hyperledger.fabric.shim.ChaincodeException {@code INVALID_ARGUMENT}, {@code ACCESS_DENIED},
     *     {@code RULE_NOT_FOUND}, {@code DEVICE_NOT_FOUND}, {@code GROUP_NOT_FOUND}
     */
    @Transaction(name = "EnableRule", intent = Transaction.TYPE.SUBMIT)
    public String enableRule(final Context ctx, final String request) {
        final Tx tx = Tx.of(ctx);
        final String ruleId = Json.parse(request, RuleRequest.class).forSwitch().ruleId();
        return emit(tx, EventType.RuleEnabled, new RuleRegistry(tx).setEnabled(ruleId, true));
    }

    /**
     * Disables a rule: it authorises no command from the next block on. Caller: {@code admin} of the owner
     * organisation.
     *
     * @param ctx the transaction context
     * @param request {@code {"ruleId"}}
     * @return the rule record
     * @throws org.hyperledger.fabric.shim.ChaincodeException {@code INVALID_ARGUMENT}, {@code ACCESS_DENIED},
     *     {@code RULE_NOT_FOUND}, {@code DEVICE_NOT_FOUND}, {@code GROUP_NOT_FOUND}
     */
    @Transaction(name = "DisableRule", intent = Transaction.TYPE.SUBMIT)
    public String disableRule(final Context ctx, final String request) {
        final Tx tx = Tx.of(ctx);
        final String ruleId = Json.parse(request, RuleRequest.class).forSwitch().ruleId();
        return emit(tx, EventType.RuleDisabled, new RuleRegistry(tx).setEnabled(ruleId, false));
    }

    /**
     * Reads a rule. Caller: any BIoT-DM role.
     *
     * @param ctx the transaction context
     * @param ruleId the rule id
     * @return the rule record
     * @throws org.hyperledger.fabric.shim.ChaincodeException {@code INVALID_ARGUMENT}, {@code ACCESS_DENIED},
     *     {@code RULE_NOT_FOUND}
     */
    @Transaction(name = "GetRule", intent = Transaction.TYPE.EVALUATE)
    public String getRule(final Context ctx, final String ruleId) {
        final Tx tx = Tx.of(ctx);
        Access.requireReader(tx.caller());
        return Json.write(new RuleStore(tx.stub()).get(Check.id("ruleId", ruleId)));
    }

    /**
     * Lists an organisation's rules in rule id order, one page at a time. Caller: any BIoT-DM role.
     *
     * @param ctx the transaction context
     * @param query {@code {"ownerMsp","pageSize"?,"bookmark"?}}
     * @return {@code {"bookmark","fetchedCount","records":[rule…]}}
     * @throws org.hyperledger.fabric.shim.ChaincodeException {@code INVALID_ARGUMENT}, {@code ACCESS_DENIED}
     */
    @Transaction(name = "ListRules", intent = Transaction.TYPE.EVALUATE)
    public String listRules(final Context ctx, final String query) {
        final Tx tx = Tx.of(ctx);
        Access.requireReader(tx.caller());
        return Json.write(new RuleStore(tx.stub())
                .list(Json.parse(query, ListRulesQuery.class).validate()));
    }

    private static String emit(final Tx tx, final EventType event, final AutomationRule rule) {
        Events.emit(
                tx, event, AuditEntity.RULE, rule.getRuleId(), rule.getAction().getDeviceId());
        return Json.write(rule);
    }
}
