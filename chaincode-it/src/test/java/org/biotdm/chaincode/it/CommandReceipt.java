package org.biotdm.chaincode.it;

import com.google.gson.JsonObject;
import org.biotdm.protocol.receipt.ReceiptStatus;

/**
 * The canonical command receipt a device signs, built by the protocol library rather than from the chaincode's
 * code, so the test checks the chaincode against the format every other implementation speaks
 * ({@code protocol/receipt-v1.md}).
 *
 * @param commandId the command id recorded at IssueCommand
 * @param deviceId the device id recorded at IssueCommand
 * @param commandType the command type recorded at IssueCommand
 * @param parametersSha256 the parameters hash recorded at IssueCommand
 * @param status the outcome sent in CompleteCommand
 * @param resultSha256 the result hash sent in CompleteCommand
 */
record CommandReceipt(
        String commandId,
        String deviceId,
        String commandType,
        String parametersSha256,
        String status,
        String resultSha256) {

    /** Builds the receipt of a command record (as returned by IssueCommand or GetCommand) and an outcome. */
    static CommandReceipt of(JsonObject command, String status, String resultSha256) {
        return new CommandReceipt(
                command.get("commandId").getAsString(),
                command.get("deviceId").getAsString(),
                command.get("commandType").getAsString(),
                command.get("parametersSha256").getAsString(),
                status,
                resultSha256);
    }

    /** Returns the bytes the device signs, {@code biotdm-receipt-v1} of the protocol library. */
    byte[] bytes() {
        return new org.biotdm.protocol.receipt.CommandReceipt(
                        commandId, deviceId, commandType, parametersSha256, ReceiptStatus.valueOf(status), resultSha256)
                .bytes();
    }
}
