package org.biotdm.chaincode.command;

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
 * Exposes commands as contract {@code commands}; clients call {@code commands:<Transaction>}. Writes take one
 * JSON argument, return the command record and emit one event.
 */
@Contract(
        name = "commands",
        info = @Info(title = "BIoT-DM commands", description = "Authorised device commands", version = "0.1.0"))
public final class CommandContract implements ContractInterface {

    /**
     * Issues a command to an active device under a covering, unexpired grant, or under an automation rule. Caller:
     * {@code operator} of any organisation holding such a grant; with {@code rule}, the {@code automation} identity
     * of the device's owner, and the rule must exist, be enabled and cover the device, command type and parameters.
     * A member of a group object takes only the command types its group's policy allows.
     *
     * @param ctx the transaction context
     * @param request {@code {"commandId","deviceId","commandType","parametersSha256","expiresAt",
     *     "rule"?:{"ruleId","windowId"?,"readingIds":[…]}}}; the expiry is after the transaction time and at most
     *     24 h later
     * @return the command record, status {@code ISSUED}, naming its grant or its rule and triggering readings
     * @throws org.hyperledger.fabric.shim.ChaincodeException {@code INVALID_ARGUMENT}, {@code ACCESS_DENIED},
     *     {@code COMMAND_EXISTS}, {@code DEVICE_NOT_FOUND}, {@code DEVICE_NOT_ACTIVE}, {@code GROUP_POLICY_DENIED},
     *     {@code GRANT_REQUIRED}, {@code RULE_NOT_FOUND}, {@code RULE_DISABLED}, {@code RULE_NOT_COVERING}
     */
    @Transaction(name = "IssueCommand", intent = Transaction.TYPE.SUBMIT)
    public String issueCommand(final Context ctx, final String request) {
        final Tx tx = Tx.of(ctx);
        final Command command = new CommandLifecycle(tx)
                .issue(Json.parse(request, IssueCommandRequest.class).validate(tx));
        return emit(tx, EventType.CommandIssued, command);
    }

    /**
     * Records that the gateway handed an issued command to its device. Caller: {@code gateway} of the device's
     * owner organisation.
     *
     * @param ctx the transaction context
     * @param request {@code {"commandId"}}
     * @return the command record, status {@code DELIVERED}
     * @throws org.hyperledger.fabric.shim.ChaincodeException {@code INVALID_ARGUMENT}, {@code ACCESS_DENIED},
     *     {@code COMMAND_NOT_FOUND}, {@code COMMAND_ALREADY_COMPLETED}, {@code COMMAND_EXPIRED},
     *     {@code COMMAND_INVALID_STATE}
     */
    @Transaction(name = "MarkCommandDelivered", intent = Transaction.TYPE.SUBMIT)
    public String markCommandDelivered(final Context ctx, final String request) {
        final Tx tx = Tx.of(ctx);
        final Command command = new CommandLifecycle(tx)
                .markDelivered(
                        Json.parse(request, MarkCommandDeliveredRequest.class).validate());
        return emit(tx, EventType.CommandDelivered, command);
    }

    /**
     * Completes a command with the device's signed receipt, verified against the device's registered P-256 key
     * over the {@link CanonicalReceipt}. Caller: {@code gateway} of the device's owner organisation.
     *
     * @param ctx the transaction context
     * @param request {@code {"commandId","status":"SUCCEEDED|FAILED|REJECTED","resultSha256","signature"}}
     * @return the command record with the reported status
     * @throws org.hyperledger.fabric.shim.ChaincodeException {@code INVALID_ARGUMENT}, {@code ACCESS_DENIED},
     *     {@code COMMAND_NOT_FOUND}, {@code COMMAND_ALREADY_COMPLETED}, {@code COMMAND_EXPIRED},
     *     {@code DEVICE_NOT_FOUND}, {@code DEVICE_NOT_CLAIMED}, {@code RECEIPT_SIGNATURE_INVALID}
     */
    @Transaction(name = "CompleteCommand", intent = Transaction.TYPE.SUBMIT)
    public String completeCommand(final Context ctx, final String request) {
        final Tx tx = Tx.of(ctx);
        final Command command = new CommandLifecycle(tx)
                .complete(Json.parse(request, CompleteCommandRequest.class).validate());
        return emit(tx, EventType.CommandCompleted, command);
    }

    /**
     * Reads a command. Caller: any BIoT-DM role.
     *
     * @param ctx the transaction context
     * @param commandId the command id
     * @return the command record
     * @throws org.hyperledger.fabric.shim.ChaincodeException {@code INVALID_ARGUMENT}, {@code ACCESS_DENIED},
     *     {@code COMMAND_NOT_FOUND}
     */
    @Transaction(name = "GetCommand", intent = Transaction.TYPE.EVALUATE)
    public String getCommand(final Context ctx, final String commandId) {
        final Tx tx = Tx.of(ctx);
        Access.requireReader(tx.caller());
        return Json.write(new CommandStore(tx.stub()).get(Check.id("commandId", commandId)));
    }

    /**
     * Lists a device's commands, oldest first, one page at a time. Caller: any BIoT-DM role.
     *
     * @param ctx the transaction context
     * @param query {@code {"deviceId","pageSize"?,"bookmark"?}}
     * @return {@code {"bookmark","fetchedCount","records":[command…]}}
     * @throws org.hyperledger.fabric.shim.ChaincodeException {@code INVALID_ARGUMENT}, {@code ACCESS_DENIED}
     */
    @Transaction(name = "ListCommandsByDevice", intent = Transaction.TYPE.EVALUATE)
    public String listCommandsByDevice(final Context ctx, final String query) {
        final Tx tx = Tx.of(ctx);
        Access.requireReader(tx.caller());
        return Json.write(new CommandStore(tx.stub())
                .list(Json.parse(query, ListCommandsQuery.class).validate()));
    }

    private static String emit(final Tx tx, final EventType event, final Command command) {
        Events.emit(tx, event, AuditEntity.COMMAND, command.getCommandId(), command.getDeviceId());
        return Json.write(command);
    }
}
