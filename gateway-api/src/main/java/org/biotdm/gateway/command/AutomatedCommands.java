package org.biotdm.gateway.command;

import io.micronaut.json.tree.JsonNode;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.biotdm.gateway.error.ApiException;
import org.biotdm.gateway.ledger.LedgerException;
import org.biotdm.gateway.ledger.LedgerIdentity;
import org.biotdm.protocol.json.CanonicalJson;

/**
 * Issues the commands automation rules authorise, into the same {@code commands} table and delivery path as an
 * operator's: the row is inserted {@code ISSUING} (issuer {@value #ISSUER}, user ID 0, the rule in {@code rule_id}),
 * IssueCommand is submitted as the organisation's automation identity naming the rule and its trigger, and the
 * committed record makes it {@code ISSUED}. A refused transaction removes the row; an unknown outcome leaves it
 * {@code ISSUING} for the expiry sweep.
 */
@Singleton
public class AutomatedCommands {
    /** The {@code issued_by} of a rule's command. */
    public static final String ISSUER = "automation";

    private final CommandsConfiguration configuration;
    private final CommandRepository repository;
    private final CommandLedger ledger;
    private final CommandEvents events;
    private final SecureRandom random = new SecureRandom();

    /**
     * Creates the issuer.
     *
     * @param configuration the command settings (default expiry)
     * @param repository the {@code commands} table
     * @param ledger the commands contract
     * @param events announces state changes
     */
    public AutomatedCommands(
            CommandsConfiguration configuration,
            CommandRepository repository,
            CommandLedger ledger,
            CommandEvents events) {
        this.configuration = configuration;
        this.repository = repository;
        this.ledger = ledger;
        this.events = events;
    }

    /**
     * Writes a rule action's parameters as canonical JSON (protocol/json-v1.md) within a size limit.
     *
     * @param parameters the parameters object
     * @param maxBytes the largest canonical UTF-8 size
     * @param field the request field, for messages
     * @return the canonical text
     * @throws ApiException 400 {@code INVALID_ARGUMENT} when not an object, too deep, too
     *     large or holding a number out of range
     */
    public static String canonicalParameters(JsonNode parameters, int maxBytes, String field) {
        if (!parameters.isObject()) {
            throw ApiException.invalid(field, field + " must be a JSON object");
        }
        return CommandService.canonical(parameters, maxBytes, field);
    }

    /**
     * Issues one command a rule authorises and waits for its commit.
     *
     * @param automation the owner's automation identity
     * @param deviceId the target device
     * @param ownerMsp the device's owner
     * @param commandType the rule's command type
     * @param parametersJson the rule's canonical parameters text
     * @param trigger the rule and the triggering window and readings
     * @return the committed row and the IssueCommand transaction
     * @throws LedgerException when the chaincode refuses ({@code RULE_DISABLED}, {@code RULE_NOT_COVERING}, …) or the
     *     ledger fails; the row is removed unless the outcome is unknown
     */
    public Issued issue(
            LedgerIdentity automation,
            String deviceId,
            String ownerMsp,
            String commandType,
            String parametersJson,
            LedgerCommand.RuleTrigger trigger)
            throws LedgerException {
        CommandRecord row = row(automation, deviceId, ownerMsp, commandType, parametersJson, trigger.ruleId());
        repository.insertIssuing(row);
        CommandLedger.Written written;
        try {
            written = ledger.issueByRule(automation, row, trigger);
        } catch (LedgerException e) {
            if (e.kind() != LedgerException.Kind.UNKNOWN_OUTCOME) {
                repository.deleteIssuing(row.commandId());
            }
            throw e;
        }
        CommandRecord now = events.recordIssued(repository, row, written.command(), written.transactionId())
                .orElse(row);
        return new Issued(now, written.transactionId());
    }

    private CommandRecord row(
            LedgerIdentity automation,
            String deviceId,
            String ownerMsp,
            String commandType,
            String parametersJson,
            String ruleId) {
        long now = System.currentTimeMillis();
        byte[] id = new byte[12];
        random.nextBytes(id);
        String commandId = "auto-" + HexFormat.of().formatHex(id);
        return CommandRecord.issuing(
                commandId,
                deviceId,
                ownerMsp,
                commandType,
                parametersJson,
                CanonicalJson.sha256Hex(commandId),
                0,
                ISSUER,
                automation.displayName(),
                now,
                now + configuration.defaultExpiry().toMillis(),
                ruleId);
    }

    /**
     * A rule's committed command.
     *
     * @param command the row, ISSUED
     * @param transactionId the IssueCommand transaction
     */
    public record Issued(CommandRecord command, String transactionId) {}
}
