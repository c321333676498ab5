package org.biotdm.gateway.anchor;

import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.biotdm.gateway.error.ErrorCode;
import org.biotdm.gateway.ledger.LedgerException;
import org.biotdm.gateway.ledger.LedgerReceipt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Submits the anchors waiting in {@code anchor_outbox} to the ledger, exactly once in effect.
 *
 * <p>A run claims due rows ({@code SELECT … FOR UPDATE SKIP LOCKED}, oldest window first), marks them {@code
 * SUBMITTED} with a lease and commits, then calls {@code AnchorTelemetry} for each outside any database transaction.
 * On success the row becomes {@code CONFIRMED} with the transaction ID and block, and the window {@code ANCHORED}. A
 * failure releases the row with exponential backoff ({@code retry-initial} doubling up to {@code retry-max}) and the
 * error text; {@code ANCHOR_CONFLICT} (the ledger holds a different anchor for the window ID) is an alarm: logged at
 * ERROR, status {@code CONFLICT}, never retried. A submitter that dies after the ledger committed but before it
 * recorded the confirmation leaves the row claimed; when the lease ends any instance submits it again, and the
 * chaincode accepts the identical anchor without writing or emitting anything, so the window is anchored once.
 */
public final class AnchorSubmitter implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AnchorSubmitter.class);

    private final DataSource dataSource;
    private final AnchorLedger ledger;
    private final JsonMapper json;
    private final int batch;
    private final Duration lease;
    private final Duration retryInitial;
    private final Duration retryMax;
    private final OutboxRepository outbox = new OutboxRepository();
    private final WindowRepository windows;
    private final ExecutorService submitters;

    /**
     * Creates a submitter.
     *
     * @param dataSource the database
     * @param ledger the ledger
     * @param layout the window layout
     * @param configuration batch size, concurrency, lease and backoff
     * @param json the JSON mapper for outbox payloads
     */
    public AnchorSubmitter(
            DataSource dataSource,
            AnchorLedger ledger,
            WindowLayout layout,
            AnchoringConfiguration configuration,
            JsonMapper json) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.ledger = Objects.requireNonNull(ledger, "ledger");
        this.json = Objects.requireNonNull(json, "json");
        this.batch = configuration.submitBatch();
        this.lease = configuration.submitLease();
        this.retryInitial = configuration.retryInitial();
        this.retryMax = configuration.retryMax();
        this.windows = new WindowRepository(layout);
        int concurrency = Math.min(configuration.submitConcurrency(), batch);
        this.submitters = concurrency > 1 ? Executors.newFixedThreadPool(concurrency, AnchorSubmitter::thread) : null;
    }

    private static Thread thread(Runnable runnable) {
        Thread thread = new Thread(runnable, "anchor-submitter");
        thread.setDaemon(true);
        return thread;
    }

    /**
     * Claims and submits one batch of due anchors, up to {@code submit-concurrency} at a time (each submission waits
     * for its commit, so catching up after a ledger outage is bound by commit latency, not by the gateway).
     *
     * @return how many anchors the ledger confirmed in this run
     * @throws SQLException on database failure (claimed rows become due again when their lease ends)
     */
    public int submitDue() throws SQLException {
        List<OutboxEntry> claimed = Jdbc.inTransaction(dataSource, c -> outbox.claimDue(c, batch, lease));
        if (claimed.size() <= 1 || submitters == null) {
            int confirmed = 0;
            for (OutboxEntry entry : claimed) {
                confirmed += submit(entry) ? 1 : 0;
            }
            return confirmed;
        }
        List<Future<Boolean>> results = new ArrayList<>(claimed.size());
        for (OutboxEntry entry : claimed) {
            results.add(submitters.submit(() -> submit(entry)));
        }
        int confirmed = 0;
        for (Future<Boolean> result : results) {
            confirmed += await(result) ? 1 : 0;
        }
        return confirmed;
    }

    private static boolean await(Future<Boolean> result) throws SQLException {
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while submitting anchors", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof SQLException sql) {
                throw sql;
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        }
    }

    /** Stops the submission threads; a run in progress finishes its current submissions. */
    @Override
    public void close() {
        if (submitters != null) {
            submitters.shutdown();
        }
    }

    private boolean submit(OutboxEntry entry) throws SQLException {
        LedgerReceipt receipt;
        try {
            receipt = ledger.anchorTelemetry(
                    json.readValue(entry.payloadJson(), AnchorPayload.class).toAnchor());
        } catch (LedgerException e) {
            failed(entry, e);
            return false;
        } catch (IOException | RuntimeException e) {
            retry(entry, e.getClass().getSimpleName() + ": " + e.getMessage());
            return false;
        }
        Jdbc.inTransaction(dataSource, c -> {
            if (outbox.confirm(c, entry.window(), receipt)) {
                windows.markAnchored(c, entry.window());
            }
            return null;
        });
        return true;
    }

    private void failed(OutboxEntry entry, LedgerException e) throws SQLException {
        String error = "[" + e.code().name() + "] " + e.getMessage();
        if (e.kind() == LedgerException.Kind.CONTRACT && e.code() == ErrorCode.ANCHOR_CONFLICT) {
            LOG.error(
                    "ALARM: the ledger holds a different anchor for window {}: {}; not retrying",
                    entry.window(),
                    e.getMessage());
            Jdbc.inTransaction(dataSource, c -> {
                outbox.markConflict(c, entry.window(), error);
                return null;
            });
            return;
        }
        retry(entry, error);
    }

    private void retry(OutboxEntry entry, String error) throws SQLException {
        Duration delay = backoff(entry.attempts());
        LOG.warn(
                "Anchoring window {} failed (attempt {}), retrying in {}: {}",
                entry.window(),
                entry.attempts(),
                delay,
                error);
        Jdbc.inTransaction(dataSource, c -> {
            outbox.retryLater(c, entry.window(), error, delay);
            return null;
        });
    }

    /**
     * Returns the delay before the next attempt.
     *
     * @param attempts attempts made so far, 1 or more
     * @return {@code retry-initial · 2^(attempts-1)}, at most {@code retry-max}
     */
    Duration backoff(int attempts) {
        int doublings = Math.max(0, Math.min(attempts - 1, 30));
        Duration delay = retryInitial.multipliedBy(1L << doublings);
        return delay.compareTo(retryMax) > 0 ? retryMax : delay;
    }
}
