package org.biotdm.chaincode.device;

import com.owlike.genson.annotation.JsonProperty;
import java.util.List;
import java.util.stream.Collectors;
import org.biotdm.chaincode.support.Check;

/**
 * Reads the GetDevices argument: {@code {"deviceIds":[…]}}, 1 to {@value DeviceBatch#MAX_ITEMS} device ids, as a
 * batch event lists them.
 */
public final class GetDevicesQuery {
    private final List<String> deviceIds;

    /**
     * Creates the query; Genson calls this constructor.
     *
     * @param deviceIds the devices to read
     */
    public GetDevicesQuery(@JsonProperty("deviceIds") final List<String> deviceIds) {
        this.deviceIds = deviceIds;
    }

    /**
     * Validates the query.
     *
     * @return the device ids, in query order
     * @throws org.hyperledger.fabric.shim.ChaincodeException {@code INVALID_ARGUMENT} when the list is missing, empty,
     *     too long or holds an invalid id
     */
    List<String> ids() {
        return DeviceBatch.checkSize("deviceIds", deviceIds).stream()
                .map(id -> Check.id("deviceIds", id))
                .collect(Collectors.toList());
    }
}
