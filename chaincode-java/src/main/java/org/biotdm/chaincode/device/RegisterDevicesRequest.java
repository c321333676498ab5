package org.biotdm.chaincode.device;

import com.owlike.genson.annotation.JsonProperty;
import java.util.List;

/**
 * Reads the RegisterDevices argument: {@code {"devices":[<RegisterDevice argument>…]}}, 1 to {@value
 * DeviceBatch#MAX_ITEMS} items in at most {@value DeviceBatch#MAX_ARGUMENT_BYTES} bytes. Each item is checked later,
 * on its own, exactly as RegisterDevice checks its argument.
 */
public final class RegisterDevicesRequest {
    private final List<RegisterDeviceRequest> devices;

    /**
     * Creates the request; Genson calls this constructor.
     *
     * @param devices the devices to register, in the order their results are reported
     */
    public RegisterDevicesRequest(@JsonProperty("devices") final List<RegisterDeviceRequest> devices) {
        this.devices = devices;
    }

    /**
     * Checks the batch's size.
     *
     * @return the items, in request order
     * @throws org.hyperledger.fabric.shim.ChaincodeException {@code INVALID_ARGUMENT} when the list is missing, empty,
     *     longer than {@value DeviceBatch#MAX_ITEMS} or holds {@code null}
     */
    List<RegisterDeviceRequest> items() {
        return DeviceBatch.checkSize("devices", devices);
    }
}
