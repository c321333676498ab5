package org.biotdm.chaincode.grant;

import com.owlike.genson.annotation.JsonProperty;
import org.biotdm.chaincode.support.Check;

/**
 * Reads the RevokeDeviceAccess argument: {@code {"grantId","reason"?}}.
 */
public final class RevokeDeviceAccessRequest {
    private final String grantId;
    private final String reason;

    /**
     * Creates the request; Genson calls this constructor.
     *
     * @param grantId the grant to revoke
     * @param reason why, or {@code null}
     */
    public RevokeDeviceAccessRequest(
            @JsonProperty("grantId") final String grantId, @JsonProperty("reason") final String reason) {
        this.grantId = grantId;
        this.reason = reason;
    }

    /**
     * Validates the request.
     *
     * @return this request
     * @throws org.hyperledger.fabric.shim.ChaincodeException {@code INVALID_ARGUMENT}
     */
    public RevokeDeviceAccessRequest validate() {
        Check.id("grantId", grantId);
        Check.text("reason", reason);
        return this;
    }

    String grantId() {
        return grantId;
    }

    String reason() {
        return reason;
    }
}
