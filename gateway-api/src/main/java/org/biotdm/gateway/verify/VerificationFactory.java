package org.biotdm.gateway.verify;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Singleton;
import javax.sql.DataSource;
import org.biotdm.gateway.anchor.AnchorLedger;
import org.biotdm.gateway.anchor.AnchoringConfiguration;
import org.biotdm.gateway.anchor.WindowLayout;

/** Creates the verification services when a database, a ledger and a window layout are configured. */
@Factory
@Requires(beans = {WindowLayout.class, AnchorLedger.class})
final class VerificationFactory {

    /**
     * Creates the range verifier.
     *
     * @param dataSource the database
     * @param ledger the ledger
     * @param layout the window layout
     * @param configuration the anchoring configuration (grace period)
     * @return the verifier
     */
    @Singleton
    public TelemetryVerifier telemetryVerifier(
            DataSource dataSource, AnchorLedger ledger, WindowLayout layout, AnchoringConfiguration configuration) {
        return new TelemetryVerifier(
                DelegatingDataSource.unwrapDataSource(dataSource),
                ledger,
                layout,
                configuration.grace().toMillis());
    }

    /**
     * Creates the proof builder.
     *
     * @param dataSource the database
     * @param ledger the ledger
     * @param layout the window layout
     * @return the proof builder
     */
    @Singleton
    public ReadingProofs readingProofs(DataSource dataSource, AnchorLedger ledger, WindowLayout layout) {
        return new ReadingProofs(DelegatingDataSource.unwrapDataSource(dataSource), ledger, layout);
    }
}
