package org.biotdm.gateway.live;

import io.micronaut.context.event.ApplicationEventPublisher;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.biotdm.gateway.device.DeviceRecord;
import org.biotdm.gateway.device.DeviceRegistry;
import org.biotdm.gateway.telemetry.CommittedBatch;
import org.biotdm.gateway.telemetry.TelemetryCommitListener;
import org.biotdm.gateway.telemetry.TelemetryReading;
import org.biotdm.protocol.telemetry.ValueKind;

/**
 * Publishes per-device telemetry summaries as {@link LiveEvent}s of type {@value #TYPE}, at most one per device per
 * {@code biotdm.live.telemetry-summary-interval} (1 s): {@code data = {count, batches, from, to, last:{<sensor>:
 * {value, unit?, ts}}}} — how many readings were committed since the previous summary, the reading-time range, and
 * the latest value of each sensor ({@code value} a number, string or boolean as the device sent it).
 *
 * <p>On the ingest path it only appends the committed group to a lock-free queue (dropping and counting beyond
 * {@code biotdm.live.telemetry-queue-capacity}); a timer thread aggregates and publishes.
 */
@Singleton
final class TelemetrySummaries implements TelemetryCommitListener, AutoCloseable {
    /** The live event type of telemetry summaries. */
    public static final String TYPE = "telemetry";

    private final ApplicationEventPublisher<LiveEvent> publisher;
    private final DeviceRegistry registry;
    private final int capacity;
    private final ConcurrentLinkedQueue<List<CommittedBatch>> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicLong dropped = new AtomicLong();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "live-telemetry-summaries");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * Creates the summariser and starts its timer.
     *
     * @param configuration the live settings
     * @param publisher publishes live events
     * @param registry the device registry (for the owner MSP)
     */
    public TelemetrySummaries(
            LiveConfiguration configuration, ApplicationEventPublisher<LiveEvent> publisher, DeviceRegistry registry) {
        this.publisher = publisher;
        this.registry = registry;
        this.capacity = configuration.telemetryQueueCapacity();
        long interval = configuration.telemetrySummaryInterval().toMillis();
        timer.scheduleWithFixedDelay(this::publishSafely, interval, interval, TimeUnit.MILLISECONDS);
    }

    @Override
    public void committed(List<CommittedBatch> batches) {
        if (queued.incrementAndGet() > capacity) {
            queued.decrementAndGet();
            dropped.incrementAndGet();
            return;
        }
        queue.offer(batches);
    }

    /**
     * Returns how many committed groups were not summarised because the queue was full.
     *
     * @return the count since start
     */
    public long droppedCount() {
        return dropped.get();
    }

    private void publishSafely() {
        try {
            publish();
        } catch (RuntimeException e) {
            dropped.incrementAndGet();
        }
    }

    /** Aggregates everything queued and publishes one summary per device. */
    void publish() {
        Map<String, Summary> summaries = new HashMap<>();
        List<CommittedBatch> group;
        while ((group = queue.poll()) != null) {
            queued.decrementAndGet();
            for (CommittedBatch batch : group) {
                summaries.computeIfAbsent(batch.deviceId(), id -> new Summary()).add(batch);
            }
        }
        long now = System.currentTimeMillis();
        summaries.forEach((deviceId, summary) -> {
            Optional<DeviceRecord> device = registry.find(deviceId);
            device.ifPresent(
                    d -> publisher.publishEvent(new LiveEvent(TYPE, deviceId, d.ownerMsp(), now, summary.data())));
        });
    }

    @PreDestroy
    @Override
    public void close() {
        timer.shutdownNow();
    }

    /** One device's readings since the previous summary. */
    private static final class Summary {
        private long count;
        private long batches;
        private long from = Long.MAX_VALUE;
        private long to = Long.MIN_VALUE;
        private final Map<String, Map<String, Object>> last = new LinkedHashMap<>();

        void add(CommittedBatch batch) {
            batches++;
            for (TelemetryReading reading : batch.readings()) {
                count++;
                long ts = batch.readingTs(reading);
                from = Math.min(from, ts);
                to = Math.max(to, ts);
                Map<String, Object> previous = last.get(reading.sensor());
                if (previous == null || (long) previous.get("ts") <= ts) {
                    Map<String, Object> value = new LinkedHashMap<>();
                    value.put("value", value(reading));
                    if (reading.unit() != null) {
                        value.put("unit", reading.unit());
                    }
                    value.put("ts", ts);
                    last.put(reading.sensor(), value);
                }
            }
        }

        Map<String, Object> data() {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("count", count);
            data.put("batches", batches);
            data.put("from", from);
            data.put("to", to);
            data.put("last", last);
            return data;
        }

        private static Object value(TelemetryReading reading) {
            if (reading.kind() == ValueKind.N) {
                return reading.valueNumber();
            }
            if (reading.kind() == ValueKind.B) {
                return Boolean.parseBoolean(reading.valueText());
            }
            return reading.valueText();
        }
    }
}
