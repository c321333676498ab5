package org.biotdm.chaincode.support;

import java.util.Arrays;
import java.util.List;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.hyperledger.fabric.shim.ext.sbe.StateBasedEndorsement;
import org.hyperledger.fabric.shim.ext.sbe.StateBasedEndorsement.RoleType;
import org.hyperledger.fabric.shim.ext.sbe.impl.StateBasedEndorsementFactory;

/**
 * Puts a key under its owner organisation's key-level (state-based) endorsement policy: one peer of that MSP must
 * endorse every later write of the key, whatever the chaincode's policy says.
 *
 * <p>Fabric checks a write against the policy committed for the key <em>before</em> the transaction (see "Setting
 * key-level endorsement policies" in the Fabric docs, and {@code core/common/validation/statebased}); a key created
 * by the transaction falls under the chaincode policy. Transactions that create keys on behalf of an owner therefore
 * also write a key the owner already guards, such as a device's guard key.
 */
public final class OwnerEndorsement {
    private OwnerEndorsement() {}

    /**
     * Sets the key's validation parameter to "a peer of {@code ownerMsp}".
     *
     * @param stub the chaincode stub
     * @param key the world-state key written in this transaction
     * @param ownerMsp the owner organisation's MSP ID
     */
    public static void require(final ChaincodeStub stub, final String key, final String ownerMsp) {
        stub.setStateValidationParameter(key, policy(ownerMsp));
    }

    /**
     * Reads a guard key that must carry the owner's key-level policy: a guard a colluding majority created under
     * another policy (a new key falls under the chaincode policy) is refused rather than trusted.
     *
     * @param stub the chaincode stub
     * @param key the guard key
     * @param ownerMsp the owner organisation's MSP ID
     * @return the guard's committed value, or {@code null} when it does not exist
     * @throws org.hyperledger.fabric.shim.ChaincodeException {@code ACCESS_DENIED} when the guard exists under another
     *     policy than "a peer of {@code ownerMsp}"
     */
    public static byte[] readGuard(final ChaincodeStub stub, final String key, final String ownerMsp) {
        final byte[] value = stub.getState(key);
        if (value != null
                && value.length > 0
                && !Arrays.equals(stub.getStateValidationParameter(key), policy(ownerMsp))) {
            throw ErrorCode.ACCESS_DENIED.error("A guard key of " + ownerMsp
                    + " carries another key-level policy than its own peers; its guarded writes are refused");
        }
        return value == null || value.length == 0 ? null : value;
    }

    /**
     * Builds the validation parameter "a peer of {@code ownerMsp}": a serialized {@code SignaturePolicyEnvelope}
     * (Fabric's {@code common.SignaturePolicyEnvelope}), identical bytes for identical input.
     *
     * @param ownerMsp the owner organisation's MSP ID
     * @return the policy bytes {@link #require} sets
     */
    public static byte[] policy(final String ownerMsp) {
        final StateBasedEndorsement endorsement =
                StateBasedEndorsementFactory.getInstance().newStateBasedEndorsement(null);
        endorsement.addOrgs(RoleType.RoleTypePeer, ownerMsp);
        return endorsement.policy();
    }

    /**
     * Sets the key's validation parameter to "a peer of each of {@code msps}" (Fabric's state-based endorsement
     * lists organisations that must all endorse), for keys several organisations govern together, such as a group
     * whose grant holders co-endorse its policy.
     *
     * @param stub the chaincode stub
     * @param key the world-state key written in this transaction
     * @param msps the MSP IDs, at least one
     */
    public static void requireAll(final ChaincodeStub stub, final String key, final List<String> msps) {
        final StateBasedEndorsement endorsement =
                StateBasedEndorsementFactory.getInstance().newStateBasedEndorsement(null);
        endorsement.addOrgs(RoleType.RoleTypePeer, msps.toArray(new String[0]));
        stub.setStateValidationParameter(key, endorsement.policy());
    }
}
