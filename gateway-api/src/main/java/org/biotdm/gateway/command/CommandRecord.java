package org.biotdm.gateway.command;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.MappedProperty;
import org.biotdm.protocol.json.CanonicalJson;

/**
 * One row of the {@code commands} table: the gateway's mirror of a ledger command plus what the ledger only holds as
 * hashes. Times are epoch milliseconds UTC; absent values are null. Mapped by Micronaut Data ({@link
 * CommandRepository}); the table's {@code updated_at} is the database's own and not mapped.
 *
 * @param commandId the client-chosen command ID
 * @param deviceId the target device
 * @param ownerMsp the device owner's MSP ID
 * @param commandType the command type
 * @param parametersJson the canonical JSON text of the parameters object ({@link org.biotdm.protocol.json.CanonicalJson})
 * @param parametersSha256 SHA-256 of {@code parametersJson}'s UTF-8 bytes
 * @param requestSha256 SHA-256 of what an idempotent retry must repeat (device, type, parameters, expiry as asked)
 * @param state the state
 * @param issuedByUserId the issuing operator's user ID
 * @param issuedBy the issuing operator's login name
 * @param issuerFabricId the issuing operator's Fabric ID
 * @param grantId the grant the chaincode found, or null before the commit
 * @param createdAt when the gateway accepted the request
 * @param issuedAt the IssueCommand transaction time, or null before the commit
 * @param expiresAt the expiry
 * @param issueTxId the IssueCommand transaction, or null
 * @param deliveredAt the first MarkCommandDelivered transaction time, or null
 * @param deliverTxId the MarkCommandDelivered transaction, or null
 * @param deliveryCount how many polls handed the command out
 * @param completedAt the CompleteCommand transaction time, or when it was marked EXPIRED, or null
 * @param completeTxId the CompleteCommand transaction, or null
 * @param resultSha256 the receipt's result hash, or null
 * @param resultJson the canonical result the device sent, or null
 * @param receiptSignature the device's receipt signature, base64, or null
 * @param ruleId the automation rule that authorised the command instead of a grant, or null (migration V80)
 */
@MappedEntity("commands")
public record CommandRecord(
        @Id String commandId,
        String deviceId,
        String ownerMsp,
        String commandType,
        String parametersJson,
        @MappedProperty("parameters_sha256") String parametersSha256,
        @MappedProperty("request_sha256") String requestSha256,
        CommandState state,
        long issuedByUserId,
        String issuedBy,
        String issuerFabricId,
        @Nullable String grantId,
        long createdAt,
        @Nullable Long issuedAt,
        long expiresAt,
        @Nullable String issueTxId,
        @Nullable Long deliveredAt,
        @Nullable String deliverTxId,
        int deliveryCount,
        @Nullable Long completedAt,
        @Nullable String completeTxId,
        @Nullable @MappedProperty("result_sha256") String resultSha256,
        @Nullable String resultJson,
        @Nullable String receiptSignature,
        @Nullable String ruleId) {

    /**
     * A command the gateway has accepted and is about to submit ({@link CommandState#ISSUING}): no ledger transaction,
     * delivery or receipt yet.
     *
     * @param commandId the command ID
     * @param deviceId the target device
     * @param ownerMsp the device owner's MSP ID
     * @param commandType the command type
     * @param parametersJson the canonical JSON text of the parameters; its SHA-256 is computed here
     * @param requestSha256 SHA-256 of what an idempotent retry must repeat
     * @param issuedByUserId the issuing user's ID (0 for the automation identity)
     * @param issuedBy the issuer's login or display name
     * @param issuerFabricId the issuer's Fabric ID
     * @param createdAt when the gateway accepted the request, epoch ms
     * @param expiresAt the expiry, epoch ms
     * @param ruleId the automation rule that authorises it instead of a grant, or null
     * @return the row, ready for {@link CommandRepository#insertIssuing}
     */
    public static CommandRecord issuing(
            String commandId,
            String deviceId,
            String ownerMsp,
            String commandType,
            String parametersJson,
            String requestSha256,
            long issuedByUserId,
            String issuedBy,
            String issuerFabricId,
            long createdAt,
            long expiresAt,
            @Nullable String ruleId) {
        return new CommandRecord(
                commandId,
                deviceId,
                ownerMsp,
                commandType,
                parametersJson,
                CanonicalJson.sha256Hex(parametersJson),
                requestSha256,
                CommandState.ISSUING,
                issuedByUserId,
                issuedBy,
                issuerFabricId,
                null,
                createdAt,
                null,
                expiresAt,
                null,
                null,
                null,
                0,
                null,
                null,
                null,
                null,
                null,
                ruleId);
    }
}
