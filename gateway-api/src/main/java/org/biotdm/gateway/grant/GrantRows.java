package org.biotdm.gateway.grant;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.connection.ConnectionDefinition;
import io.micronaut.data.connection.annotation.Connectable;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.GenericRepository;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import java.util.Collection;
import java.util.List;

/**
 * The {@code device_grants} table. Its public operations run outside any transaction of the caller, as the
 * hand-written statements they replace did: on their own connection in auto-commit, or in their own transaction.
 */
@JdbcRepository(dialect = Dialect.MYSQL)
abstract class GrantRows implements GenericRepository<GrantRow, String> {

    /**
     * Stores the ledger's current record of a grant: an active one is inserted or replaced, a revoked one deleted.
     *
     * @param grant the record
     */
    @Connectable(propagation = ConnectionDefinition.Propagation.REQUIRES_NEW)
    public void apply(LedgerGrant grant) {
        store(grant);
    }

    /**
     * Replaces every row with the given active grants in one transaction.
     *
     * @param grants the active grants
     */
    @Transactional(propagation = TransactionDefinition.Propagation.REQUIRES_NEW)
    public void replaceAll(Collection<LedgerGrant> grants) {
        deleteAll();
        grants.forEach(this::store);
    }

    /**
     * Reads every row.
     *
     * @return the rows
     */
    @Connectable(propagation = ConnectionDefinition.Propagation.REQUIRES_NEW)
    public abstract List<GrantRow> findAll();

    /**
     * Inserts or replaces a row in one statement (MariaDB upsert); only inside {@link #apply} or {@link #replaceAll}.
     *
     * @param grantId the grant ID
     * @param ownerMsp the device owner's MSP ID
     * @param granteeMsp the grantee organisation's MSP ID
     * @param granteeId the grantee's Fabric ID, or null
     * @param deviceId the device, or null
     * @param deviceGroup the group, or null
     * @param commandTypes the command types, comma-separated
     * @param expiresAt when the grant expires, epoch milliseconds
     * @param grantedAt when it was granted, epoch milliseconds
     * @param updatedAt when the ledger last changed it, epoch milliseconds
     */
    @Query("INSERT INTO device_grants (grant_id, owner_msp, grantee_msp, grantee_id, device_id, device_group,"
            + " command_types, expires_at, granted_at, updated_at) VALUES (:grantId, :ownerMsp, :granteeMsp,"
            + " :granteeId, :deviceId, :deviceGroup, :commandTypes, :expiresAt, :grantedAt, :updatedAt)"
            + " ON DUPLICATE KEY UPDATE owner_msp = VALUES(owner_msp), grantee_msp = VALUES(grantee_msp),"
            + " grantee_id = VALUES(grantee_id), device_id = VALUES(device_id), device_group = VALUES(device_group),"
            + " command_types = VALUES(command_types), expires_at = VALUES(expires_at),"
            + " granted_at = VALUES(granted_at), updated_at = VALUES(updated_at)")
    public abstract void upsert(
            String grantId,
            String ownerMsp,
            String granteeMsp,
            @Nullable String granteeId,
            @Nullable String deviceId,
            @Nullable String deviceGroup,
            String commandTypes,
            long expiresAt,
            long grantedAt,
            long updatedAt);

    /**
     * Deletes a row; only inside {@link #apply}.
     *
     * @param grantId the grant ID
     */
    public abstract void deleteById(String grantId);

    /** Deletes every row; only inside {@link #replaceAll}. */
    public abstract void deleteAll();

    private void store(LedgerGrant grant) {
        if (!LedgerGrant.ACTIVE.equals(grant.status())) {
            deleteById(grant.grantId());
            return;
        }
        GrantRow row = GrantRow.of(grant);
        upsert(
                row.grantId(),
                row.ownerMsp(),
                row.granteeMsp(),
                row.granteeId(),
                row.deviceId(),
                row.deviceGroup(),
                row.commandTypes(),
                row.expiresAt(),
                row.grantedAt(),
                row.updatedAt());
    }
}
