package org.biotdm.gateway.automation;

import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.biotdm.gateway.anchor.WindowLayout;
import org.biotdm.gateway.command.LedgerCommand;
import org.biotdm.gateway.device.DeviceRecord;
import org.biotdm.gateway.device.DeviceRegistry;
import org.biotdm.gateway.group.GroupDirectory;
import org.biotdm.gateway.ledger.LedgerConfiguration;
import org.biotdm.gateway.live.LiveEvent;
import org.biotdm.gateway.telemetry.CommittedBatch;
import org.biotdm.gateway.telemetry.TelemetryCommitListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates the organisation's automation rules next to the alert engine: the telemetry writer hands it each group
 * commit ({@link #committed}) and the alert engine's raised alerts arrive as live events ({@link #onLiveEvent}); both
 * are only offered to a bounded queue (dropped and counted when full, never waited for), and the evaluator's own
 * thread matches them against the {@link RuleBook} in memory ({@link RuleMatcher}). Nothing per reading touches the
 * ledger: only a rule that holds, and whose cooldown has passed, makes ledger work, through {@link RuleFirings}.
 * With no rules held, a commit costs one emptiness check.
 */
@Singleton
final class RuleEvaluator implements TelemetryCommitListener {
    private static final Logger LOG = LoggerFactory.getLogger(RuleEvaluator.class);

    private final AutomationConfiguration configuration;
    private final RuleBook book;
    private final RuleMatcher matcher;
    private final DeviceRegistry registry;
    private final RuleFirings firings;
    private final WindowLayout layout;
    private final String mspId;
    private final BlockingQueue<Object> queue;
    private final Thread thread;
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong evaluated = new AtomicLong();
    private volatile boolean running = true;

    /**
     * Creates the evaluator and starts its thread when {@code biotdm.automation.enabled}.
     *
     * @param configuration the automation settings
     * @param book the rules
     * @param groups the group read model
     * @param registry the device registry
     * @param firings issues a firing rule's commands
     * @param layout the anchoring windows (the ledger window ID of a batch)
     * @param ledger the ledger settings (this gateway's MSP ID)
     */
    public RuleEvaluator(
            AutomationConfiguration configuration,
            RuleBook book,
            GroupDirectory groups,
            DeviceRegistry registry,
            RuleFirings firings,
            WindowLayout layout,
            LedgerConfiguration ledger) {
        this.configuration = configuration;
        this.book = book;
        this.matcher = new RuleMatcher(groups);
        this.registry = registry;
        this.firings = firings;
        this.layout = layout;
        this.mspId = ledger.mspId();
        this.queue = new ArrayBlockingQueue<>(configuration.queueCapacity());
        this.thread = new Thread(this::run, "rule-evaluator");
        thread.setDaemon(true);
        if (configuration.enabled()) {
            thread.start();
        }
    }

    @Override
    public void committed(List<CommittedBatch> batches) {
        if (running && configuration.enabled() && !book.rules().isEmpty() && !queue.offer(batches)) {
            dropped.addAndGet(batches.size());
        }
    }

    /**
     * Offers a raised alert to the evaluation queue; called on the publisher's thread, never blocks.
     *
     * @param event a live event; only {@code alert} events with {@code change=raised} are kept
     */
    @EventListener
    public void onLiveEvent(LiveEvent event) {
        if (running
                && configuration.enabled()
                && "alert".equals(event.type())
                && "raised".equals(event.data().get("change"))
                && !book.rules().isEmpty()
                && !queue.offer(event)) {
            dropped.incrementAndGet();
        }
    }

    /**
     * Returns how many committed batches and alerts were dropped because evaluation was behind.
     *
     * @return the count since start
     */
    public long dropped() {
        return dropped.get();
    }

    /**
     * Returns how many committed batches and alerts were evaluated.
     *
     * @return the count since start
     */
    public long evaluated() {
        return evaluated.get();
    }

    /** Stops the thread; queued items are not evaluated. */
    @PreDestroy
    public void close() {
        running = false;
        thread.interrupt();
    }

    private void run() {
        while (running) {
            try {
                Object item = queue.poll(1, TimeUnit.SECONDS);
                if (item instanceof LiveEvent alert) {
                    evaluate(alert);
                } else if (item != null) {
                    @SuppressWarnings("unchecked")
                    List<CommittedBatch> batches = (List<CommittedBatch>) item;
                    batches.forEach(this::evaluate);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.error("Automation rule evaluation failed", e);
            }
        }
    }

    private void evaluate(CommittedBatch batch) {
        evaluated.incrementAndGet();
        Optional<DeviceRecord> device = ownDevice(batch.deviceId());
        if (device.isEmpty()) {
            return;
        }
        for (RuleBook.CompiledRule rule : book.rules()) {
            List<String> readings = matcher.matchingReadings(rule, device.get(), batch);
            if (!readings.isEmpty()) {
                firings.fire(rule.rule(), trigger(rule.rule(), layout.ledgerId(batch.windowId()), readings));
            }
        }
    }

    private void evaluate(LiveEvent alert) {
        evaluated.incrementAndGet();
        Optional<DeviceRecord> device = ownDevice(alert.deviceId());
        if (device.isEmpty()) {
            return;
        }
        for (RuleBook.CompiledRule rule : book.rules()) {
            if (matcher.matchesAlert(rule, device.get(), alert.data())) {
                List<String> refs =
                        new ArrayList<>(List.of("alert-" + alert.data().get("alertId")));
                firings.fire(rule.rule(), trigger(rule.rule(), null, refs));
            }
        }
    }

    private Optional<DeviceRecord> ownDevice(String deviceId) {
        return registry.find(deviceId).filter(device -> device.ownerMsp().equals(mspId));
    }

    private static LedgerCommand.RuleTrigger trigger(LedgerRule rule, String windowId, List<String> readings) {
        return new LedgerCommand.RuleTrigger(rule.ruleId(), windowId, List.copyOf(readings));
    }
}
