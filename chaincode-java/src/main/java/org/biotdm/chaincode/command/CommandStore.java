package org.biotdm.chaincode.command;

import java.util.Optional;
import org.biotdm.chaincode.device.DeviceStore;
import org.biotdm.chaincode.support.ErrorCode;
import org.biotdm.chaincode.support.Json;
import org.biotdm.chaincode.support.Keys;
import org.biotdm.chaincode.support.Ledger;
import org.biotdm.chaincode.support.Page;
import org.biotdm.chaincode.support.PageRequest;
import org.hyperledger.fabric.shim.ChaincodeStub;

/**
 * Owns the command keys: the record under {@code biotdm.command/<commandId>} and the device index
 * {@code biotdm.command.device/<deviceId>/<issuedAt>/<commandId>}, which lists a device's commands in issue order.
 */
public final class CommandStore {
    private final ChaincodeStub stub;

    /**
     * Creates the store.
     *
     * @param stub the chaincode stub
     */
    public CommandStore(final ChaincodeStub stub) {
        this.stub = stub;
    }

    /**
     * Returns the world-state key of a command record.
     *
     * @param commandId the command id
     * @return the composite key
     */
    public static String key(final String commandId) {
        return Keys.of(Keys.COMMAND, commandId);
    }

    /**
     * Looks a command up.
     *
     * @param commandId the command id
     * @return the record, or empty
     */
    public Optional<Command> find(final String commandId) {
        final byte[] value = stub.getState(key(commandId));
        return value == null || value.length == 0 ? Optional.empty() : Optional.of(Json.read(value, Command.class));
    }

    /**
     * Reads a command that must exist.
     *
     * @param commandId the command id
     * @return the record
     * @throws org.hyperledger.fabric.shim.ChaincodeException {@code COMMAND_NOT_FOUND}
     */
    public Command get(final String commandId) {
        return find(commandId)
                .orElseThrow(() -> ErrorCode.COMMAND_NOT_FOUND.error("Command " + commandId + " does not exist"));
    }

    /**
     * Writes a new command and its device index entry, and the device's guard key, so the owner's peer must
     * endorse.
     *
     * @param command the record
     */
    void create(final Command command) {
        stub.putState(key(command.getCommandId()), Json.bytes(command));
        new DeviceStore(stub).requireOwnerEndorsement(command.getDeviceId(), command.getOwnerMsp());
        stub.putState(
                Keys.of(
                        Keys.COMMAND_BY_DEVICE,
                        command.getDeviceId(),
                        Keys.time(command.getIssuedAt()),
                        command.getCommandId()),
                Keys.indexValue());
    }

    /**
     * Rewrites a command and writes the device's guard key, so the owner's peer must endorse; its index entry never
     * changes.
     *
     * @param command the record
     */
    void update(final Command command) {
        stub.putState(key(command.getCommandId()), Json.bytes(command));
        new DeviceStore(stub).requireOwnerEndorsement(command.getDeviceId(), command.getOwnerMsp());
    }

    /**
     * Reads one page of a device's commands, oldest first; read-only transactions only.
     *
     * @param query the validated query
     * @return the page
     */
    Page<Command> list(final ListCommandsQuery query) {
        final PageRequest page = query.page();
        return Ledger.page(
                stub.getStateByPartialCompositeKeyWithPagination(
                        Keys.prefix(Keys.COMMAND_BY_DEVICE, query.deviceId()), page.pageSize(), page.bookmark()),
                entry -> find(Keys.lastAttribute(entry.getKey())).orElse(null));
    }
}
