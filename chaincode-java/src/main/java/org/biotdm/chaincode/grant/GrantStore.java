package org.biotdm.chaincode.grant;

import java.util.List;
import java.util.Optional;
import org.biotdm.chaincode.support.ErrorCode;
import org.biotdm.chaincode.support.Json;
import org.biotdm.chaincode.support.Keys;
import org.biotdm.chaincode.support.Ledger;
import org.biotdm.chaincode.support.Page;
import org.biotdm.chaincode.support.PageRequest;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.hyperledger.fabric.shim.ledger.CompositeKey;
import org.hyperledger.fabric.shim.ledger.KeyValue;

/**
 * Owns the grant keys: the record under {@code biotdm.grant/<grantId>} and, while the grant is active, one target
 * index entry {@code biotdm.grant.target/<ownerMsp>/<device|group>/<target>/<grantId>} and its id in its target's
 * guard key ({@link GrantGuard}). Reads other than {@link #find} honour only grants their guard lists.
 */
public final class GrantStore {
    private final ChaincodeStub stub;
    private final GrantGuard guard;

    /**
     * Creates the store.
     *
     * @param stub the chaincode stub
     */
    public GrantStore(final ChaincodeStub stub) {
        this.stub = stub;
        this.guard = new GrantGuard(stub);
    }

    /**
     * Returns the world-state key of a grant record.
     *
     * @param grantId the grant id
     * @return the composite key
     */
    public static String key(final String grantId) {
        return Keys.of(Keys.GRANT, grantId);
    }

    /**
     * Looks a grant up.
     *
     * @param grantId the grant id
     * @return the record, or empty
     */
    public Optional<Grant> find(final String grantId) {
        final byte[] value = stub.getState(key(grantId));
        return value == null || value.length == 0 ? Optional.empty() : Optional.of(Json.read(value, Grant.class));
    }

    /**
     * Looks a grant up as the owner endorsed it: an active grant its guard does not list ({@link GrantGuard}) was
     * never endorsed by its owner and is treated as absent.
     *
     * @param grantId the grant id
     * @return the record, or empty
     */
    public Optional<Grant> honoured(final String grantId) {
        return find(grantId).filter(grant -> grant.getStatus() != GrantStatus.ACTIVE || guard.lists(grant));
    }

    /**
     * Reads a grant that must exist and be one its owner endorsed ({@link #honoured}).
     *
     * @param grantId the grant id
     * @return the record
     * @throws org.hyperledger.fabric.shim.ChaincodeException {@code GRANT_NOT_FOUND}
     */
    public Grant get(final String grantId) {
        return honoured(grantId)
                .orElseThrow(() -> ErrorCode.GRANT_NOT_FOUND.error("Grant " + grantId + " does not exist"));
    }

    /**
     * Writes a new grant and its target index entry, and the guard key of its target (the device's, or for a group
     * grant the owner organisation's), so the owner's peer must endorse.
     *
     * @param grant the record
     * @throws org.hyperledger.fabric.shim.ChaincodeException {@code ACCESS_DENIED} when the owner's guard carries
     *     another organisation's policy; {@code INVALID_ARGUMENT} when the guard already lists
     *     {@value GrantGuard#MAX_GRANTS} grants
     */
    void create(final Grant grant) {
        guard.add(grant);
        stub.putState(key(grant.getGrantId()), Json.bytes(grant));
        stub.putState(targetIndex(grant), Keys.indexValue());
    }

    /**
     * Writes a revoked grant and drops its target index entry, so it no longer covers anything; the revocation
     * writes its target's guard key too.
     *
     * @param revoked the revoked record
     * @throws org.hyperledger.fabric.shim.ChaincodeException {@code ACCESS_DENIED} when the owner's guard carries
     *     another organisation's policy
     */
    void revoke(final Grant revoked) {
        guard.remove(revoked);
        stub.putState(key(revoked.getGrantId()), Json.bytes(revoked));
        stub.delState(targetIndex(revoked));
    }

    /**
     * Reads the active grants whose target index entries start with a prefix; allowed in submit transactions,
     * where Fabric records the range for phantom-read checks.
     *
     * @param prefix the partial target index key
     * @return the grants, in grant id order
     */
    List<Grant> active(final CompositeKey prefix) {
        return Ledger.all(stub.getStateByPartialCompositeKey(prefix), this::fromIndexEntry);
    }

    /**
     * Reads the active grants on one device group of an owner, as its guard lists them, in grant id order; allowed in
     * submit transactions.
     *
     * @param ownerMsp the owner organisation
     * @param group the device group id
     * @return the grants (expired ones included)
     */
    public List<Grant> activeOnGroup(final String ownerMsp, final String group) {
        return active(Keys.prefix(Keys.GRANT_BY_TARGET, ownerMsp, Keys.TARGET_GROUP, group));
    }

    /**
     * Reads one page of active grants; read-only transactions only.
     *
     * @param query the validated query
     * @return the page
     */
    Page<Grant> list(final ListGrantsQuery query) {
        final PageRequest page = query.page();
        return Ledger.page(
                stub.getStateByPartialCompositeKeyWithPagination(query.prefix(), page.pageSize(), page.bookmark()),
                this::fromIndexEntry);
    }

    private Grant fromIndexEntry(final KeyValue entry) {
        return honoured(Keys.lastAttribute(entry.getKey())).orElse(null);
    }

    private static String targetIndex(final Grant grant) {
        return grant.getDeviceId() == null
                ? Keys.of(
                        Keys.GRANT_BY_TARGET,
                        grant.getOwnerMsp(),
                        Keys.TARGET_GROUP,
                        grant.getDeviceGroup(),
                        grant.getGrantId())
                : Keys.of(
                        Keys.GRANT_BY_TARGET,
                        grant.getOwnerMsp(),
                        Keys.TARGET_DEVICE,
                        grant.getDeviceId(),
                        grant.getGrantId());
    }
}
