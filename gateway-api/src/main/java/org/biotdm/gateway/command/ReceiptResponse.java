package org.biotdm.gateway.command;

import io.micronaut.serde.annotation.Serdeable;

/**
 * The answer to an accepted receipt: the command is complete on the ledger.
 *
 * @param commandId the command ID
 * @param state SUCCEEDED, FAILED or REJECTED
 * @param resultSha256 the result hash recorded
 * @param completedAt the CompleteCommand transaction time, epoch ms
 * @param transactionId the CompleteCommand transaction
 */
@Serdeable
public record ReceiptResponse(
        String commandId, CommandState state, String resultSha256, long completedAt, String transactionId) {}
