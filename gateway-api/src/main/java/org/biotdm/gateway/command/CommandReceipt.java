package org.biotdm.gateway.command;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import org.biotdm.gateway.telemetry.TelemetrySignature;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;

/**
 * The canonical command receipt {@code biotdm-receipt-v1} a device signs with its registered P-256 key when it
 * completes a command (chaincode-java/README.md, "Canonical command receipt"): seven lines, each ended by one line
 * feed, no other whitespace. The chaincode verifies the same text against the device's current key in
 * CompleteCommand; the gateway checks it first so a forged receipt never reaches the ledger.
 *
 * @param commandId the command ID
 * @param deviceId the device ID
 * @param commandType the command type recorded at IssueCommand
 * @param parametersSha256 the parameters hash recorded at IssueCommand, 64 lower-case hex digits
 * @param status {@code SUCCEEDED}, {@code FAILED} or {@code REJECTED}
 * @param resultSha256 the result hash, 64 lower-case hex digits
 */
public record CommandReceipt(
        String commandId,
        String deviceId,
        String commandType,
        String parametersSha256,
        CommandState status,
        String resultSha256) {

    /**
     * Returns the text the device signs.
     *
     * @return the seven lines of {@code biotdm-receipt-v1}
     */
    public String canonicalText() {
        return "biotdm-receipt-v1\n"
                + "commandId=" + commandId + "\n"
                + "deviceId=" + deviceId + "\n"
                + "commandType=" + commandType + "\n"
                + "parametersSha256=" + parametersSha256 + "\n"
                + "status=" + status.name() + "\n"
                + "resultSha256=" + resultSha256 + "\n";
    }

    /**
     * Checks the device's signature over the canonical text with BouncyCastle's low-level ECDSA.
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
        return TelemetrySignature.verify(deviceKey, digest(), signature);
    }

    private byte[] digest() {
        try {
            return MessageDigest.getInstance("SHA-256").digest(canonicalText().getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }
}
