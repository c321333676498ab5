package org.biotdm.chaincode.support;

import java.util.Arrays;
import org.hyperledger.fabric.shim.ChaincodeStub;

/**
 * Makes a write of an organisation's resources that no device key covers, such as a grant on one of its device
 * groups, need that organisation's endorsement: such transactions write the organisation's guard key
 * {@code biotdm.org.guard/<mspId>}, whose key-level policy is "a peer of {@code mspId}" ({@link OwnerEndorsement}).
 *
 * <p>Fabric validates a write against the policy committed for the key before the transaction ("Setting key-level
 * endorsement policies" in the Fabric docs), so the guard protects every write after the one that creates it. The
 * guard is created, with the owner's policy, by the organisation's first guarded write; only the owner's own
 * transactions name it, because callers pass the caller's MSP ID. A guard that carries any other policy (created
 * outside this chaincode by a colluding majority) is refused rather than trusted.
 *
 * <p>Writers read the guard, so two guarded writes of one organisation in the same block conflict
 * ({@code MVCC_READ_CONFLICT}, retried by clients) and two that both create it are invalidated
 * ({@code ENDORSEMENT_POLICY_FAILURE}: Fabric refuses a write of a key whose policy an earlier transaction of the
 * block set). Both are acceptable for the rare administrative writes it guards.
 */
public final class OrganisationGuard {
    private OrganisationGuard() {}

    /**
     * Returns the world-state key of an organisation's guard.
     *
     * @param mspId the organisation's MSP ID
     * @return the composite key
     */
    public static String key(final String mspId) {
        return Keys.of(Keys.ORG_GUARD, mspId);
    }

    /**
     * Writes the organisation's guard, creating it under the organisation's key-level policy when it does not exist
     * yet, so the transaction needs a peer of {@code mspId} to endorse it (from the second guarded write on).
     *
     * @param stub the chaincode stub
     * @param mspId the MSP ID of the organisation that owns the written resource, the caller's
     * @throws org.hyperledger.fabric.shim.ChaincodeException {@code ACCESS_DENIED} when the guard exists under another
     *     policy than "a peer of {@code mspId}"
     */
    public static void requireOwnerEndorsement(final ChaincodeStub stub, final String mspId) {
        final String key = key(mspId);
        final byte[] guard = stub.getState(key);
        final boolean exists = guard != null && guard.length > 0;
        if (exists && !Arrays.equals(stub.getStateValidationParameter(key), OwnerEndorsement.policy(mspId))) {
            throw ErrorCode.ACCESS_DENIED.error("The guard key of " + mspId
                    + " carries another key-level policy than its own peers; its guarded writes are refused");
        }
        stub.putState(key, Keys.indexValue());
        if (!exists) {
            OwnerEndorsement.require(stub, key, mspId);
        }
    }
}
