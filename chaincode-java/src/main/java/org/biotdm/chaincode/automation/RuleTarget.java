package org.biotdm.chaincode.automation;

import org.biotdm.chaincode.support.Check;

/** Checks the "one device or one group" pair of a rule's condition and action. */
final class RuleTarget {
    private RuleTarget() {}

    /**
     * Checks that exactly one of the two ids is given and well formed.
     *
     * @param field the object holding them, for messages
     * @param deviceId the device id, or {@code null}
     * @param groupId the group id, or {@code null}
     * @throws org.hyperledger.fabric.shim.ChaincodeException {@code INVALID_ARGUMENT}
     */
    static void check(final String field, final String deviceId, final String groupId) {
        if ((deviceId == null) == (groupId == null)) {
            throw Check.invalid(field, "needs exactly one of deviceId and groupId");
        }
        Check.optionalId(field + ".deviceId", deviceId);
        Check.optionalId(field + ".groupId", groupId);
    }
}
