package org.biotdm.chaincode.support;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Enforces the role rules shared by every contract. Reads are open to every BIoT-DM role because each member's
 * peers hold the whole ledger anyway; writes need a named role, and rights over a device or a model belong to the
 * organisation that owns it.
 */
public final class Access {
    private Access() {}

    /**
     * Checks that the caller holds any BIoT-DM role, which every query needs.
     *
     * @param caller the caller
     * @throws org.hyperledger.fabric.shim.ChaincodeException {@code ACCESS_DENIED} when the caller has no role
     */
    public static void requireReader(final Caller caller) {
        if (caller.role().isEmpty()) {
            throw ErrorCode.ACCESS_DENIED.error(
                    "Identity " + caller.id() + " of " + caller.mspId() + " has no " + Role.ATTRIBUTE + " attribute");
        }
    }

    /**
     * Checks that the caller holds one of the roles, in any organisation.
     *
     * @param caller the caller
     * @param roles the accepted roles
     * @throws org.hyperledger.fabric.shim.ChaincodeException {@code ACCESS_DENIED} when the role is not accepted
     */
    public static void requireRole(final Caller caller, final Role... roles) {
        if (!caller.hasAnyRole(roles)) {
            throw ErrorCode.ACCESS_DENIED.error("Role " + describe(caller) + " of " + caller.mspId()
                    + " may not do this; it needs " + names(roles));
        }
    }

    /**
     * Checks that the caller belongs to the owning organisation and holds one of the roles there.
     *
     * @param caller the caller
     * @param ownerMsp the MSP that owns the device, grant or model
     * @param roles the accepted roles
     * @throws org.hyperledger.fabric.shim.ChaincodeException {@code ACCESS_DENIED} when the caller is of another
     *     organisation or lacks the role
     */
    public static void requireOwner(final Caller caller, final String ownerMsp, final Role... roles) {
        if (!caller.mspId().equals(ownerMsp)) {
            throw ErrorCode.ACCESS_DENIED.error(
                    "Only " + ownerMsp + " may do this; caller belongs to " + caller.mspId());
        }
        requireRole(caller, roles);
    }

    private static String describe(final Caller caller) {
        return caller.role().map(Role::attributeValue).orElse("(none)");
    }

    private static String names(final Role... roles) {
        return Arrays.stream(roles).map(Role::attributeValue).collect(Collectors.joining(" or "));
    }
}
