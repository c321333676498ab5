package org.biotdm.gateway.command;

import io.micronaut.data.connection.jdbc.exceptions.CannotGetJdbcConnectionException;
import io.micronaut.data.exceptions.DataAccessException;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.biotdm.gateway.error.ApiException;
import org.biotdm.gateway.error.ErrorCode;
import org.biotdm.gateway.error.LedgerExceptionHandler;
import org.biotdm.gateway.ingress.AuthenticatedDevice;
import org.biotdm.gateway.ledger.LedgerException;
import org.biotdm.gateway.telemetry.DevicePublicKeys;
import org.biotdm.protocol.json.CanonicalJson;
import org.biotdm.protocol.receipt.CommandReceipt;
import org.biotdm.protocol.receipt.ReceiptStatus;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;

/**
 * Completes commands with the device's signed receipt ({@code POST /device/v1/commands/{commandId}/receipt}).
 *
 * <p>Checks, in this order, each refusal changing nothing: the body (400 {@code INVALID_ARGUMENT}); the command
 * exists and is addressed to the calling device (404 {@code COMMAND_NOT_FOUND} otherwise, so devices learn nothing
 * about other devices' commands); not completed yet (409 {@code COMMAND_ALREADY_COMPLETED}: a replayed receipt); not
 * expired (403 {@code COMMAND_EXPIRED}); the signature over the canonical {@code biotdm-receipt-v1} text by the
 * device's registered key (400 {@code RECEIPT_SIGNATURE_INVALID}). Then CompleteCommand (gateway identity), where the
 * chaincode checks the same three things again against the ledger and the device's current key.
 */
@Singleton
public class CommandReceipts {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final int MAX_SIGNATURE_CHARS = 256;

    private final CommandsConfiguration configuration;
    private final CommandRepository repository;
    private final CommandLedger ledger;
    private final CommandEvents events;
    private final List<ReservedCompletion> reserved;
    private final DevicePublicKeys keys = new DevicePublicKeys();

    /**
     * Creates the receipt handler.
     *
     * @param configuration the command settings
     * @param repository the {@code commands} table
     * @param ledger the commands contract
     * @param events announces state changes
     * @param reserved the completions of reserved command types, which replace CompleteCommand for their type
     */
    public CommandReceipts(
            CommandsConfiguration configuration,
            CommandRepository repository,
            CommandLedger ledger,
            CommandEvents events,
            List<ReservedCompletion> reserved) {
        this.configuration = configuration;
        this.repository = repository;
        this.ledger = ledger;
        this.events = events;
        this.reserved = List.copyOf(reserved);
    }

    /**
     * Verifies a receipt and completes the command on the ledger. Blocks.
     *
     * @param device the authenticated device
     * @param commandId the command ID from the path
     * @param request the receipt
     * @return the completion
     * @throws ApiException 400 {@code INVALID_ARGUMENT}, {@code RECEIPT_SIGNATURE_INVALID}; 404 {@code
     *     COMMAND_NOT_FOUND}; 409 {@code COMMAND_ALREADY_COMPLETED}; 403 {@code COMMAND_EXPIRED}; 503 {@code
     *     DATABASE_UNAVAILABLE}, {@code LEDGER_UNAVAILABLE}; 504 {@code LEDGER_UNKNOWN_OUTCOME}; a chaincode code
     */
    public ReceiptResponse complete(AuthenticatedDevice device, String commandId, ReceiptRequest request) {
        CommandState status = status(request);
        String resultJson = request.result() == null
                ? null
                : CommandService.canonical(request.result(), configuration.maxResultBytes(), "result");
        String resultSha256 = resultJson == null ? request.resultSha256() : CanonicalJson.sha256Hex(resultJson);
        try {
            CommandRecord command = find(device, commandId);
            refuseFinished(command);
            CommandReceipt receipt = new CommandReceipt(
                    command.commandId(),
                    device.deviceId(),
                    command.commandType(),
                    command.parametersSha256(),
                    ReceiptStatus.valueOf(status.name()),
                    resultSha256);
            ECPublicKeyParameters key = keys.p256(device.record().publicKeyPem());
            if (key == null || !receipt.verify(key, request.signature())) {
                throw new ApiException(
                        ErrorCode.RECEIPT_SIGNATURE_INVALID,
                        "The signature is not the device's over the canonical biotdm-receipt-v1 text");
            }
            return submit(command, status, resultSha256, request.signature(), resultJson);
        } catch (DataAccessException | CannotGetJdbcConnectionException e) {
            throw ApiException.databaseUnavailable(5, e);
        }
    }

