package org.biotdm.chaincode.device;

import com.owlike.genson.annotation.JsonProperty;
import java.util.List;

/**
 * Reads the ClaimDevices argument: {@code {"claims":[<ClaimDevice argument>…]}}, 1 to {@value DeviceBatch#MAX_ITEMS}
 * items in at most {@value DeviceBatch#MAX_ARGUMENT_BYTES} bytes. The claim token of device {@code <id>} travels in
 * the transient map under {@code claimToken/<id>} ({@link DeviceBatch#claimTokenTransient}). Each item is checked
 * later, on its own, exactly as ClaimDevice checks its argument.
 */
public final class ClaimDevicesRequest {
    private final List<DeviceKeyRequest> claims;

    /**
     * Creates the request; Genson calls this constructor.
     *
     * @param claims the claims, in the order their results are reported
     */
    public ClaimDevicesRequest(@JsonProperty("claims") final List<DeviceKeyRequest> claims) {
        this.claims = claims;
    }

    /**
     * Checks the batch's size.
     *
     * @return the items, in request order
     * @throws org.hyperledger.fabric.shim.ChaincodeException {@code INVALID_ARGUMENT} when the list is missing, empty,
     *     longer than {@value DeviceBatch#MAX_ITEMS} or holds {@code null}
     */
    List<DeviceKeyRequest> items() {
        return DeviceBatch.checkSize("claims", claims);
    }
}
