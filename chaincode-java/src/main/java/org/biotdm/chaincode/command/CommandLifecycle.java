package org.biotdm.chaincode.command;

import java.util.Optional;
import org.biotdm.chaincode.automation.RuleAuthorisation;
import org.biotdm.chaincode.automation.RuleTrigger;
import org.biotdm.chaincode.device.Device;
import org.biotdm.chaincode.device.DeviceStatus;
import org.biotdm.chaincode.device.DeviceStore;
import org.biotdm.chaincode.grant.GrantPolicy;
import org.biotdm.chaincode.group.Group;
import org.biotdm.chaincode.group.GroupPolicies;
import org.biotdm.chaincode.support.Access;
import org.biotdm.chaincode.support.ErrorCode;
import org.biotdm.chaincode.support.Role;
import org.biotdm.chaincode.support.Tx;

/**
 * Applies the command rules: issue needs an active device whose group policy, if any, allows the command type, and
 * either an operator with a covering grant or the owner's automation identity naming an enabled, covering rule; delivery and
 * completion are recorded by the owner organisation's gateway before the expiry, and completion needs the device's
 * valid receipt signature. A command completes once.
 */
final class CommandLifecycle {
    private final Tx tx;
    private final CommandStore store;

    CommandLifecycle(final Tx tx) {
        this.tx = tx;
        this.store = new CommandStore(tx.stub());
    }

    Command issue(final IssueCommandRequest request) {
        final RuleTrigger trigger = request.rule();
        Access.requireRole(tx.caller(), trigger == null ? Role.OPERATOR : Role.AUTOMATION);
        ReservedCommands.refuse(request.commandType());
        refuseExisting(request.commandId());
        final Device device = new DeviceStore(tx.stub()).get(request.deviceId());
        if (device.getStatus() != DeviceStatus.ACTIVE) {
            throw ErrorCode.DEVICE_NOT_ACTIVE.error(
                    "Device " + device.getDeviceId() + " is " + device.getStatus() + ", not ACTIVE");
        }
        final Optional<Group> group = new GroupPolicies(tx).requireAllows(device, request.commandType());
        final Command.Builder command = issued(request, device);
        if (trigger == null) {
            command.grantId(new GrantPolicy(tx)
                    .requireCovering(device, request.commandType())
                    .getGrantId());
        } else {
            Access.requireOwner(tx.caller(), device.getOwnerMsp(), Role.AUTOMATION);
            new RuleAuthorisation(tx)
                    .requireCovering(
                            trigger.getRuleId(), device, group, request.commandType(), request.parametersSha256());
            command.rule(trigger);
        }
        final Command built = command.build();
        store.create(built);
        return built;
    }

    /**
     * Issues a command of a reserved type, which the transaction of its own has authorised; it names no grant.
     *
     * @param request the validated command
     * @param device the active target device
     * @return the command record, status {@code ISSUED}
     */
    Command issueReserved(final IssueCommandRequest request, final Device device) {
        refuseExisting(request.commandId());
        final Command command = issued(request, device).build();
        store.create(command);
        return command;
    }

    private void refuseExisting(final String commandId) {
        if (store.find(commandId).isPresent()) {
            throw ErrorCode.COMMAND_EXISTS.error("Command " + commandId + " already exists");
        }
    }

    private Command.Builder issued(final IssueCommandRequest request, final Device device) {
        return Command.builder()
                .commandId(request.commandId())
                .deviceId(device.getDeviceId())
                .ownerMsp(device.getOwnerMsp())
                .commandType(request.commandType())
                .parametersSha256(request.parametersSha256())
                .expiresAt(request.expiresAt())
                .status(CommandStatus.ISSUED)
                .issuedAt(tx.nowMillis())
                .issuedBy(tx.caller().id())
                .issuedByMsp(tx.caller().mspId())
                .updatedAt(tx.nowMillis())
                .updatedBy(tx.caller().id())
                .updatedByMsp(tx.caller().mspId());
    }

    Command markDelivered(final MarkCommandDeliveredRequest request) {
        final Command command = openCommand(request.commandId());
        if (command.getStatus() != CommandStatus.ISSUED) {
            throw ErrorCode.COMMAND_INVALID_STATE.error(
                    "Command " + command.getCommandId() + " is " + command.getStatus() + ", not ISSUED");
        }
        final Command delivered = touched(command)
                .status(CommandStatus.DELIVERED)
                .deliveredAt(tx.nowMillis())
                .build();
        store.update(delivered);
        return delivered;
    }

    Command complete(final CompleteCommandRequest request) {
        final Command command = openCommand(request.commandId());
        ReservedCommands.refuse(command.getCommandType());
        return completed(command, request);
    }

    /**
     * Completes a command of the given reserved type with the device's verified receipt.
     *
     * @param request the validated receipt
     * @param commandType the type the command must have
     * @return the completed command
     */
    Command completeReserved(final CompleteCommandRequest request, final String commandType) {
        final Command command = openCommand(request.commandId());
        if (!commandType.equals(command.getCommandType())) {
            throw ErrorCode.COMMAND_INVALID_STATE.error("Command " + command.getCommandId() + " is a "
                    + command.getCommandType() + " command, not " + commandType);
        }
        return completed(command, request);
    }

    private Command completed(final Command command, final CompleteCommandRequest request) {
        final Device device = new DeviceStore(tx.stub()).get(command.getDeviceId());
        if (device.getPublicKeyPem() == null) {
            throw ErrorCode.DEVICE_NOT_CLAIMED.error("Device " + device.getDeviceId() + " has no registered key");
        }
        ReceiptVerifier.verify(
                device.getPublicKeyPem(),
                CanonicalReceipt.bytes(command, request.status(), request.resultSha256()),
                request.signatureBytes());
        final Command completed = touched(command)
                .status(request.status())
                .completedAt(tx.nowMillis())
                .resultSha256(request.resultSha256())
                .receiptSignature(request.signature())
                .build();
        store.update(completed);
        return completed;
    }

    /** Reads a command the owner's gateway may still act on: not completed and not expired. */
    private Command openCommand(final String commandId) {
        final Command command = store.get(commandId);
        Access.requireOwner(tx.caller(), command.getOwnerMsp(), Role.GATEWAY);
        if (command.getStatus().isCompleted()) {
            throw ErrorCode.COMMAND_ALREADY_COMPLETED.error(
                    "Command " + commandId + " was already completed as " + command.getStatus());
        }
        if (tx.nowMillis() >= command.getExpiresAt()) {
            throw ErrorCode.COMMAND_EXPIRED.error("Command " + commandId + " expired at " + command.getExpiresAt());
        }
        return command;
    }

    private Command.Builder touched(final Command command) {
        return command.toBuilder()
                .updatedAt(tx.nowMillis())
                .updatedBy(tx.caller().id())
                .updatedByMsp(tx.caller().mspId());
    }
}
