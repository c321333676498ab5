package org.biotdm.chaincode.firmware;

import com.owlike.genson.annotation.JsonProperty;
import org.biotdm.chaincode.support.Check;
import org.biotdm.chaincode.support.SemanticVersion;

/**
 * Reads the RecordFirmwareUpdate argument: {@code {"deviceId","version","signature"}}, where {@code signature} is the
 * device's signature over its {@code biotdm-firmware-receipt-v1} installation receipt, base64 of DER or raw {@code
 * r||s}.
 */
public final class RecordFirmwareUpdateRequest {
    private static final int MAX_SIGNATURE_BASE64 = 4096;

    private final String deviceId;
    private final String version;
    private final String signature;

    /**
     * Creates the request; Genson calls this constructor.
     *
     * @param deviceId the updated device
     * @param version the firmware version now installed
     * @param signature the device's receipt signature, base64
     */
    public RecordFirmwareUpdateRequest(
            @JsonProperty("deviceId") final String deviceId,
            @JsonProperty("version") final String version,
            @JsonProperty("signature") final String signature) {
        this.deviceId = deviceId;
        this.version = version;
        this.signature = signature;
    }

    /**
     * Validates the request.
     *
     * @return this request
     * @throws org.hyperledger.fabric.shim.ChaincodeException {@code INVALID_ARGUMENT}
     */
    public RecordFirmwareUpdateRequest validate() {
        Check.id("deviceId", deviceId);
        SemanticVersion.parse("version", version);
        Check.base64("signature", signature, MAX_SIGNATURE_BASE64);
        return this;
    }

    String deviceId() {
        return deviceId;
    }

    String version() {
        return version;
    }

    String signature() {
        return signature;
    }
}
