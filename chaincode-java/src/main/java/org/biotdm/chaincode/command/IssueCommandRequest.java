package org.biotdm.chaincode.command;

import com.owlike.genson.annotation.JsonProperty;
import org.biotdm.chaincode.automation.RuleTrigger;
import org.biotdm.chaincode.support.Check;
import org.biotdm.chaincode.support.Tx;

/**
 * Reads the IssueCommand argument:
 * {@code {"commandId","deviceId","commandType","parametersSha256","expiresAt","rule"?}}, where {@code expiresAt}
 * (epoch milliseconds) lies after the transaction time and at most {@value #MAX_LIFETIME_MILLIS} ms after it, and
 * {@code rule} ({@link RuleTrigger}), given only by an automation identity, names the authorising rule instead of a
 * grant.
 */
public final class IssueCommandRequest {
    /** Longest command lifetime: 24 hours. */
    public static final long MAX_LIFETIME_MILLIS = 24L * 60 * 60 * 1000;

    private final String commandId;
    private final String deviceId;
    private final String commandType;
    private final String parametersSha256;
    private final Long expiresAt;
    private final RuleTrigger rule;

    /**
     * Creates the request; Genson calls this constructor.
     *
     * @param commandId the new command id, unique, chosen by the client
     * @param deviceId the target device
     * @param commandType the command type
     * @param parametersSha256 SHA-256 of the parameters held off-chain, lower-case hex
     * @param expiresAt the expiry, epoch milliseconds
     * @param rule the authorising rule and triggering readings, or {@code null} for a grant
     */
    public IssueCommandRequest(
            @JsonProperty("commandId") final String commandId,
            @JsonProperty("deviceId") final String deviceId,
            @JsonProperty("commandType") final String commandType,
            @JsonProperty("parametersSha256") final String parametersSha256,
            @JsonProperty("expiresAt") final Long expiresAt,
            @JsonProperty("rule") final RuleTrigger rule) {
        this.commandId = commandId;
        this.deviceId = deviceId;
        this.commandType = commandType;
        this.parametersSha256 = parametersSha256;
        this.expiresAt = expiresAt;
        this.rule = rule;
    }

    /**
     * Validates the request against the transaction time.
     *
     * @param tx the transaction
     * @return this request
     * @throws org.hyperledger.fabric.shim.ChaincodeException {@code INVALID_ARGUMENT}
     */
    public IssueCommandRequest validate(final Tx tx) {
        Check.id("commandId", commandId);
        Check.id("deviceId", deviceId);
        Check.id("commandType", commandType);
        Check.sha256("parametersSha256", parametersSha256);
        final long expiry = Check.time("expiresAt", expiresAt);
        if (expiry <= tx.nowMillis() || expiry - tx.nowMillis() > MAX_LIFETIME_MILLIS) {
            throw Check.invalid(
                    "expiresAt",
                    "must be after the transaction time " + tx.nowMillis() + " by at most " + MAX_LIFETIME_MILLIS
                            + " ms");
        }
        return new IssueCommandRequest(
                commandId, deviceId, commandType, parametersSha256, expiresAt, RuleTrigger.validated(rule));
    }

    String commandId() {
        return commandId;
    }

    String deviceId() {
        return deviceId;
    }

    String commandType() {
        return commandType;
    }

    String parametersSha256() {
        return parametersSha256;
    }

    long expiresAt() {
        return expiresAt;
    }

    RuleTrigger rule() {
        return rule;
    }
}
