package org.biotdm.gateway.alert;

import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.connection.jdbc.exceptions.CannotGetJdbcConnectionException;
import io.micronaut.data.exceptions.DataAccessException;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.biotdm.gateway.device.DeviceRecord;
import org.biotdm.gateway.device.DeviceRegistry;
import org.biotdm.gateway.live.LiveEvent;
import org.biotdm.gateway.telemetry.CommittedBatch;
import org.biotdm.gateway.telemetry.TelemetryCommitListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates alerts off the ingest hot path: the telemetry writer hands it each group commit's batches ({@link
 * #committed(List)}, which only offers them to a bounded queue), and its own thread evaluates them with an {@link
 * AlertEvaluator}, stores raised and cleared alerts and publishes them as {@link LiveEvent}s of type {@code alert}.
 *
 * <p>When evaluation falls behind and the queue ({@code biotdm.alerts.queue-capacity} groups) is full, further groups
 * are dropped and counted ({@link #droppedBatches()}), never waited for: ingest is never slowed. {@link #lagMillis()}
 * tells how far behind the evaluation is; both are logged as a warning at most once a minute while they matter.
 * Rules are re-read after every change made through this instance and every {@code rule-refresh-interval}.
 */
@Singleton
final class AlertEngine implements TelemetryCommitListener {
    private static final Logger LOG = LoggerFactory.getLogger(AlertEngine.class);
    private static final long WARN_INTERVAL_MS = 60_000;

    private final AlertConfiguration configuration;
    private final DeviceRegistry registry;
    private final AlertRepository alerts;
    private final AlertRuleRepository rules;
    private final ApplicationEventPublisher<LiveEvent> publisher;
    private final Clock clock;
    private final BlockingQueue<List<CommittedBatch>> queue;
    private final AlertEvaluator evaluator;
    private final Thread thread;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong processed = new AtomicLong();
    private final AtomicLong raised = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private volatile boolean rulesStale = true;
    private volatile boolean running = true;
    private volatile long lastCommitMillis;
    private long lastRuleLoad;
    private long lastWarning;

    /**
     * Creates the engine and starts its thread.
     *
     * @param configuration the alert settings
     * @param registry the device registry (owner organisation and group of each device)
     * @param alerts stores alerts
     * @param rules reads rules
     * @param publisher publishes live events
     */
    public AlertEngine(
            AlertConfiguration configuration,
            DeviceRegistry registry,
            AlertRepository alerts,
            AlertRuleRepository rules,
            ApplicationEventPublisher<LiveEvent> publisher) {
        this.configuration = configuration;
        this.registry = registry;
        this.alerts = alerts;
        this.rules = rules;
        this.publisher = publisher;
        this.clock = Clock.systemUTC();
        this.queue = new ArrayBlockingQueue<>(Math.max(1, configuration.queueCapacity()));
        this.evaluator = new AlertEvaluator(
                configuration.anomalyParameters(),
                configuration.anomalyEnabled(),
                Severity.parse(configuration.anomalySeverity())
                        .orElseThrow(() -> new IllegalArgumentException(
                                "biotdm.alerts.anomaly-severity must be info, warning or critical")),
                configuration.maxStates());
        this.thread = new Thread(this::run, "alert-engine");
        thread.setDaemon(true);
        if (configuration.enabled()) {
            thread.start();
        }
    }

    /**
     * Offers a group commit's batches to the evaluation queue; drops and counts them when it is full. Called on a
     * telemetry writer thread: never blocks.
     *
     * @param batches the committed batches
     */
    @Override
    public void committed(List<CommittedBatch> batches) {
        if (running && configuration.enabled() && !queue.offer(batches)) {
            dropped.addAndGet(batches.size());
        }
    }

    /** Makes the next evaluation re-read the rules; called after a rule is created, changed or deleted. */
    public void rulesChanged() {
        rulesStale = true;
    }

    /**
     * Returns how many committed batches were dropped because evaluation was behind.
     *
     * @return the count since start
     */
    public long droppedBatches() {
        return dropped.get();
    }

    /**
     * Returns how many committed batches were evaluated.
     *
     * @return the count since start
     */
    public long processedBatches() {
        return processed.get();
    }

    /**
     * Returns how many alerts were raised.
     *
     * @return the count since start
     */
    public long raisedAlerts() {
        return raised.get();
    }

    /**
     * Returns how many times storing an alert failed (the database was unavailable).
     *
     * @return the count since start
     */
    public long failures() {
        return failures.get();
    }

    /**
     * Returns how many groups wait for evaluation.
     *
     * @return the queue length
     */
    public int queued() {
        return queue.size();
    }

    /**
     * Returns how far evaluation is behind ingest: the age of the oldest waiting group, or 0 when none waits.
     *
     * @return milliseconds
     */
    public long lagMillis() {
        List<CommittedBatch> head = queue.peek();
        return head == null ? 0 : Math.max(0, clock.millis() - head.get(0).receivedAt());
    }

    /**
     * Returns when the last evaluated group was committed.
     *
     * @return epoch ms (gateway clock), 0 before the first
     */
    public long lastEvaluatedCommit() {
        return lastCommitMillis;
    }

    /** Stops the thread; groups still queued are not evaluated. */
    @PreDestroy
    public void close() {
        running = false;
        thread.interrupt();
    }

    private void run() {
        while (running) {
            try {
                List<CommittedBatch> group = queue.poll(1, TimeUnit.SECONDS);
                refreshRules();
                if (group != null) {
                    evaluate(group);
                }
                warnIfBehind();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                failures.incrementAndGet();
                LOG.error("Alert evaluation failed", e);
            }
        }
    }

    private void evaluate(List<CommittedBatch> group) {
        for (CommittedBatch batch : group) {
            Optional<DeviceRecord> device = registry.find(batch.deviceId());
            if (device.isPresent()) {
                evaluator.evaluate(device.get(), batch, sink);
            }
            processed.incrementAndGet();
        }
        lastCommitMillis = group.get(group.size() - 1).receivedAt();
    }

    private void refreshRules() {
        long now = clock.millis();
        if (!rulesStale
                && now - lastRuleLoad < configuration.ruleRefreshInterval().toMillis()) {
            return;
        }
        rulesStale = false;
        try {
            evaluator.setRules(rules.list(null));
            lastRuleLoad = now;
        } catch (DataAccessException | CannotGetJdbcConnectionException e) {
            rulesStale = true;
            failures.incrementAndGet();
        }
    }

    private void warnIfBehind() {
        long now = clock.millis();
        if (now - lastWarning < WARN_INTERVAL_MS) {
            return;
        }
        long lag = lagMillis();
        if (dropped.get() > 0 || lag > WARN_INTERVAL_MS) {
            LOG.warn(
                    "Alert evaluation is behind: {} groups queued, lag {} ms, {} batches dropped since start",
                    queue.size(),
                    lag,
                    dropped.get());
            lastWarning = now;
        }
    }

    private final AlertSink sink = new AlertSink() {
        @Override
        public long raise(
                DeviceRecord device,
                @Nullable AlertRule rule,
                String sensor,
                Severity severity,
                String message,
                double value,
                long readingTs) {
            try {
                Alert alert = alerts.insert(
                        device.deviceId(),
                        device.ownerMsp(),
                        rule == null ? Alert.KIND_ANOMALY : Alert.KIND_THRESHOLD,
                        rule == null ? null : rule.ruleId(),
                        sensor,
                        severity,
                        message,
                        value,
                        readingTs,
                        clock.millis());
                raised.incrementAndGet();
                publish(alert, "raised");
                return alert.id();
            } catch (DataAccessException | CannotGetJdbcConnectionException e) {
                failures.incrementAndGet();
                return FAILED;
            }
        }

        @Override
        public void clear(long alertId) {
            try {
                alerts.markCleared(alertId, clock.millis()).ifPresent(alert -> publish(alert, "cleared"));
            } catch (DataAccessException | CannotGetJdbcConnectionException e) {
                failures.incrementAndGet();
            }
        }
    };

    private void publish(Alert alert, String change) {
        publisher.publishEvent(
                new LiveEvent("alert", alert.deviceId(), alert.ownerMsp(), alert.updatedAt(), alert.eventData(change)));
    }
}
