package org.biotdm.chaincode.support;

import java.util.Objects;
import java.util.Optional;
import org.hyperledger.fabric.contract.ClientIdentity;

/**
 * Describes the identity that submitted the transaction: its MSP, its Fabric id and its BIoT-DM role.
 *
 * <p>The MSP comes from the creator's serialized identity, which the peer validated against the channel's MSPs, and
 * the role from the certificate that MSP's CA issued. An attribute can therefore only ever speak for its own
 * organisation: the owner checks in {@link Access} compare the MSP, never the attribute alone.
 */
public final class Caller {
    private final String mspId;
    private final String id;
    private final Role role;

    /**
     * Creates a caller.
     *
     * @param mspId the creator's MSP ID
     * @param id the creator's Fabric id ({@code x509::<subject>::<issuer>})
     * @param role the role, or {@code null} when the certificate names none
     */
    public Caller(final String mspId, final String id, final Role role) {
        this.mspId = Objects.requireNonNull(mspId, "mspId");
        this.id = Objects.requireNonNull(id, "id");
        this.role = role;
    }

    /**
     * Reads the caller from the transaction's client identity.
     *
     * @param identity the Contract API client identity
     * @return the caller, with no role when the {@code biotdm.role} attribute is missing or unknown
     */
    public static Caller from(final ClientIdentity identity) {
        final Role role =
                Role.fromAttribute(identity.getAttributeValue(Role.ATTRIBUTE)).orElse(null);
        return new Caller(identity.getMSPID(), identity.getId(), role);
    }

    /**
     * Returns the caller's MSP ID.
     *
     * @return the MSP ID, such as {@code Org1MSP}
     */
    public String mspId() {
        return mspId;
    }

    /**
     * Returns the caller's Fabric id.
     *
     * @return the id recorded as actor in records and events
     */
    public String id() {
        return id;
    }

    /**
     * Returns the caller's role.
     *
     * @return the role, or empty when the certificate names none
     */
    public Optional<Role> role() {
        return Optional.ofNullable(role);
    }

    /**
     * Tells whether the caller holds one of the given roles.
     *
     * @param roles the accepted roles
     * @return true when the caller's role is among them
     */
    public boolean hasAnyRole(final Role... roles) {
        for (final Role candidate : roles) {
            if (candidate == role) {
                return true;
            }
        }
        return false;
    }
}
