package org.biotdm.gateway.anchor;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import javax.sql.DataSource;
import org.biotdm.gateway.ledger.LedgerConfiguration;

/**
 * Creates the anchoring beans. They work on the plain connection pool (not Micronaut's transaction-bound proxy)
 * because each manages its own short transactions, including the sealing transaction's isolation level.
 */
@Factory
@Requires(property = "biotdm.ledger.msp-id")
final class AnchoringFactory {

    /**
     * Creates the window layout.
     *
     * @param configuration the anchoring configuration
     * @param ledger the ledger settings (the MSP ID is the first part of every window ID)
     * @return the layout
     */
    @Singleton
    public WindowLayout windowLayout(AnchoringConfiguration configuration, LedgerConfiguration ledger) {
        return WindowLayout.of(configuration, ledger.mspId());
    }

    /**
     * Creates the gate telemetry writers join windows through.
     *
     * @param layout the window layout
     * @return the gate
     */
    @Singleton
    public AnchorWindowGate anchorWindowGate(WindowLayout layout) {
        return new AnchorWindowGate(layout);
    }

    /**
     * Creates the window sealer; its start window is the one this service started in.
     *
     * @param dataSource the database
     * @param layout the window layout
     * @param configuration the anchoring configuration
     * @param json the JSON mapper
     * @return the sealer
     */
    @Singleton
    public WindowSealer windowSealer(
            DataSource dataSource, WindowLayout layout, AnchoringConfiguration configuration, JsonMapper json) {
        return new WindowSealer(
                DelegatingDataSource.unwrapDataSource(dataSource),
                layout,
                configuration,
                layout.windowOf(System.currentTimeMillis()),
                json);
    }

    /**
     * Creates the outbox submitter.
     *
     * @param dataSource the database
     * @param ledger the ledger
     * @param layout the window layout
     * @param configuration the anchoring configuration
     * @param json the JSON mapper
     * @return the submitter
     */
    @Singleton
    @Bean(preDestroy = "close")
    @Requires(beans = AnchorLedger.class)
    public AnchorSubmitter anchorSubmitter(
            DataSource dataSource,
            AnchorLedger ledger,
            WindowLayout layout,
            AnchoringConfiguration configuration,
            JsonMapper json) {
        return new AnchorSubmitter(
                DelegatingDataSource.unwrapDataSource(dataSource), ledger, layout, configuration, json);
    }
}
