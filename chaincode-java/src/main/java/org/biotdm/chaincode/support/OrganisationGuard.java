package org.biotdm.chaincode.support;

import java.nio.charset.StandardCharsets;
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
     * Reads the organisation's guard.
     *
     * @param stub the chaincode stub
     * @param mspId the organisation's MSP ID
     * @return the guard's committed value, or {@code null} when it does not exist yet
     * @throws org.hyperledger.fabric.shim.ChaincodeException {@code ACCESS_DENIED} when the guard exists under another
     *     policy than "a peer of {@code mspId}"
     */
    public static byte[] read(final ChaincodeStub stub, final String mspId) {
        return OwnerEndorsement.readGuard(stub, key(mspId), mspId);
    }

    /**
     * Writes the organisation's guard, creating it under the organisation's key-level policy when it does not exist
     * yet, so the transaction needs a peer of {@code mspId} to endorse it (from the second guarded write on).
     *
     * @param stub the chaincode stub
     * @param mspId the MSP ID of the organisation that owns the written resource, the caller's
     * @param value the guard's new value
     * @throws org.hyperledger.fabric.shim.ChaincodeException {@code ACCESS_DENIED} when the guard exists under another
     *     policy than "a peer of {@code mspId}"
     */
    public static void write(final ChaincodeStub stub, final String mspId, final byte[] value) {
        final boolean exists = read(stub, mspId) != null;
        stub.putState(key(mspId), value);
        if (!exists) {
            OwnerEndorsement.require(stub, key(mspId), mspId);
        }
    }

    /**
     * Rewrites the organisation's guard with its current value (an empty JSON array when it does not exist yet), so a
     * transaction that creates keys on the organisation's behalf needs a peer of {@code mspId} to endorse it.
     *
     * @param stub the chaincode stub
     * @param mspId the MSP ID of the organisation that owns the written resource, the caller's
     * @throws org.hyperledger.fabric.shim.ChaincodeException {@code ACCESS_DENIED} when the guard exists under another
     *     policy than "a peer of {@code mspId}"
     */
    public static void touch(final ChaincodeStub stub, final String mspId) {
        final byte[] value = read(stub, mspId);
        write(stub, mspId, value == null ? "[]".getBytes(StandardCharsets.UTF_8) : value);
    }
}
