package org.biotdm.gateway.audit;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * One transaction of a block, decoded from its envelope.
 *
 * @param txId the transaction ID (channel header)
 * @param type the header type, for example {@code ENDORSER_TRANSACTION} or {@code CONFIG}
 * @param creatorMsp the MSP ID of the identity that created the transaction (signature header)
 * @param chaincode the invoked chaincode, or null for non-endorser transactions
 * @param function the invoked function as the client named it, for example {@code devices:RegisterDevice}, or null
 * @param validationCode the committing peer's validation code, for example {@code VALID} or {@code
 *     MVCC_READ_CONFLICT}, or null when unknown
 * @param timestamp the channel header's timestamp (set by the client), epoch milliseconds UTC
 */
@Serdeable
public record TransactionSummary(
        @Nullable String txId,
        String type,
        @Nullable String creatorMsp,
        @Nullable String chaincode,
        @Nullable String function,
        @Nullable String validationCode,
        long timestamp) {}
