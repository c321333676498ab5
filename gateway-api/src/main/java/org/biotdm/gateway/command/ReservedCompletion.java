package org.biotdm.gateway.command;

import io.micronaut.core.annotation.Nullable;
import org.biotdm.gateway.ledger.LedgerException;

/**
 * Completes the commands of one reserved type (the chaincode's {@code ReservedCommands}) in their own contract's
 * transaction instead of {@code CompleteCommand}, after {@link CommandReceipts} has checked the device, the command's
 * state and the receipt signature as for any command. The implementation records what the receipt means for its
 * feature; {@link CommandReceipts} then mirrors the completed command as usual.
 */
public interface ReservedCompletion {
    /**
     * Names the reserved type this completion handles.
     *
     * @return the command type, such as {@code configuration}
     */
    String commandType();

    /**
     * Submits the transaction that completes the command with the device's receipt.
     *
     * @param command the open command, addressed to the calling device
     * @param status {@code SUCCEEDED}, {@code FAILED} or {@code REJECTED}
     * @param resultSha256 the result hash the device signed
     * @param signature the device's receipt signature, base64
     * @param resultJson the canonical result the device sent, or null when it sent only the hash
     * @return the completed command and the transaction
     * @throws LedgerException the chaincode's refusal or a ledger failure
     */
    CommandLedger.Written complete(
            CommandRecord command,
            CommandState status,
            String resultSha256,
            String signature,
            @Nullable String resultJson)
            throws LedgerException;
}
