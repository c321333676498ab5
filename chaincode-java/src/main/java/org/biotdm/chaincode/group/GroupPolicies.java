package org.biotdm.chaincode.group;

import java.util.Optional;
import org.biotdm.chaincode.device.Device;
import org.biotdm.chaincode.support.ErrorCode;
import org.biotdm.chaincode.support.Tx;

/**
 * Applies group policies to commands: a command to a member of a group object must be of a type the group's policy
 * lists, whichever grant or rule authorises it. Devices in no group are not restricted here.
 */
public final class GroupPolicies {
    private final GroupStore store;

    /**
     * Creates the check for one transaction.
     *
     * @param tx the transaction
     */
    public GroupPolicies(final Tx tx) {
        this.store = new GroupStore(tx.stub());
    }

    /**
     * Checks that the device's group, if any, allows the command type.
     *
     * @param device the target device
     * @param commandType the command type
     * @return the device's group, or empty when it is in none
     * @throws org.hyperledger.fabric.shim.ChaincodeException {@code GROUP_POLICY_DENIED}
     */
    public Optional<Group> requireAllows(final Device device, final String commandType) {
        final Optional<Group> group = store.memberGroupOf(device);
        if (group.isPresent() && !group.get().getPolicy().allows(commandType)) {
            throw ErrorCode.GROUP_POLICY_DENIED.error("The policy of group "
                    + group.get().getGroupId() + " does not allow " + commandType + " commands to its members");
        }
        return group;
    }
}
