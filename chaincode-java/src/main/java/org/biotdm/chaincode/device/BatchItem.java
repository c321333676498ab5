package org.biotdm.chaincode.device;

import org.hyperledger.fabric.contract.annotation.DataType;
import org.hyperledger.fabric.contract.annotation.Property;

/**
 * Reports one item of a batch transaction: either the record it wrote ({@code device}) or why it was refused
 * ({@code code}, one of the codes the single transaction raises, and {@code message}, {@code [CODE] text} as the
 * single transaction's error). {@code index} is the item's position in the request, from 0; {@code deviceId} is the
 * id as sent (absent when the item had none).
 */
@DataType
public final class BatchItem {
    @Property
    private final int index;

    @Property
    private final String deviceId;

    @Property
    private final Device device;

    @Property
    private final String code;

    @Property
    private final String message;

    private BatchItem(
            final int index, final String deviceId, final Device device, final String code, final String message) {
        this.index = index;
        this.deviceId = deviceId;
        this.device = device;
        this.code = code;
        this.message = message;
    }

    static BatchItem written(final int index, final Device device) {
        return new BatchItem(index, device.getDeviceId(), device, null, null);
    }

    static BatchItem refused(final int index, final String deviceId, final String code, final String message) {
        return new BatchItem(index, deviceId, null, code, message);
    }

    /**
     * Returns the item's position in the request.
     *
     * @return 0-based index
     */
    public int getIndex() {
        return index;
    }

    /**
     * Returns the device id as sent.
     *
     * @return the id, or {@code null} when the item had none
     */
    public String getDeviceId() {
        return deviceId;
    }

    /**
     * Returns the record written for the item.
     *
     * @return the record, or {@code null} when the item was refused
     */
    public Device getDevice() {
        return device;
    }

    /**
     * Returns the refusal's error code.
     *
     * @return an {@code ErrorCode} name, or {@code null} when the item was written
     */
    public String getCode() {
        return code;
    }

    /**
     * Returns the refusal's message.
     *
     * @return {@code [CODE] text}, or {@code null} when the item was written
     */
    public String getMessage() {
        return message;
    }
}
