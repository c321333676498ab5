package org.biotdm.chaincode.command;

import org.biotdm.chaincode.device.Device;
import org.biotdm.chaincode.support.ErrorCode;
import org.biotdm.chaincode.support.Tx;

/**
 * Lets another contract issue and complete commands of a type reserved for it. A reserved type travels the ordinary
 * command path (delivery, {@code biotdm-receipt-v1} receipt verified against the device's key) but is authorised by
 * its own transaction instead of a grant: IssueCommand and CompleteCommand refuse it with
 * {@code COMMAND_TYPE_RESERVED}, so an operator's grant can never push one.
 */
public final class ReservedCommands {
    /** The type of the commands that carry a device's desired configuration (the configuration contract's). */
    public static final String CONFIGURATION = "configuration";

    private ReservedCommands() {}

    /**
     * Issues a reserved command, without a grant; the caller has checked who may.
     *
     * @param tx the transaction
     * @param device the target device, {@code ACTIVE}
     * @param request {@code {"commandId","deviceId","commandType","parametersSha256","expiresAt"}}, validated
     * @return the command record, status {@code ISSUED}, {@code grantId} absent
     * @throws org.hyperledger.fabric.shim.ChaincodeException {@code COMMAND_EXISTS}
     */
    public static Command issue(final Tx tx, final Device device, final IssueCommandRequest request) {
        return new CommandLifecycle(tx).issueReserved(request, device);
    }

    /**
     * Completes a reserved command with the device's receipt, as CompleteCommand would. Caller: {@code gateway} of
     * the device's owner organisation.
     *
     * @param tx the transaction
     * @param request the validated receipt
     * @param commandType the reserved type the command must have
     * @return the completed command
     * @throws org.hyperledger.fabric.shim.ChaincodeException {@code ACCESS_DENIED}, {@code COMMAND_NOT_FOUND},
     *     {@code COMMAND_ALREADY_COMPLETED}, {@code COMMAND_EXPIRED}, {@code COMMAND_INVALID_STATE} (another type),
     *     {@code DEVICE_NOT_CLAIMED}, {@code RECEIPT_SIGNATURE_INVALID}
     */
    public static Command complete(final Tx tx, final CompleteCommandRequest request, final String commandType) {
        return new CommandLifecycle(tx).completeReserved(request, commandType);
    }

    /** Refuses a reserved type on the general command transactions. */
    static void refuse(final String commandType) {
        if (CONFIGURATION.equals(commandType)) {
            throw ErrorCode.COMMAND_TYPE_RESERVED.error("Command type " + commandType
                    + " is issued by configuration:SetDesiredConfiguration and completed by"
                    + " configuration:ReportConfiguration only");
        }
    }
}
