package org.biotdm.gateway.command;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.annotation.Serdeable;

/**
 * A command as the API shows it to people. Times are epoch milliseconds UTC; absent values are left out.
 *
 * @param commandId the command ID
 * @param deviceId the target device
 * @param ownerMsp the device owner's MSP ID
 * @param commandType the command type
 * @param parameters the parameters object
 * @param parametersSha256 SHA-256 of the canonical parameters, as on the ledger
 * @param state ISSUED, DELIVERED, SUCCEEDED, FAILED, REJECTED or EXPIRED (ISSUING while IssueCommand's outcome is
 *     unknown)
 * @param issuedBy the issuing operator's login name
 * @param grantId the grant that authorised it
 * @param createdAt when the gateway accepted the request
 * @param issuedAt the IssueCommand transaction time
 * @param expiresAt the expiry
 * @param issueTransactionId the IssueCommand transaction
 * @param deliveredAt the first delivery's transaction time
 * @param deliveryTransactionId the MarkCommandDelivered transaction
 * @param deliveryCount how many polls handed it out
 * @param completedAt the CompleteCommand transaction time, or when it expired
 * @param completeTransactionId the CompleteCommand transaction
 * @param resultSha256 the receipt's result hash
 * @param receiptSignature the device's ECDSA P-256 signature over its receipt
 *     (protocol/receipt-v1.md): base64 of DER {@code ECDSA-Sig-Value} or raw 64-byte r‖s, as the device sent it and
 *     the chaincode checked it before CompleteCommand;
 *     absent until the device sent a receipt
 * @param result the result the device sent, when it sent one
 * @param ruleId the automation rule that issued it instead of a grant, when one did
 */
@Serdeable
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CommandResponse(
        String commandId,
        String deviceId,
        String ownerMsp,
        String commandType,
        JsonNode parameters,
        String parametersSha256,
        CommandState state,
        String issuedBy,
        @Nullable String grantId,
        long createdAt,
        @Nullable Long issuedAt,
        long expiresAt,
        @Nullable String issueTransactionId,
        @Nullable Long deliveredAt,
        @Nullable String deliveryTransactionId,
        int deliveryCount,
        @Nullable Long completedAt,
        @Nullable String completeTransactionId,
        @Nullable String resultSha256,
        @Nullable String receiptSignature,
        @Nullable JsonNode result,
        @Nullable String ruleId) {}
