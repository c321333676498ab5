package org.biotdm.gateway.grant;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.util.Arrays;

/**
 * A row of {@code device_grants}: an active grant as the ledger last recorded it.
 *
 * @param grantId the grant ID
 * @param ownerMsp the device owner's MSP ID
 * @param granteeMsp the grantee organisation's MSP ID
 * @param granteeId the grantee's Fabric ID, or null for every operator of the grantee organisation
 * @param deviceId the device covered, or null when the grant covers a group
 * @param deviceGroup the owner's group covered, or null when the grant covers one device
 * @param commandTypes the command types allowed, comma-separated (command type IDs never contain commas)
 * @param expiresAt when the grant expires, epoch milliseconds
 * @param grantedAt when it was granted, epoch milliseconds
 * @param updatedAt when the ledger last changed it, epoch milliseconds
 */
@MappedEntity("device_grants")
record GrantRow(
        @Id String grantId,
        String ownerMsp,
        String granteeMsp,
        @Nullable String granteeId,
        @Nullable String deviceId,
        @Nullable String deviceGroup,
        String commandTypes,
        long expiresAt,
        long grantedAt,
        long updatedAt) {

    /**
     * Returns the row of an active grant.
     *
     * @param grant the ledger's record, {@code ACTIVE}
     * @return the row
     */
    static GrantRow of(LedgerGrant grant) {
        return new GrantRow(
                grant.grantId(),
                grant.ownerMsp(),
                grant.granteeMsp(),
                grant.granteeId(),
                grant.deviceId(),
                grant.deviceGroup(),
                String.join(",", grant.commandTypes()),
                grant.expiresAt(),
                grant.grantedAt(),
                grant.updatedAt());
    }

    /**
     * Returns the row as a ledger record: {@code ACTIVE}, without revocation reason or last updater.
     *
     * @return the grant
     */
    LedgerGrant toGrant() {
        return new LedgerGrant(
                grantId,
                ownerMsp,
                granteeMsp,
                granteeId,
                deviceId,
                deviceGroup,
                Arrays.asList(commandTypes.split(",")),
                expiresAt,
                LedgerGrant.ACTIVE,
                null,
                grantedAt,
                updatedAt,
                null,
                null);
    }
}
