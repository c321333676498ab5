package org.biotdm.chaincode.command;

import static java.nio.charset.StandardCharsets.UTF_8;

/**
 * Builds the canonical receipt a device signs when it completes a command.
 *
 * <p>The receipt is the UTF-8 encoding of exactly these seven lines, in this order, each ended by a single line
 * feed (0x0A), with no other whitespace:
 *
 * <pre>
 * biotdm-receipt-v1
 * commandId=&lt;commandId&gt;
 * deviceId=&lt;deviceId&gt;
 * commandType=&lt;commandType&gt;
 * parametersSha256=&lt;64 lower-case hex digits&gt;
 * status=&lt;SUCCEEDED|FAILED|REJECTED&gt;
 * resultSha256=&lt;64 lower-case hex digits&gt;
 * </pre>
 *
 * <p>Ids contain no line feed or {@code =} (see {@link org.biotdm.chaincode.support.Check#ID_REGEX}), so the text
 * is unambiguous. The device signs it with ECDSA on P-256 over SHA-256 ({@code SHA256withECDSA}) using the key
 * registered for it; the signature is sent base64-encoded, either ASN.1 DER or raw 64-byte {@code r||s}.
 */
public final class CanonicalReceipt {
    /** First line of every receipt; a new format gets a new version line. */
    public static final String VERSION_LINE = "biotdm-receipt-v1";

    private CanonicalReceipt() {}

    /**
     * Builds the receipt text for a command and its outcome.
     *
     * @param command the command as recorded
     * @param status the reported outcome
     * @param resultSha256 the reported result hash
     * @return the receipt text
     */
    public static String text(final Command command, final CommandStatus status, final String resultSha256) {
        return VERSION_LINE + '\n'
                + "commandId=" + command.getCommandId() + '\n'
                + "deviceId=" + command.getDeviceId() + '\n'
                + "commandType=" + command.getCommandType() + '\n'
                + "parametersSha256=" + command.getParametersSha256() + '\n'
                + "status=" + status.name() + '\n'
                + "resultSha256=" + resultSha256 + '\n';
    }

    /**
     * Builds the receipt bytes the device signs.
     *
     * @param command the command as recorded
     * @param status the reported outcome
     * @param resultSha256 the reported result hash
     * @return the UTF-8 receipt
     */
    public static byte[] bytes(final Command command, final CommandStatus status, final String resultSha256) {
        return text(command, status, resultSha256).getBytes(UTF_8);
    }
}
