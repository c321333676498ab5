package org.biotdm.chaincode.device;

import com.owlike.genson.annotation.JsonProperty;
import org.biotdm.chaincode.support.Check;

/**
 * Reads the argument of the lifecycle transactions: {@code {"deviceId":"d-17","reason"?:"text"}}. SuspendDevice
 * requires a reason; ActivateDevice, ReactivateDevice and DecommissionDevice accept one.
 */
public final class DeviceStatusRequest {
    private final String deviceId;
    private final String reason;

    /**
     * Creates the request; Genson calls this constructor.
     *
     * @param deviceId the device id
     * @param reason why, at most 256 characters, or {@code null}
     */
    public DeviceStatusRequest(
            @JsonProperty("deviceId") final String deviceId, @JsonProperty("reason") final String reason) {
        this.deviceId = deviceId;
        this.reason = reason;
    }

    /**
     * Validates the request.
     *
     * @param reasonRequired whether the transaction needs a reason
     * @return this request
     * @throws org.hyperledger.fabric.shim.ChaincodeException {@code INVALID_ARGUMENT}
     */
    public DeviceStatusRequest validate(final boolean reasonRequired) {
        Check.id("deviceId", deviceId);
        if (reasonRequired) {
            Check.requiredText("reason", reason);
        } else {
            Check.text("reason", reason);
        }
        return this;
    }

    String deviceId() {
        return deviceId;
    }

    String reason() {
        return reason;
    }
}
