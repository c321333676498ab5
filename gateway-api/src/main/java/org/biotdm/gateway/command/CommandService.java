package org.biotdm.gateway.command;

import io.micronaut.data.connection.jdbc.exceptions.CannotGetJdbcConnectionException;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.ObjectMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.biotdm.gateway.access.DeviceAccess;
import org.biotdm.gateway.device.DeviceRecord;
import org.biotdm.gateway.error.ApiException;
import org.biotdm.gateway.error.ErrorCode;
import org.biotdm.gateway.error.LedgerExceptionHandler;
import org.biotdm.gateway.ledger.LedgerException;
import org.biotdm.gateway.users.ApiUser;
import org.biotdm.gateway.users.UserLedgerIdentities;
import org.biotdm.protocol.json.CanonicalJson;

/**
 * Issues commands for operators and shows them to people who may see their device.
 *
 * <p>Issuing is idempotent by the client-chosen command ID: the gateway inserts the row as {@code ISSUING} (the
 * primary key serialises racing requests), submits IssueCommand signed by the operator's own Fabric identity (so the
 * chaincode checks that person's grant), and records the committed record as {@code ISSUED}. A refused transaction
 * removes the row. When the outcome is unknown (504) the row stays {@code ISSUING}; the retry reads the command from
 * the ledger and adopts it when the ledger has it, or submits again when not.
 */
@Singleton
public class CommandService {
    /** Command IDs, device IDs and command types: the chaincode's ID pattern. */
    static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private static final long DB_RETRY_AFTER = 5;

    private final CommandsConfiguration configuration;
    private final CommandRepository repository;
    private final CommandLedger ledger;
    private final DeviceAccess access;
    private final UserLedgerIdentities identities;
    private final CommandEvents events;
    private final ObjectMapper json;

    /**
     * Creates the service.
     *
     * @param configuration the command settings
     * @param repository the {@code commands} table
     * @param ledger the commands contract
     * @param access who may see which device
     * @param identities the people's own Fabric identities
     * @param events announces state changes
     * @param json parses stored parameters and results
     */
    public CommandService(
            CommandsConfiguration configuration,
            CommandRepository repository,
            CommandLedger ledger,
            DeviceAccess access,
            UserLedgerIdentities identities,
            CommandEvents events,
            ObjectMapper json) {
        this.configuration = configuration;
        this.repository = repository;
        this.ledger = ledger;
        this.access = access;
        this.identities = identities;
        this.events = events;
        this.json = json;
    }

    /**
     * Issues a command, or returns the existing one for an identical retry.
     *
     * @param user the operator
     * @param request the request
     * @return the command and whether this call created it
     * @throws ApiException 400 {@code INVALID_ARGUMENT}; 404 {@code DEVICE_NOT_FOUND}; 403 {@code
     *     DEVICE_ACCESS_DENIED}, {@code GRANT_REQUIRED}, {@code ACCESS_DENIED}; 409 {@code COMMAND_EXISTS} (same ID,
     *     other content or another person's); 403 {@code DEVICE_NOT_ACTIVE}; 503 {@code DATABASE_UNAVAILABLE}, {@code
     *     LEDGER_UNAVAILABLE}; 504 {@code LEDGER_UNKNOWN_OUTCOME} (retry with the same request)
     */
    public Issued issue(ApiUser user, IssueCommandRequest request) {
        IssueCommandRequest checked = validate(request);
        if (!checked.parameters().isObject()) {
            throw ApiException.invalid("body.parameters", "parameters must be a JSON object");
        }
        String parameters = canonical(checked.parameters(), configuration.maxParametersBytes(), "parameters");
        long now = System.currentTimeMillis();
        long expiresAt = expiresAt(checked, now);
        String parametersSha256 = CanonicalJson.sha256Hex(parameters);
        String requestSha256 = CanonicalJson.sha256Hex(checked.deviceId() + "\n" + checked.commandType() + "\n"
                + parametersSha256 + "\n" + expirySpec(checked));
        DeviceRecord device = access.requireReadable(user, checked.deviceId());
        CommandRecord row = issuing(
                user, device, checked.commandId(), checked.commandType(), parameters, requestSha256, now, expiresAt);
        try {
            if (repository.insertIssuing(row)) {
                return new Issued(submit(user, row), true);
            }
            CommandRecord existing = repository.find(row.commandId()).orElseThrow(() -> exists(row.commandId()));
            if (!existing.requestSha256().equals(requestSha256) || existing.issuedByUserId() != user.userId()) {
                throw exists(row.commandId());
            }
            return new Issued(existing.state() == CommandState.ISSUING ? resume(user, existing) : existing, false);
        } catch (DataAccessException | CannotGetJdbcConnectionException e) {
            throw ApiException.databaseUnavailable(DB_RETRY_AFTER, e);
        }
    }

