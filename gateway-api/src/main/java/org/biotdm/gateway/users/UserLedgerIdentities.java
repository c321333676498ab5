package org.biotdm.gateway.users;

import org.biotdm.gateway.ledger.LedgerException;
import org.biotdm.gateway.ledger.LedgerIdentity;

/**
 * Gives the Fabric identity a signed-in person's ledger transactions are signed with: the identity enrolled for them
 * with their organisation's CA ({@code biotdm.role} = their role), its private key decrypted from the database.
 */
public interface UserLedgerIdentities {
    /**
     * Returns the person's Fabric identity.
     *
     * @param user the signed-in person
     * @return the identity (cached; cheap to call per request)
     * @throws LedgerException {@code LEDGER_UNAVAILABLE} when the identity cannot be loaded or decrypted
     */
    LedgerIdentity identityOf(ApiUser user) throws LedgerException;
}
