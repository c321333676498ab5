package org.biotdm.gateway.audit;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.Map;

/**
 * One entry of a ledger history as {@code GetDeviceHistory} and {@code AuditTrail} return it, newest first.
 *
 * @param txId the transaction that wrote this version
 * @param timestamp the transaction's timestamp, epoch milliseconds UTC
 * @param deleted whether the transaction deleted the key
 * @param actorId the Fabric ID of the writer ({@code updatedBy} of the record)
 * @param actorMsp the writer's MSP ID
 * @param record the record as written, or null for a deletion
 */
@Serdeable
public record LedgerAuditEntry(
        String txId,
        long timestamp,
        boolean deleted,
        @Nullable String actorId,
        @Nullable String actorMsp,
        @Nullable Map<String, Object> record) {}