    static CommandRecord issuing(
            ApiUser user,
            DeviceRecord device,
            String commandId,
            String commandType,
            String parameters,
            String requestSha256,
            long now,
            long expiresAt) {
        return CommandRecord.issuing(
                commandId,
                device.deviceId(),
                device.ownerMsp(),
                commandType,
                parameters,
                requestSha256,
                user.userId(),
                user.username(),
                user.fabricId(),
                now,
                expiresAt,
                null);
    }

    /**
     * Returns one command to a person who may see its device.
     *
     * @param user the person
     * @param commandId the command ID
     * @return the command
     * @throws ApiException 404 {@code COMMAND_NOT_FOUND}; 403 {@code DEVICE_ACCESS_DENIED}; 503 {@code
     *     DATABASE_UNAVAILABLE}
     */
    public CommandRecord get(ApiUser user, String commandId) {
        Optional<CommandRecord> row;
        try {
            row = ID.matcher(commandId).matches() ? repository.find(commandId) : Optional.empty();
        } catch (DataAccessException | CannotGetJdbcConnectionException e) {
            throw ApiException.databaseUnavailable(DB_RETRY_AFTER, e);
        }
        CommandRecord command = row.orElseThrow(() -> notFound(commandId));
        access.requireReadable(user, command.deviceId());
        return command;
    }

    /**
     * Turns a row into the API's view.
     *
     * @param command the row
     * @return the response
     */
    public CommandResponse toResponse(CommandRecord command) {
        return new CommandResponse(
                command.commandId(),
                command.deviceId(),
                command.ownerMsp(),
                command.commandType(),
                parse(command.parametersJson()),
                command.parametersSha256(),
                command.state(),
                command.issuedBy(),
                command.grantId(),
                command.createdAt(),
                command.issuedAt(),
                command.expiresAt(),
                command.issueTxId(),
                command.deliveredAt(),
                command.deliverTxId(),
                command.deliveryCount(),
                command.completedAt(),
                command.completeTxId(),
                command.resultSha256(),
                command.receiptSignature(),
                command.resultJson() == null ? null : parse(command.resultJson()),
                command.ruleId());
    }

    /**
     * Parses stored canonical JSON.
     *
     * @param text canonical JSON written by the gateway
     * @return the value
     */
    JsonNode parse(String text) {
        try {
            return json.readValue(text, JsonNode.class);
        } catch (IOException e) {
            throw new IllegalStateException("stored JSON is unreadable", e);
        }
    }

    private CommandRecord submit(ApiUser user, CommandRecord row) {
        try {
            CommandLedger.Written written = ledger.issue(
                    identities.identityOf(user),
                    row.commandId(),
                    row.deviceId(),
                    row.commandType(),
                    row.parametersSha256(),
                    row.expiresAt());
            return recordIssued(row, written.command(), written.transactionId());
        } catch (LedgerException e) {
            if (e.code() == ErrorCode.COMMAND_EXISTS) {
                return adoptOrRefuse(user, row);
            }
            if (e.kind() != LedgerException.Kind.UNKNOWN_OUTCOME) {
                repository.deleteIssuing(row.commandId());
            }
            throw LedgerExceptionHandler.toApiException(e);
        }
    }

    /** Continues a command whose IssueCommand outcome was unknown: adopt it from the ledger, or submit again. */
    private CommandRecord resume(ApiUser user, CommandRecord row) {
        Optional<LedgerCommand> onChain;
        try {
            onChain = ledger.get(row.commandId());
        } catch (LedgerException e) {
            throw LedgerExceptionHandler.toApiException(e);
        }
        if (onChain.isPresent()) {
            return adopt(user, row, onChain.get());
        }
        return submit(user, row);
    }

