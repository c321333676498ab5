package org.biotdm.gateway.command;

/**
 * One row of the {@code commands} table: the gateway's mirror of a ledger command plus what the ledger only holds as
 * hashes. Times are epoch milliseconds UTC; absent values are null.
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
 */
public record CommandRecord(
        String commandId,
        String deviceId,
        String ownerMsp,
        String commandType,
        String parametersJson,
        String parametersSha256,
        String requestSha256,
        CommandState state,
        long issuedByUserId,
        String issuedBy,
        String issuerFabricId,
        String grantId,
        long createdAt,
        Long issuedAt,
        long expiresAt,
        String issueTxId,
        Long deliveredAt,
        String deliverTxId,
        int deliveryCount,
        Long completedAt,
        String completeTxId,
        String resultSha256,
        String resultJson,
        String receiptSignature) {}
