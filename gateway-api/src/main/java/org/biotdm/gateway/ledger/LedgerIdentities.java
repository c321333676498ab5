package org.biotdm.gateway.ledger;

import jakarta.inject.Singleton;
import java.io.IOException;
import org.biotdm.gateway.error.ErrorCode;

/**
 * Provides the Fabric identities the gateway submits as. Today that is the gateway's own identity ({@code
 * biotdm.role=gateway}, read from {@code biotdm.ledger.identity-msp-dir}); the users-and-roles work adds one identity
 * per signed-in person here, each with its own {@link org.hyperledger.fabric.client.Gateway} from {@link GatewayPool}.
 */
@Singleton
public class LedgerIdentities {
    private final LedgerConfiguration configuration;
    private LedgerIdentity gatewayIdentity;

    /**
     * Creates the provider.
     *
     * @param configuration the ledger settings
     */
    public LedgerIdentities(LedgerConfiguration configuration) {
        this.configuration = configuration;
    }

    /**
     * Returns the gateway service's own identity, reading it on first use.
     *
     * @return the identity
     * @throws LedgerException {@code LEDGER_UNAVAILABLE} when {@code biotdm.ledger.msp-id} or {@code
     *     identity-msp-dir} is not set or the MSP directory cannot be read
     */
    public synchronized LedgerIdentity gatewayIdentity() throws LedgerException {
        if (gatewayIdentity == null) {
            if (configuration.mspId() == null || configuration.identityMspDir() == null) {
                throw LedgerErrors.notConfigured("biotdm.ledger.msp-id and biotdm.ledger.identity-msp-dir");
            }
            try {
                gatewayIdentity = LedgerIdentity.fromMspDir(configuration.mspId(), configuration.identityMspDir());
            } catch (IOException e) {
                throw new LedgerException(
                        LedgerException.Kind.UNAVAILABLE,
                        ErrorCode.LEDGER_UNAVAILABLE,
                        "The gateway's Fabric identity cannot be read: " + e.getMessage(),
                        null,
                        e);
            }
        }
        return gatewayIdentity;
    }
}
