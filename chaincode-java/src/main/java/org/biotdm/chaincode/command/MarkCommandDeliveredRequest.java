package org.biotdm.chaincode.command;

import com.owlike.genson.annotation.JsonProperty;
import org.biotdm.chaincode.support.Check;

/**
 * Reads the MarkCommandDelivered argument: {@code {"commandId"}}.
 */
public final class MarkCommandDeliveredRequest {
    private final String commandId;

    /**
     * Creates the request; Genson calls this constructor.
     *
     * @param commandId the command handed to the device
     */
    public MarkCommandDeliveredRequest(@JsonProperty("commandId") final String commandId) {
        this.commandId = commandId;
    }

    /**
     * Validates the request.
     *
     * @return this request
     * @throws org.hyperledger.fabric.shim.ChaincodeException {@code INVALID_ARGUMENT}
     */
    public MarkCommandDeliveredRequest validate() {
        Check.id("commandId", commandId);
        return this;
    }

    String commandId() {
        return commandId;
    }
}
