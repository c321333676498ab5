package org.biotdm.gateway.command;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import org.biotdm.gateway.error.ErrorCode;
import org.biotdm.gateway.ledger.LedgerClient;
import org.biotdm.gateway.ledger.LedgerException;
import org.biotdm.gateway.ledger.LedgerIdentity;
import org.biotdm.gateway.ledger.LedgerResult;

/**
 * Typed access to the chaincode's {@code commands} contract (chaincode-java/README.md). IssueCommand is signed by the
 * operator's own identity, so the chaincode checks that person's grant; delivery and completion are the gateway's
 * own transactions. Every method blocks; every write waits for the commit.
 */
@Singleton
public class CommandLedger {
    /** The contract name in the BIoT-DM chaincode. */
    public static final String CONTRACT = "commands";

    private final LedgerClient client;
    private final ObjectMapper json;

    /**
     * Creates the wrapper.
     *
     * @param client the ledger client
     * @param json the JSON mapper
     */
    public CommandLedger(LedgerClient client, ObjectMapper json) {
        this.client = client;
        this.json = json;
    }

    /**
     * Submits {@code IssueCommand} as the operator.
     *
     * @param operator the operator's own identity ({@code biotdm.role=operator})
     * @param commandId the client-chosen command ID
     * @param deviceId the target device
     * @param commandType the command type
     * @param parametersSha256 SHA-256 of the canonical parameters
     * @param expiresAt expiry, epoch ms, at most 24 h after the transaction time
     * @return the committed record (ISSUED) and the transaction
     * @throws LedgerException {@code COMMAND_EXISTS}, {@code DEVICE_NOT_FOUND}, {@code DEVICE_NOT_ACTIVE}, {@code
     *     GRANT_REQUIRED}, {@code INVALID_ARGUMENT}, {@code ACCESS_DENIED}, or a ledger failure
     */
    public Written issue(
            LedgerIdentity operator,
            String commandId,
            String deviceId,
            String commandType,
            String parametersSha256,
            long expiresAt)
            throws LedgerException {
        return write(
                operator,
                "IssueCommand",
                commandId,
                new IssueArgs(commandId, deviceId, commandType, parametersSha256, expiresAt, null));
    }

    /**
     * Submits {@code IssueCommand} as the organisation's automation identity, authorised by a rule.
     *
     * @param automation the automation identity ({@code biotdm.role=automation}) of the device owner
     * @param row the command row (ID, device, type, parameters hash, expiry)
     * @param trigger the rule and the triggering window and readings
     * @return the committed record (ISSUED, naming the rule) and the transaction
     * @throws LedgerException {@code RULE_NOT_FOUND}, {@code RULE_DISABLED}, {@code RULE_NOT_COVERING}, {@code
     *     GROUP_POLICY_DENIED}, {@code DEVICE_NOT_ACTIVE}, {@code DEVICE_NOT_FOUND}, {@code COMMAND_EXISTS}, {@code
     *     INVALID_ARGUMENT}, {@code ACCESS_DENIED}, or a ledger failure
     */
    public Written issueByRule(LedgerIdentity automation, CommandRecord row, LedgerCommand.RuleTrigger trigger)
            throws LedgerException {
        return write(
                automation,
                "IssueCommand",
                row.commandId(),
                new IssueArgs(
                        row.commandId(),
                        row.deviceId(),
                        row.commandType(),
                        row.parametersSha256(),
                        row.expiresAt(),
                        trigger));
    }

    /**
     * Submits {@code MarkCommandDelivered} as the gateway.
     *
     * @param commandId the command ID
     * @return the record (DELIVERED) and the transaction
     * @throws LedgerException {@code COMMAND_NOT_FOUND}, {@code COMMAND_ALREADY_COMPLETED}, {@code COMMAND_EXPIRED},
     *     {@code COMMAND_INVALID_STATE}, {@code ACCESS_DENIED}, or a ledger failure
     */
    public Written markDelivered(String commandId) throws LedgerException {
        return write(client.gatewayIdentity(), "MarkCommandDelivered", commandId, new DeliveredArgs(commandId));
    }

    /**
     * Submits {@code CompleteCommand} as the gateway with the device's signed receipt.
     *
     * @param commandId the command ID
     * @param status {@code SUCCEEDED}, {@code FAILED} or {@code REJECTED}
     * @param resultSha256 the result hash the device signed
     * @param signature the device's signature, base64
     * @return the completed record and the transaction
     * @throws LedgerException {@code COMMAND_NOT_FOUND}, {@code COMMAND_ALREADY_COMPLETED}, {@code COMMAND_EXPIRED},
     *     {@code DEVICE_NOT_FOUND}, {@code DEVICE_NOT_CLAIMED}, {@code RECEIPT_SIGNATURE_INVALID}, {@code
     *     INVALID_ARGUMENT}, {@code ACCESS_DENIED}, or a ledger failure
     */
    public Written complete(String commandId, CommandState status, String resultSha256, String signature)
            throws LedgerException {
        return write(
                client.gatewayIdentity(),
                "CompleteCommand",
                commandId,
                new CompleteArgs(commandId, status.name(), resultSha256, signature));
    }

    /**
     * Evaluates {@code GetCommand} as the gateway.
     *
     * @param commandId the command ID
     * @return the record, or empty on {@code COMMAND_NOT_FOUND}
     * @throws LedgerException {@code INVALID_ARGUMENT}, or a ledger failure
     */
    public Optional<LedgerCommand> get(String commandId) throws LedgerException {
        try {
            return Optional.of(read(client.evaluate(client.gatewayIdentity(), CONTRACT, "GetCommand", commandId)));
        } catch (LedgerException e) {
            if (e.code() == ErrorCode.COMMAND_NOT_FOUND) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private Written write(LedgerIdentity identity, String function, String commandId, Object argument)
            throws LedgerException {
        String text;
        try {
            text = json.writeValueAsString(argument);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LedgerResult result = client.submit(identity, CONTRACT, function, "command:" + commandId, text, Map.of());
        return new Written(read(result.payload()), result.transactionId());
    }

    private LedgerCommand read(byte[] payload) throws LedgerException {
        try {
            return json.readValue(payload, LedgerCommand.class);
        } catch (IOException e) {
            throw new LedgerException(
                    LedgerException.Kind.CONTRACT,
                    ErrorCode.LEDGER_CHAINCODE_ERROR,
                    "The chaincode returned JSON that is not a command: " + e.getMessage(),
                    null,
                    e);
        }
    }

    /**
     * A committed command write.
     *
     * @param command the record the transaction wrote
     * @param transactionId the transaction ID
     */
    public record Written(LedgerCommand command, String transactionId) {}

    /** IssueCommand's argument. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record IssueArgs(
            String commandId,
            String deviceId,
            String commandType,
            String parametersSha256,
            long expiresAt,
            @Nullable LedgerCommand.RuleTrigger rule) {}

    /** MarkCommandDelivered's argument. */
    @Serdeable
    record DeliveredArgs(String commandId) {}

    /** CompleteCommand's argument. */
    @Serdeable
    record CompleteArgs(String commandId, String status, String resultSha256, String signature) {}
}
