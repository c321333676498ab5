package org.biotdm.device.sdk;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * The canonical command receipt, version {@value #VERSION}, which the device signs and the chaincode verifies
 * against its registered key: the UTF-8 bytes of exactly these seven lines, each ended by one line feed (source:
 * {@code chaincode-java/README.md}, "Canonical command receipt"):
 *
 * <pre>
 * biotdm-receipt-v1
 * commandId=&lt;commandId&gt;
 * deviceId=&lt;deviceId&gt;
 * commandType=&lt;commandType&gt;
 * parametersSha256=&lt;64 lower-case hex&gt;
 * status=&lt;SUCCEEDED|FAILED|REJECTED&gt;
 * resultSha256=&lt;64 lower-case hex&gt;
 * </pre>
 */
public final class CommandReceipt {
    /** The first line, naming the encoding's version. */
    public static final String VERSION = "biotdm-receipt-v1";

    private CommandReceipt() {}

    /**
     * Encodes a receipt.
     *
     * @param deviceId the device ID
     * @param command the delivered command
     * @param status how it ended
     * @param resultSha256 the SHA-256 of the result, 64 lowercase hex
     * @return the bytes to sign
     */
    public static byte[] encode(String deviceId, DeviceCommand command, ReceiptStatus status, String resultSha256) {
        String text = VERSION + "\n"
                + "commandId=" + command.commandId() + "\n"
                + "deviceId=" + deviceId + "\n"
                + "commandType=" + command.commandType() + "\n"
                + "parametersSha256=" + command.parametersSha256() + "\n"
                + "status=" + status.name() + "\n"
                + "resultSha256=" + resultSha256 + "\n";
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Returns the lowercase hex SHA-256 of some bytes, as receipts and the ledger write hashes.
     *
     * @param bytes the input, for example a command's result
     * @return 64 hex digits
     */
    public static String sha256Hex(byte[] bytes) {
        return HexFormat.of().formatHex(DeviceKeys.sha256(bytes));
    }
}
