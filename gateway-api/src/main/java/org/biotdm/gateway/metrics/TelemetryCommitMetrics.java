package org.biotdm.gateway.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.List;
import org.biotdm.gateway.telemetry.CommittedBatch;
import org.biotdm.gateway.telemetry.TelemetryCommitListener;

/**
 * Meters of the telemetry writer's group commits, told of each commit on the writer's thread: {@code
 * biotdm_telemetry_readings_total} (readings stored; its rate is the ingest rate), {@code
 * biotdm_telemetry_group_batches} and {@code biotdm_telemetry_group_readings} (batches and readings per group
 * commit).
 */
@Requires(beans = MeterRegistry.class)
@Singleton
final class TelemetryCommitMetrics implements TelemetryCommitListener {
    private final Counter readings;
    private final DistributionSummary groupBatches;
    private final DistributionSummary groupReadings;

    /**
     * Creates the meters.
     *
     * @param registry the registry
     */
    public TelemetryCommitMetrics(MeterRegistry registry) {
        this.readings = Counter.builder("biotdm.telemetry.readings")
                .description("Telemetry readings stored")
                .register(registry);
        this.groupBatches = DistributionSummary.builder("biotdm.telemetry.group.batches")
                .description("Batches stored per group commit")
                .register(registry);
        this.groupReadings = DistributionSummary.builder("biotdm.telemetry.group.readings")
                .description("Readings stored per group commit")
                .register(registry);
    }

    @Override
    public void committed(List<CommittedBatch> batches) {
        long count = 0;
        for (CommittedBatch batch : batches) {
            count += batch.readings().size();
        }
        readings.increment(count);
        groupBatches.record(batches.size());
        groupReadings.record(count);
    }
}
