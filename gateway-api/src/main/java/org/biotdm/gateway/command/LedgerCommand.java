package org.biotdm.gateway.command;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * A command record exactly as the chaincode's {@code commands} contract returns it (IssueCommand,
 * MarkCommandDelivered, CompleteCommand, GetCommand), with its property names.
 *
 * @param commandId the command ID
 * @param deviceId the target device
 * @param ownerMsp the device owner's MSP ID
 * @param commandType the command type
 * @param parametersSha256 SHA-256 of the canonical parameters, 64 lower-case hex digits
 * @param expiresAt expiry, epoch milliseconds
 * @param grantId the grant that authorised it
 * @param status {@code ISSUED}, {@code DELIVERED}, {@code SUCCEEDED}, {@code FAILED} or {@code REJECTED}
 * @param issuedAt the IssueCommand transaction time, epoch milliseconds
 * @param issuedBy the issuing operator's Fabric ID
 * @param issuedByMsp the issuing operator's MSP ID
 * @param deliveredAt the MarkCommandDelivered transaction time, or null
 * @param completedAt the CompleteCommand transaction time, or null
 * @param resultSha256 the result hash from the receipt, or null
 * @param receiptSignature the device's receipt signature (base64), or null
 * @param updatedAt the last write's transaction time, epoch milliseconds
 * @param updatedBy the last writer's Fabric ID
 * @param updatedByMsp the last writer's MSP ID
 * @param rule the automation rule that authorised it and its triggering window and readings, or null
 */
@Serdeable
public record LedgerCommand(
        String commandId,
        String deviceId,
        String ownerMsp,
        String commandType,
        String parametersSha256,
        long expiresAt,
        @Nullable String grantId,
        CommandState status,
        long issuedAt,
        @Nullable String issuedBy,
        @Nullable String issuedByMsp,
        @Nullable Long deliveredAt,
        @Nullable Long completedAt,
        @Nullable String resultSha256,
        @Nullable String receiptSignature,
        long updatedAt,
        @Nullable String updatedBy,
        @Nullable String updatedByMsp,
        @Nullable RuleTrigger rule) {
    /**
     * Why an automation rule issued a command, as IssueCommand takes it and the command record keeps it.
     *
     * @param ruleId the rule
     * @param windowId the anchoring window of the triggering readings ({@code <mspId>-<gatewayId>-<n>}), or null
     * @param readingIds the triggering readings: {@code <batch seq>.<reading index>} of the device's batches, or
     *     {@code alert-<alertId>} for an alert, 1 to 32
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RuleTrigger(String ruleId, @Nullable String windowId, List<String> readingIds) {}
}
