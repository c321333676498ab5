package org.biotdm.chaincode.device;

import com.owlike.genson.annotation.JsonProperty;
import java.util.Map;
import java.util.SortedMap;
import org.biotdm.chaincode.support.Check;

/**
 * Reads the UpdateDeviceMetadata argument: {@code {"deviceId":"d-17","metadata":{name:value},"group"?:"plant-3"}}.
 * The metadata replaces the old one whole; {@code group} is unchanged when absent.
 */
public final class UpdateDeviceMetadataRequest {
    private final String deviceId;
    private final Map<String, String> metadata;
    private final String group;

    /**
     * Creates the request; Genson calls this constructor.
     *
     * @param deviceId the device id
     * @param metadata the new metadata
     * @param group the new group, or {@code null} to keep it
     */
    public UpdateDeviceMetadataRequest(
            @JsonProperty("deviceId") final String deviceId,
            @JsonProperty("metadata") final Map<String, String> metadata,
            @JsonProperty("group") final String group) {
        this.deviceId = deviceId;
        this.metadata = metadata;
        this.group = group;
    }

    /**
     * Validates the request.
     *
     * @return this request
     * @throws org.hyperledger.fabric.shim.ChaincodeException {@code INVALID_ARGUMENT}
     */
    public UpdateDeviceMetadataRequest validate() {
        Check.id("deviceId", deviceId);
        Check.required("metadata", metadata);
        Check.metadata(metadata);
        Check.optionalId("group", group);
        return this;
    }

    String deviceId() {
        return deviceId;
    }

    SortedMap<String, String> metadata() {
        return Check.metadata(metadata);
    }

    String group() {
        return group;
    }
}
