package org.biotdm.gateway.grant;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * A grant record exactly as the chaincode's {@code grants} contract returns it (GrantDeviceAccess, RevokeDeviceAccess,
 * GetGrant, ListGrants), with its property names.
 *
 * @param grantId the grant ID
 * @param ownerMsp the MSP ID of the granting organisation, which owns the device or group
 * @param granteeMsp the MSP ID of the grantee's organisation
 * @param granteeId the grantee's Fabric ID ({@code x509::<subject DN>::<issuer DN>}), or null for every operator of
 *     {@code granteeMsp}
 * @param deviceId the device the grant covers, or null for a group grant
 * @param deviceGroup the device group (of {@code ownerMsp}) the grant covers, or null for a device grant
 * @param commandTypes the command types the grantee may issue
 * @param expiresAt when the grant stops covering, epoch milliseconds UTC
 * @param status {@code ACTIVE} or {@code REVOKED}
 * @param revokedReason why the grant was revoked, or null
 * @param grantedAt when the grant was written, epoch milliseconds
 * @param updatedAt when the record was last written, epoch milliseconds
 * @param updatedBy the Fabric ID of the last writer
 * @param updatedByMsp the MSP ID of the last writer
 */
@Serdeable
public record LedgerGrant(
        String grantId,
        String ownerMsp,
        String granteeMsp,
        @Nullable String granteeId,
        @Nullable String deviceId,
        @Nullable String deviceGroup,
        @Nullable List<String> commandTypes,
        long expiresAt,
        String status,
        @Nullable String revokedReason,
        long grantedAt,
        long updatedAt,
        @Nullable String updatedBy,
        @Nullable String updatedByMsp) {
    /** The status of a grant that covers devices until it expires. */
    public static final String ACTIVE = "ACTIVE";

    /**
     * Normalises an absent command type list to an empty one.
     *
     * @param grantId the grant ID
     * @param ownerMsp the owner MSP
     * @param granteeMsp the grantee MSP
     * @param granteeId the grantee's Fabric ID
     * @param deviceId the device
     * @param deviceGroup the group
     * @param commandTypes the command types
     * @param expiresAt the expiry
     * @param status the status
     * @param revokedReason the revocation reason
     * @param grantedAt the grant time
     * @param updatedAt the update time
     * @param updatedBy the last writer
     * @param updatedByMsp the last writer's MSP
     */
    public LedgerGrant {
        commandTypes = commandTypes == null ? List.of() : List.copyOf(commandTypes);
    }

    /**
     * Tells whether the grant covers devices at a moment: {@code ACTIVE} and not yet expired.
     *
     * @param nowMillis the moment, epoch milliseconds
     * @return true while in force
     */
    public boolean inForce(long nowMillis) {
        return ACTIVE.equals(status) && expiresAt > nowMillis;
    }

    /**
     * Tells whether the grant names a person: their MSP, and their Fabric ID unless the grant is for every operator of
     * the MSP. Says nothing about the person's role.
     *
     * @param mspId the person's MSP ID
     * @param fabricId the person's Fabric ID
     * @return true when the person is a grantee
     */
    public boolean names(String mspId, String fabricId) {
        return granteeMsp.equals(mspId) && (granteeId == null || granteeId.equals(fabricId));
    }
}
