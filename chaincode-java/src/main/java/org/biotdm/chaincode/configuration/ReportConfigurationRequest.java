package org.biotdm.chaincode.configuration;

import com.owlike.genson.annotation.JsonProperty;
import java.util.regex.Pattern;
import org.biotdm.chaincode.command.CommandStatus;
import org.biotdm.chaincode.command.CompleteCommandRequest;
import org.biotdm.chaincode.support.Check;

/**
 * Reads the ReportConfiguration argument:
 * {@code {"commandId","status","resultSha256","signature","code"?}} — CompleteCommand's receipt of a
 * {@code configuration} command, plus the refusal code the device gave in its result when it did not apply the
 * configuration ({@code [A-Z][A-Z0-9_]{0,63}}, only with {@code FAILED} or {@code REJECTED}).
 */
public final class ReportConfigurationRequest {
    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");

    private final String commandId;
    private final CompleteCommandRequest receipt;
    private final CommandStatus status;
    private final String code;

    /**
     * Creates the request; Genson calls this constructor.
     *
     * @param commandId the completed {@code configuration} command
     * @param status the outcome the device reports
     * @param resultSha256 the receipt's result hash: on success SHA-256 of the canonical applied configuration
     * @param signature the device's receipt signature, base64 (DER or raw {@code r||s})
     * @param code the device's refusal code, or {@code null}
     */
    public ReportConfigurationRequest(
            @JsonProperty("commandId") final String commandId,
            @JsonProperty("status") final CommandStatus status,
            @JsonProperty("resultSha256") final String resultSha256,
            @JsonProperty("signature") final String signature,
            @JsonProperty("code") final String code) {
        this.commandId = commandId;
        this.receipt = new CompleteCommandRequest(commandId, status, resultSha256, signature);
        this.status = status;
        this.code = code;
    }

    /**
     * Validates the request.
     *
     * @return this request
     * @throws org.hyperledger.fabric.shim.ChaincodeException {@code INVALID_ARGUMENT}
     */
    public ReportConfigurationRequest validate() {
        receipt.validate();
        if (code != null
                && (status == CommandStatus.SUCCEEDED || !CODE.matcher(code).matches())) {
            throw Check.invalid("code", "is only for FAILED or REJECTED and must match " + CODE.pattern());
        }
        return this;
    }

    String commandId() {
        return commandId;
    }

    CompleteCommandRequest receipt() {
        return receipt;
    }

    String code() {
        return code;
    }
}
