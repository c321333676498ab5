package org.biotdm.gateway.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.biotdm.gateway.ledger.LedgerClient;
import org.biotdm.gateway.ledger.LedgerException;
import org.biotdm.gateway.ledger.LedgerJson;

/**
 * Typed reads of the chaincode's {@code audit:AuditTrail}, {@code anchors:ListAnchors} and {@code
 * commands:GetCommand}, evaluated with the gateway's identity.
 */
@Singleton
public class AuditLedger {
    private static final Argument<List<LedgerAuditEntry>> ENTRIES = Argument.listOf(LedgerAuditEntry.class);
    private static final Argument<Map<String, Object>> RECORD = Argument.mapOf(String.class, Object.class);

    private final LedgerClient client;
    private final ObjectMapper json;

    /**
     * Creates the wrapper.
     *
     * @param client the ledger client
     * @param json the JSON mapper
     */
    public AuditLedger(LedgerClient client, ObjectMapper json) {
        this.client = client;
        this.json = json;
    }

    /**
     * Evaluates {@code AuditTrail(entity, id)}.
     *
     * @param entity {@code device}, {@code grant}, {@code command}, {@code anchor} or {@code firmware}
     * @param id the entity's ID
     * @return the history, newest first
     * @throws LedgerException {@code DEVICE_NOT_FOUND}, {@code GRANT_NOT_FOUND}, {@code COMMAND_NOT_FOUND}, {@code
     *     INVALID_ARGUMENT}, or a ledger failure
     */
    public List<LedgerAuditEntry> auditTrail(String entity, String id) throws LedgerException {
        return read(client.evaluate(client.gatewayIdentity(), "audit", "AuditTrail", entity, id), ENTRIES);
    }

    /**
     * Evaluates {@code GetCommand}.
     *
     * @param commandId the command ID
     * @return the command record as JSON properties
     * @throws LedgerException {@code COMMAND_NOT_FOUND}, {@code INVALID_ARGUMENT}, or a ledger failure
     */
    public Map<String, Object> getCommand(String commandId) throws LedgerException {
        return read(client.evaluate(client.gatewayIdentity(), "commands", "GetCommand", commandId), RECORD);
    }

    /**
     * Evaluates {@code ListAnchors}: anchors whose window starts in {@code [from, to)}, by start time.
     *
     * @param query the range and page
     * @return the page
     * @throws LedgerException {@code INVALID_ARGUMENT}, or a ledger failure
     */
    public AnchorPage listAnchors(AnchorQuery query) throws LedgerException {
        String argument;
        try {
            argument = json.writeValueAsString(query);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return read(
                client.evaluate(client.gatewayIdentity(), "anchors", "ListAnchors", argument),
                Argument.of(AnchorPage.class));
    }

    private <T> T read(byte[] payload, Argument<T> type) throws LedgerException {
        return LedgerJson.read(json, payload, type);
    }

    /**
     * The argument of {@code ListAnchors}.
     *
     * @param from the earliest window start, epoch milliseconds (inclusive)
     * @param to the latest window start, epoch milliseconds (exclusive)
     * @param pageSize 1–200, or null for 50
     * @param bookmark the previous page's bookmark, or null
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AnchorQuery(long from, long to, @Nullable Integer pageSize, @Nullable String bookmark) {}

    /**
     * One page of anchors, each as the chaincode returns it ({@code windowId}, {@code startTime}, {@code endTime},
     * {@code merkleRoot}, {@code leafCount}, {@code hashScheme}, writer and time).
     *
     * @param bookmark where the next page starts, empty on the last page
     * @param fetchedCount how many records the page holds
     * @param records the anchors
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record AnchorPage(@Nullable String bookmark, int fetchedCount, @Nullable List<Map<String, Object>> records) {
        /**
         * Normalises absent values.
         *
         * @param bookmark the bookmark
         * @param fetchedCount the count
         * @param records the records
         */
        public AnchorPage {
            bookmark = bookmark == null ? "" : bookmark;
            records = records == null ? List.of() : List.copyOf(records);
        }
    }
}