    private ReceiptResponse submit(
            CommandRecord command, CommandState status, String resultSha256, String signature, String resultJson) {
        try {
            CommandLedger.Written written = completeOnLedger(command, status, resultSha256, signature, resultJson);
            if (repository.markCompleted(written.command(), written.transactionId(), resultJson)) {
                events.changed(command, written.command().status(), written.transactionId());
            }
            Long completedAt = written.command().completedAt();
            return new ReceiptResponse(
                    command.commandId(),
                    written.command().status(),
                    resultSha256,
                    completedAt == null ? System.currentTimeMillis() : completedAt,
                    written.transactionId());
        } catch (LedgerException e) {
            syncAfterRefusal(command, e);
            throw LedgerExceptionHandler.toApiException(e);
        }
    }

    private CommandLedger.Written completeOnLedger(
            CommandRecord command, CommandState status, String resultSha256, String signature, String resultJson)
            throws LedgerException {
        for (ReservedCompletion completion : reserved) {
            if (completion.commandType().equals(command.commandType())) {
                return completion.complete(command, status, resultSha256, signature, resultJson);
            }
        }
        return ledger.complete(command.commandId(), status, resultSha256, signature);
    }

    /** Brings the mirror in line with what the ledger's refusal revealed. */
    private void syncAfterRefusal(CommandRecord command, LedgerException e) {
        if (e.code() == ErrorCode.COMMAND_EXPIRED) {
            long at = Math.max(System.currentTimeMillis(), command.expiresAt());
            if (repository.markExpired(command.commandId(), at)) {
                events.changed(command, CommandState.EXPIRED, null);
            }
        } else if (e.code() == ErrorCode.COMMAND_ALREADY_COMPLETED) {
            try {
                Optional<LedgerCommand> onChain = ledger.get(command.commandId());
                if (onChain.isPresent()
                        && onChain.get().status().isCompletion()
                        && repository.markCompleted(onChain.get(), null, null)) {
                    events.changed(command, onChain.get().status(), null);
                }
            } catch (LedgerException ignored) {
                // The refusal stands; the mirror catches up on the next refusal or read.
            }
        }
    }

    private CommandRecord find(AuthenticatedDevice device, String commandId) {
        Optional<CommandRecord> row =
                CommandService.ID.matcher(commandId).matches() ? repository.find(commandId) : Optional.empty();
        if (row.isEmpty()
                || !row.get().deviceId().equals(device.deviceId())
                || row.get().state() == CommandState.ISSUING) {
            throw CommandService.notFound(commandId);
        }
        return row.get();
    }

    private void refuseFinished(CommandRecord command) {
        if (command.state().isCompletion()) {
            throw new ApiException(
                    ErrorCode.COMMAND_ALREADY_COMPLETED,
                    "Command " + command.commandId() + " is already " + command.state());
        }
        long now = System.currentTimeMillis();
        if (command.state() == CommandState.EXPIRED || command.expiresAt() <= now) {
            if (command.state() != CommandState.EXPIRED && repository.markExpired(command.commandId(), now)) {
                events.changed(command, CommandState.EXPIRED, null);
            }
            throw new ApiException(ErrorCode.COMMAND_EXPIRED, "Command " + command.commandId() + " has expired");
        }
    }

    private static CommandState status(ReceiptRequest request) {
        if (request == null) {
            throw ApiException.invalid("body", "A JSON body is required");
        }
        CommandState status;
        try {
            status = request.status() == null ? null : CommandState.valueOf(request.status());
        } catch (IllegalArgumentException e) {
            status = null;
        }
        if (status == null || !status.isCompletion()) {
            throw ApiException.invalid("body.status", "status must be SUCCEEDED, FAILED or REJECTED");
        }
        if ((request.result() == null) == (request.resultSha256() == null)) {
            throw ApiException.invalid("body.result", "Give exactly one of resultSha256 and result");
        }
        if (request.resultSha256() != null
                && !SHA256.matcher(request.resultSha256()).matches()) {
            throw ApiException.invalid("body.resultSha256", "resultSha256 must be 64 lower-case hex digits");
        }
        if (request.signature() == null
                || request.signature().isEmpty()
                || request.signature().length() > MAX_SIGNATURE_CHARS) {
            throw ApiException.invalid(
                    "body.signature", "signature must be base64 of at most " + MAX_SIGNATURE_CHARS + " characters");
        }
        return status;
    }
}
