package org.biotdm.chaincode.command;

import com.owlike.genson.annotation.JsonProperty;
import org.biotdm.chaincode.support.Check;

/**
 * Reads the CompleteCommand argument:
 * {@code {"commandId","status":"SUCCEEDED|FAILED|REJECTED","resultSha256","signature"}}, where {@code signature}
 * is the device's base64 ECDSA signature over the {@link CanonicalReceipt}.
 */
public final class CompleteCommandRequest {
    private static final int MAX_SIGNATURE_BASE64 = 256;

    private final String commandId;
    private final CommandStatus status;
    private final String resultSha256;
    private final String signature;

    /**
     * Creates the request; Genson calls this constructor.
     *
     * @param commandId the completed command
     * @param status the outcome the device reports
     * @param resultSha256 SHA-256 of the device's result, lower-case hex
     * @param signature the device's receipt signature, base64 (DER or raw {@code r||s})
     */
    public CompleteCommandRequest(
            @JsonProperty("commandId") final String commandId,
            @JsonProperty("status") final CommandStatus status,
            @JsonProperty("resultSha256") final String resultSha256,
            @JsonProperty("signature") final String signature) {
        this.commandId = commandId;
        this.status = status;
        this.resultSha256 = resultSha256;
        this.signature = signature;
    }

    /**
     * Validates the request.
     *
     * @return this request
     * @throws org.hyperledger.fabric.shim.ChaincodeException {@code INVALID_ARGUMENT}
     */
    public CompleteCommandRequest validate() {
        Check.id("commandId", commandId);
        Check.required("status", status);
        if (!status.isCompleted()) {
            throw Check.invalid("status", "must be SUCCEEDED, FAILED or REJECTED");
        }
        Check.sha256("resultSha256", resultSha256);
        signatureBytes();
        return this;
    }

    String commandId() {
        return commandId;
    }

    CommandStatus status() {
        return status;
    }

    String resultSha256() {
        return resultSha256;
    }

    String signature() {
        return signature;
    }

    byte[] signatureBytes() {
        return Check.base64("signature", signature, MAX_SIGNATURE_BASE64);
    }
}
