package org.biotdm.chaincode.it;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.gson.JsonObject;

/**
 * The canonical command receipt a device signs, written from chaincode-java/README.md ("Canonical command
 * receipt") rather than from the chaincode's code, so the test checks the documented format.
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

    /** Returns the seven lines, each ended by one line feed, as UTF-8. */
    byte[] bytes() {
        String text = "biotdm-receipt-v1\n"
                + "commandId=" + commandId + "\n"
                + "deviceId=" + deviceId + "\n"
                + "commandType=" + commandType + "\n"
                + "parametersSha256=" + parametersSha256 + "\n"
                + "status=" + status + "\n"
                + "resultSha256=" + resultSha256 + "\n";
        return text.getBytes(UTF_8);
    }
}
