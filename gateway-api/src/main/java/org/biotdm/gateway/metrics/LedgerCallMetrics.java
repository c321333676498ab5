package org.biotdm.gateway.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.util.concurrent.TimeUnit;

/**
 * Times the gateway's calls to the ledger: {@code biotdm_ledger_calls_seconds} with the tags {@code call} ({@code
 * evaluate} or {@code submit}), {@code function} ({@code <contract>:<function>}, a fixed set the gateway's code names)
 * and {@code outcome} ({@code ok}, or the catalogue code of the failure, such as {@code LEDGER_UNAVAILABLE}).
 */
@Singleton
public class LedgerCallMetrics {
    /** Records nothing, for a ledger client built without a registry (tests). */
    public static final LedgerCallMetrics NONE = new LedgerCallMetrics(null);

    private final MeterRegistry registry;

    /**
     * Creates the meters' owner.
     *
     * @param registry the registry, or null to record nothing
     */
    public LedgerCallMetrics(@Nullable MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * Records one call.
     *
     * @param call {@code evaluate} or {@code submit}
     * @param function {@code <contract>:<function>}
     * @param outcome {@code ok} or the failure's catalogue code
     * @param startNanos {@link System#nanoTime()} when the call began
     */
    public void record(String call, String function, String outcome, long startNanos) {
        if (registry == null) {
            return;
        }
        Timer.builder("biotdm.ledger.calls")
                .description("Calls to the ledger (Fabric Gateway), by outcome")
                .tags("call", call, "function", function, "outcome", outcome)
                .register(registry)
                .record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
    }
}
