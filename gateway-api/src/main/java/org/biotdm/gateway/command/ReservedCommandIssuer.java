package org.biotdm.gateway.command;

import io.micronaut.data.connection.jdbc.exceptions.CannotGetJdbcConnectionException;
import io.micronaut.data.exceptions.DataAccessException;
import jakarta.inject.Singleton;
import org.biotdm.gateway.device.DeviceRecord;
import org.biotdm.gateway.error.ApiException;
import org.biotdm.gateway.error.LedgerExceptionHandler;
import org.biotdm.gateway.ledger.LedgerException;
import org.biotdm.gateway.users.ApiUser;
import org.biotdm.protocol.json.CanonicalJson;

/**
 * Issues commands of a type reserved for a transaction of its own (the chaincode's {@code ReservedCommands}, such as
 * {@code configuration}): the row is inserted as {@code ISSUING}, the caller's transaction writes the command on the
 * ledger, and the committed record makes it {@code ISSUED}, so it is delivered like any command. A refusal removes the
 * row; after an unknown outcome it stays {@code ISSUING}, never delivered.
 */
@Singleton
public class ReservedCommandIssuer {
    private static final long DB_RETRY_AFTER = 5;

    private final CommandRepository repository;
    private final CommandEvents events;

    /**
     * Creates the issuer.
     *
     * @param repository the {@code commands} table
     * @param events announces the issued command and wakes the device's poll
     */
    public ReservedCommandIssuer(CommandRepository repository, CommandEvents events) {
        this.repository = repository;
        this.events = events;
    }

    /**
     * Issues a reserved command.
     *
     * @param user the person whose own identity {@code submit} signs with
     * @param device the target device
     * @param commandId the new command ID
     * @param commandType the reserved type
     * @param parameters the canonical JSON parameters
     * @param expiresAt expiry, epoch ms
     * @param submit submits the transaction and returns the committed command
     * @return the issued command
     * @throws ApiException 409 {@code COMMAND_EXISTS}; 503 {@code DATABASE_UNAVAILABLE}; the transaction's refusals
     */
    public CommandRecord issue(
            ApiUser user,
            DeviceRecord device,
            String commandId,
            String commandType,
            String parameters,
            long expiresAt,
            Submit submit) {
        String parametersSha256 = CanonicalJson.sha256Hex(parameters);
        CommandRecord row = CommandService.issuing(
                user,
                device,
                commandId,
                commandType,
                parameters,
                parametersSha256,
                System.currentTimeMillis(),
                expiresAt);
        try {
            if (!repository.insertIssuing(row)) {
                throw CommandService.exists(commandId);
            }
            CommandLedger.Written written = submitted(row, submit);
            return events.recordIssued(repository, row, written.command(), written.transactionId())
                    .orElseThrow(() -> CommandService.notFound(commandId));
        } catch (DataAccessException | CannotGetJdbcConnectionException e) {
            throw ApiException.databaseUnavailable(DB_RETRY_AFTER, e);
        }
    }

    private CommandLedger.Written submitted(CommandRecord row, Submit submit) {
        try {
            return submit.submit(row);
        } catch (LedgerException e) {
            if (e.kind() != LedgerException.Kind.UNKNOWN_OUTCOME) {
                repository.deleteIssuing(row.commandId());
            }
            throw LedgerExceptionHandler.toApiException(e);
        }
    }

    /** Submits the transaction that writes a reserved command on the ledger. */
    @FunctionalInterface
    public interface Submit {
        /**
         * Submits the transaction.
         *
         * @param row the {@code ISSUING} row: its command ID, device, parameters hash and expiry
         * @return the committed command and its transaction
         * @throws LedgerException the ledger's refusal or failure
         */
        CommandLedger.Written submit(CommandRecord row) throws LedgerException;
    }
}