    private CommandRecord adoptOrRefuse(ApiUser user, CommandRecord row) {
        Optional<LedgerCommand> onChain;
        try {
            onChain = ledger.get(row.commandId());
        } catch (LedgerException e) {
            throw LedgerExceptionHandler.toApiException(e);
        }
        if (onChain.isEmpty()) {
            repository.deleteIssuing(row.commandId());
            throw exists(row.commandId());
        }
        return adopt(user, row, onChain.get());
    }

    private CommandRecord adopt(ApiUser user, CommandRecord row, LedgerCommand onChain) {
        boolean same = onChain.deviceId().equals(row.deviceId())
                && onChain.commandType().equals(row.commandType())
                && onChain.parametersSha256().equals(row.parametersSha256())
                && Objects.equals(onChain.issuedBy(), user.fabricId());
        if (!same) {
            repository.deleteIssuing(row.commandId());
            throw exists(row.commandId());
        }
        return recordIssued(row, onChain, null);
    }

    private CommandRecord recordIssued(CommandRecord row, LedgerCommand onChain, String transactionId) {
        return events.recordIssued(repository, row, onChain, transactionId)
                .orElseThrow(() -> notFound(row.commandId()));
    }

    private IssueCommandRequest validate(IssueCommandRequest request) {
        if (request == null) {
            throw ApiException.invalid("body", "A JSON body is required");
        }
        if (request.expiresIn() != null && request.expiresAt() != null) {
            throw ApiException.invalid("body.expiresAt", "Give expiresIn or expiresAt, not both");
        }
        JsonNode parameters = request.parameters() == null ? JsonNode.createObjectNode(Map.of()) : request.parameters();
        return new IssueCommandRequest(
                request.commandId(),
                request.deviceId(),
                request.commandType(),
                parameters,
                request.expiresIn(),
                request.expiresAt());
    }

    private long expiresAt(IssueCommandRequest request, long now) {
        Duration max = configuration.maxExpiry();
        if (request.expiresIn() != null) {
            if (request.expiresIn() < 1 || request.expiresIn() > max.toSeconds()) {
                throw ApiException.invalid("body.expiresIn", "expiresIn must be 1 to " + max.toSeconds() + " seconds");
            }
            return now + request.expiresIn() * 1000;
        }
        if (request.expiresAt() != null) {
            if (request.expiresAt() <= now || request.expiresAt() > now + max.toMillis()) {
                throw ApiException.invalid(
                        "body.expiresAt", "expiresAt must be in the future and at most " + max.toHours() + " h ahead");
            }
            return request.expiresAt();
        }
        return now + configuration.defaultExpiry().toMillis();
    }

    private static String expirySpec(IssueCommandRequest request) {
        if (request.expiresIn() != null) {
            return "in=" + request.expiresIn();
        }
        return request.expiresAt() != null ? "at=" + request.expiresAt() : "default";
    }

    /**
     * Writes a JSON value canonically within a size limit.
     *
     * @param value the value
     * @param maxBytes the largest canonical UTF-8 size
     * @param field the field name for the message
     * @return the canonical text
     * @throws ApiException 400 {@code INVALID_ARGUMENT} when too deep, too large or holding a number out of range
     */
    static String canonical(JsonNode value, int maxBytes, String field) {
        String text;
        try {
            text = CanonicalJson.write(JsonTrees.plain(value));
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(field, field + ": " + e.getMessage());
        }
        if (text.length() > maxBytes || text.getBytes(StandardCharsets.UTF_8).length > maxBytes) {
            throw ApiException.invalid(field, field + " is larger than " + maxBytes + " bytes");
        }
        return text;
    }

    static ApiException notFound(String commandId) {
        return new ApiException(ErrorCode.COMMAND_NOT_FOUND, "No command " + commandId);
    }

    static ApiException exists(String commandId) {
        return new ApiException(
                ErrorCode.COMMAND_EXISTS, "A different command with ID " + commandId + " exists; choose a new ID");
    }

    /**
     * The outcome of {@link #issue}.
     *
     * @param command the command
     * @param created true when this request created it (201), false for an identical retry (200)
     */
    public record Issued(CommandRecord command, boolean created) {}
}
