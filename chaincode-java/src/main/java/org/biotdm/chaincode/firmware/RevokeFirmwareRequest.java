package org.biotdm.chaincode.firmware;

import com.owlike.genson.annotation.JsonProperty;
import org.biotdm.chaincode.support.Check;
import org.biotdm.chaincode.support.SemanticVersion;

/**
 * Reads the RevokeFirmware argument: {@code {"model","version","reason"}}.
 */
public final class RevokeFirmwareRequest {
    private final String model;
    private final String version;
    private final String reason;

    /**
     * Creates the request; Genson calls this constructor.
     *
     * @param model the device model
     * @param version the firmware version
     * @param reason why it is revoked
     */
    public RevokeFirmwareRequest(
            @JsonProperty("model") final String model,
            @JsonProperty("version") final String version,
            @JsonProperty("reason") final String reason) {
        this.model = model;
        this.version = version;
        this.reason = reason;
    }

    /**
     * Validates the request.
     *
     * @return this request
     * @throws org.hyperledger.fabric.shim.ChaincodeException {@code INVALID_ARGUMENT}
     */
    public RevokeFirmwareRequest validate() {
        Check.model("model", model);
        SemanticVersion.parse("version", version);
        Check.requiredText("reason", reason);
        return this;
    }

    String model() {
        return model;
    }

    String version() {
        return version;
    }

    String reason() {
        return reason;
    }
}
