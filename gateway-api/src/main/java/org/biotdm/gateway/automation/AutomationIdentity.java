package org.biotdm.gateway.automation;

import jakarta.inject.Singleton;
import org.biotdm.gateway.error.ErrorCode;
import org.biotdm.gateway.ledger.LedgerConfiguration;
import org.biotdm.gateway.ledger.LedgerException;
import org.biotdm.gateway.ledger.LedgerIdentity;
import org.biotdm.gateway.users.ServiceIdentities;

/**
 * The organisation's automation identity: a Fabric client identity of the gateway's MSP with {@code
 * biotdm.role=automation}, the only role the chaincode accepts for rule-authorised IssueCommand and one that can do
 * nothing else. Enrolled with the organisation's CA at first use (enrolment ID {@code biotdm.automation.identity-name})
 * and kept in memory only.
 */
@Singleton
public class AutomationIdentity {
    /** The {@code biotdm.role} value of the automation identity. */
    public static final String ROLE = "automation";

    private final ServiceIdentities identities;
    private final LedgerConfiguration ledger;
    private final String name;
    private LedgerIdentity identity;

    /**
     * Creates the holder.
     *
     * @param identities enrols service identities
     * @param ledger the ledger settings (the gateway's MSP ID)
     * @param configuration the automation settings
     */
    public AutomationIdentity(
            ServiceIdentities identities, LedgerConfiguration ledger, AutomationConfiguration configuration) {
        this.identities = identities;
        this.ledger = ledger;
        this.name = configuration.identityName();
    }

    /**
     * Returns the identity, enrolling it on first use.
     *
     * @return the identity
     * @throws LedgerException {@code LEDGER_UNAVAILABLE} when the MSP ID is not configured or the CA refuses
     */
    public synchronized LedgerIdentity get() throws LedgerException {
        if (identity == null) {
            if (ledger.mspId() == null) {
                throw new LedgerException(
                        LedgerException.Kind.UNAVAILABLE,
                        ErrorCode.LEDGER_UNAVAILABLE,
                        "biotdm.ledger.msp-id is not set",
                        null,
                        null);
            }
            identity = identities.enrol(ledger.mspId(), name, ROLE);
        }
        return identity;
    }
}
