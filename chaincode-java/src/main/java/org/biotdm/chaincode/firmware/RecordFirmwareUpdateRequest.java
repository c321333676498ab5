package org.biotdm.chaincode.firmware;

import com.owlike.genson.annotation.JsonProperty;
import org.biotdm.chaincode.support.Check;
import org.biotdm.chaincode.support.SemanticVersion;

/**
 * Reads the RecordFirmwareUpdate argument: {@code {"deviceId","version"}}.
 */
public final class RecordFirmwareUpdateRequest {
    private final String deviceId;
    private final String version;

    /**
     * Creates the request; Genson calls this constructor.
     *
     * @param deviceId the updated device
     * @param version the firmware version now installed
     */
    public RecordFirmwareUpdateRequest(
            @JsonProperty("deviceId") final String deviceId, @JsonProperty("version") final String version) {
        this.deviceId = deviceId;
        this.version = version;
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
        return this;
    }

    String deviceId() {
        return deviceId;
    }

    SemanticVersion version() {
        return SemanticVersion.parse("version", version);
    }
}
