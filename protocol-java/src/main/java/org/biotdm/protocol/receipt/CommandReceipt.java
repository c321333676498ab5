package org.biotdm.protocol.receipt;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import org.biotdm.protocol.signature.EcdsaP256;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;

/**
 * The canonical command receipt {@value #VERSION} ({@code protocol/receipt-v1.md}): the UTF-8 bytes of exactly these
 * seven lines, each ended by one line feed, no other whitespace:
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
 *
 * The device signs it with its registered P-256 key ({@link EcdsaP256}); the gateway checks the signature before it
 * submits CompleteCommand, where the chaincode checks it again.
 *
 * @param commandId the command ID
 * @param deviceId the device ID
 * @param commandType the command type recorded at IssueCommand
 * @param parametersSha256 the parameters hash recorded at IssueCommand, 64 lower-case hex digits
 * @param status how the command ended
 * @param resultSha256 the result hash, 64 lower-case hex digits
 */
public record CommandReceipt(
        String commandId,
        String deviceId,
        String commandType,
        String parametersSha256,
        ReceiptStatus status,
        String resultSha256) {

    /** The first line, naming the encoding's version. */
    public static final String VERSION = "biotdm-receipt-v1";

    private static final HexFormat HEX = HexFormat.of();

    /**
     * Creates a receipt.
     *
     * @throws NullPointerException when a field is null
     */
    public CommandReceipt {
        Objects.requireNonNull(commandId, "commandId");
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(commandType, "commandType");
        Objects.requireNonNull(parametersSha256, "parametersSha256");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(resultSha256, "resultSha256");
    }

    /**
     * Returns the text the device signs.
     *
     * @return the seven lines
     */
    public String canonicalText() {
        return VERSION + "\n"
                + "commandId=" + commandId + "\n"
                + "deviceId=" + deviceId + "\n"
                + "commandType=" + commandType + "\n"
                + "parametersSha256=" + parametersSha256 + "\n"
                + "status=" + status.name() + "\n"
                + "resultSha256=" + resultSha256 + "\n";
    }

    /**
     * Returns the bytes the device signs.
     *
     * @return the UTF-8 encoding of {@link #canonicalText()}
     */
    public byte[] bytes() {
        return canonicalText().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Checks the device's signature over the canonical text.
     *
     * @param deviceKey the device's registered P-256 key
     * @param signatureBase64 standard base64 of the DER or raw 64-byte {@code r||s} signature
     * @return true when the signature is valid; false for bad base64 or a wrong signature (never throws)
     */
    public boolean verify(ECPublicKeyParameters deviceKey, String signatureBase64) {
        byte[] signature;
        try {
            signature = Base64.getDecoder().decode(signatureBase64);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return EcdsaP256.verify(deviceKey, EcdsaP256.sha256(bytes()), signature);
    }

    /**
     * Returns the lower-case hex SHA-256 of some bytes, as receipts carry the hashes of parameters and results.
     *
     * @param bytes the input, for example a command's result
     * @return 64 hex digits
     */
    public static String sha256Hex(byte[] bytes) {
        return HEX.formatHex(EcdsaP256.sha256(bytes));
    }
}
