package org.biotdm.gateway.grant;

import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import org.biotdm.gateway.db.RepositoryCalls;

/**
 * Keeps {@code device_grants}, the database copy of the ledger's active grants. The ledger stays authoritative; the
 * copy warms {@link GrantIndex} at startup before the ledger answers.
 */
@Singleton
final class GrantRepository {
    private final GrantRows rows;

    /**
     * Creates the repository.
     *
     * @param rows the table (its operations manage their own connections and transactions)
     */
    GrantRepository(GrantRows rows) {
        this.rows = rows;
    }

    /**
     * Stores the ledger's current record of a grant: an active one is inserted or replaced, a revoked one deleted.
     *
     * @param grant the record
     * @throws SQLException when the database cannot be written
     */
    public void apply(LedgerGrant grant) throws SQLException {
        RepositoryCalls.run(() -> rows.apply(grant));
    }

    /**
     * Replaces every row with the given active grants in one transaction, as after a resync from the ledger.
     *
     * @param grants the active grants
     * @throws SQLException when the database cannot be written (nothing is changed then)
     */
    public void replaceAll(Collection<LedgerGrant> grants) throws SQLException {
        RepositoryCalls.run(() -> rows.replaceAll(grants));
    }

    /**
     * Reads every stored grant.
     *
     * @return the grants (all {@code ACTIVE}; some may have expired)
     * @throws SQLException when the database cannot be read
     */
    public List<LedgerGrant> findAll() throws SQLException {
        return RepositoryCalls.call(rows::findAll).stream()
                .map(GrantRow::toGrant)
                .toList();
    }
}
