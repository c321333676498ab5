package org.biotdm.gateway.telemetry;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.jdbc.DataSourceResolver;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.biotdm.gateway.anchor.AnchorWindowGate;
import org.biotdm.gateway.db.DatabaseConfiguration;
import org.biotdm.gateway.db.Databases;
import org.biotdm.gateway.error.ApiException;
import org.biotdm.gateway.error.ErrorCode;
import org.biotdm.gateway.ingress.IngressConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores verified telemetry batches with group commit: each of {@code biotdm.ingress.writer-threads} threads drains
 * its queue and writes everything it took in ONE transaction of multi-row inserts ({@link GroupCommit}), then
 * completes every batch's future. An acknowledgement therefore always follows the commit of its rows, and one commit
 * (one log flush) serves many requests. A device's batches always go to the same thread.
 *
 * <p>Failures: a lost lock race (deadlock, lock wait timeout) or a concurrent duplicate is retried with a fresh
 * transaction; when MariaDB cannot be reached every batch of the group fails with 503 {@code DATABASE_UNAVAILABLE}
 * and {@code Retry-After}, nothing of the group is committed, and the next group tries again (Hikari reconnects by
 * itself). A full queue, or a device with {@code writer-device-max-batches} batches already waiting ({@link
 * DeviceQueueShares}: one device cannot fill the queue it shares with others), answers 503 {@code TELEMETRY_BUSY}
 * with {@code Retry-After} at once. At shutdown the threads finish their current
 * group and fail what is still queued with 503 {@code SERVICE_UNAVAILABLE}.
 *
 * <p>After each commit, and before acknowledging, the newly committed batches are handed to every {@link
 * TelemetryCommitListener} bean on the writer thread (alerts, live telemetry summaries); listeners only enqueue.
 *
 * <p>Counters ({@link #transactions()}, {@link #batchesWritten()}, {@link #readingsWritten()}) let tests and metrics
 * see the grouping.
 */
@Singleton
public class TelemetryWriter {
    private static final Logger LOG = LoggerFactory.getLogger(TelemetryWriter.class);
    private static final int MAX_ATTEMPTS = 4;

    private final DataSource dataSource;
    private final Clock clock;
    private final AnchorWindowGate windowGate;
    private final long retryAfterSeconds;
    private final int maxBatches;
    private final int maxRows;
    private final SequenceWindows sequenceWindows;
    private final DeviceQueueShares shares;
    private final List<BlockingQueue<PendingBatch>> queues = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicLong transactions = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong readings = new AtomicLong();
    private final AtomicLong listenerFailures = new AtomicLong();
    private final List<TelemetryCommitListener> listeners;
    private volatile boolean running = true;

    /**
     * Creates the writer and starts its threads.
     *
     * @param dataSource the service's datasource
     * @param resolver unwraps Micronaut Data's contextual datasource, when present
     * @param ingress the ingress settings ({@code writer-*})
     * @param database the database settings ({@code retry-after})
     * @param windowGate the anchoring feature's gate, which share-locks the open window of each transaction
     * @param sequenceWindows told about every committed sequence number
     * @param listeners told about every committed batch, on the writer thread after the commit (see {@link
     *     TelemetryCommitListener}: they must only enqueue)
     */
    public TelemetryWriter(
            DataSource dataSource,
            @Nullable DataSourceResolver resolver,
            IngressConfiguration ingress,
            DatabaseConfiguration database,
            AnchorWindowGate windowGate,
            SequenceWindows sequenceWindows,
            List<TelemetryCommitListener> listeners) {
        this.listeners = List.copyOf(listeners);
        this.dataSource = resolver == null ? dataSource : resolver.resolve(dataSource);
        this.clock = Clock.systemUTC();
        this.windowGate = windowGate;
        this.retryAfterSeconds = database.retryAfter().toSeconds();
        this.maxBatches = ingress.writerMaxBatches();
        this.maxRows = ingress.writerMaxRows();
        this.sequenceWindows = sequenceWindows;
        this.shares = new DeviceQueueShares(ingress.writerDeviceMaxBatches());
        for (int i = 0; i < ingress.writerThreads(); i++) {
            BlockingQueue<PendingBatch> queue = new ArrayBlockingQueue<>(ingress.writerQueueCapacity());
            queues.add(queue);
            Thread thread = new Thread(() -> drain(queue), "telemetry-writer-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
    }

    /**
     * Queues a verified batch for the next group commit.
     *
     * @param pending the batch; its future completes after the commit
     * @return the batch's future: the acknowledgement, or {@link ApiException} {@code TELEMETRY_SEQ_CONFLICT},
     *     {@code DATABASE_UNAVAILABLE}, {@code TELEMETRY_BUSY} or {@code SERVICE_UNAVAILABLE}
     */
    public CompletableFuture<TelemetryAck> submit(PendingBatch pending) {
        if (!running) {
            pending.ack().completeExceptionally(shuttingDown());
        } else if (!shares.tryAcquire(pending.deviceId())) {
            pending.ack().completeExceptionally(busy("This device has too many batches waiting to be stored"));
        } else {
            pending.ack().whenComplete((ack, error) -> shares.release(pending.deviceId()));
            BlockingQueue<PendingBatch> queue =
                    queues.get(Math.floorMod(pending.deviceId().hashCode(), queues.size()));
            if (queue.offer(pending)) {
                if (!running && queue.remove(pending)) {
                    // close() may have drained the queue between the check above and the offer.
                    pending.ack().completeExceptionally(shuttingDown());
                }
            } else {
                pending.ack().completeExceptionally(busy("Too many batches are waiting to be stored"));
            }
        }
        return pending.ack();
    }

    /**
     * Returns how many group-commit transactions were committed.
     *
     * @return the count since start
     */
    public long transactions() {
        return transactions.get();
    }

    /**
     * Returns how many batches were stored (duplicates not counted).
     *
     * @return the count since start
     */
    public long batchesWritten() {
        return batches.get();
    }

    /**
     * Returns how many readings were stored.
     *
     * @return the count since start
     */
    public long readingsWritten() {
        return readings.get();
    }

    /**
     * Returns how many times a {@link TelemetryCommitListener} threw.
     *
     * @return the count since start
     */
    public long listenerFailures() {
        return listenerFailures.get();
    }

    /** Stops the threads after their current group and fails what is still queued. */
    @PreDestroy
    public void close() {
        running = false;
        for (Thread thread : threads) {
            thread.interrupt();
        }
        for (Thread thread : threads) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (BlockingQueue<PendingBatch> queue : queues) {
            for (PendingBatch pending = queue.poll(); pending != null; pending = queue.poll()) {
                pending.ack().completeExceptionally(shuttingDown());
            }
        }
    }

    private void drain(BlockingQueue<PendingBatch> queue) {
        GroupCommit commit = new GroupCommit(windowGate);
        List<PendingBatch> group = new ArrayList<>();
        while (running) {
            try {
                PendingBatch first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                group.add(first);
                int rows = first.batch().readings().size();
                while (group.size() < maxBatches && rows < maxRows) {
                    PendingBatch next = queue.poll();
                    if (next == null) {
                        break;
                    }
                    group.add(next);
                    rows += next.batch().readings().size();
                }
                write(commit, group);
            } catch (InterruptedException e) {
                // Shutdown: the loop condition ends the thread; the current group was completed already.
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.error("Telemetry writer failed a group of {} batches", group.size(), e);
                failAll(group, new ApiException(ErrorCode.INTERNAL_ERROR, "Internal server error", null, 0, e));
            } finally {
                group.clear();
            }
        }
    }

    private void write(GroupCommit commit, List<PendingBatch> group) {
        boolean checkAll = false;
        GroupCommit.Outcome[] outcomes = null;
        for (int attempt = 1; outcomes == null; attempt++) {
            try {
                outcomes = transaction(commit, group, checkAll);
            } catch (GroupCommit.DuplicateRaceException e) {
                checkAll = true;
                if (attempt >= MAX_ATTEMPTS) {
                    failAll(group, ApiException.databaseUnavailable(retryAfterSeconds, e));
                    return;
                }
            } catch (SQLException e) {
                if (!Databases.isRetryable(e) || attempt >= MAX_ATTEMPTS) {
                    failAll(group, failure(e));
                    return;
                }
            }
        }
        complete(group, outcomes);
    }

    private GroupCommit.Outcome[] transaction(GroupCommit commit, List<PendingBatch> group, boolean checkAll)
            throws SQLException, GroupCommit.DuplicateRaceException {
        try (Connection connection = dataSource.getConnection()) {
            try {
                connection.setAutoCommit(false);
                GroupCommit.Outcome[] outcomes = commit.write(connection, group, checkAll, clock.millis());
                connection.commit();
                return outcomes;
            } catch (SQLException | GroupCommit.DuplicateRaceException | RuntimeException e) {
                rollbackQuietly(connection);
                throw e;
            }
        }
    }

    private void complete(List<PendingBatch> group, GroupCommit.Outcome[] outcomes) {
        transactions.incrementAndGet();
        notifyListeners(group, outcomes);
        for (int i = 0; i < outcomes.length; i++) {
            PendingBatch pending = group.get(i);
            GroupCommit.Outcome outcome = outcomes[i];
            switch (outcome.kind()) {
                case ACCEPTED -> {
                    batches.incrementAndGet();
                    readings.addAndGet(outcome.ack().accepted());
                    sequenceWindows.accepted(pending.deviceId(), pending.batch().seq());
                    pending.ack().complete(outcome.ack());
                }
                case DUPLICATE -> pending.ack().complete(outcome.ack());
                case CONFLICT -> pending.ack()
                        .completeExceptionally(ErrorCode.TELEMETRY_SEQ_CONFLICT.error("Sequence number "
                                + pending.batch().seq() + " was already accepted with a different content"));
            }
        }
    }

    private void notifyListeners(List<PendingBatch> group, GroupCommit.Outcome[] outcomes) {
        if (listeners.isEmpty()) {
            return;
        }
        List<CommittedBatch> committed = new ArrayList<>(outcomes.length);
        for (int i = 0; i < outcomes.length; i++) {
            if (outcomes[i].kind() == GroupCommit.Kind.ACCEPTED) {
                PendingBatch pending = group.get(i);
                TelemetryAck ack = outcomes[i].ack();
                committed.add(new CommittedBatch(
                        pending.deviceId(),
                        pending.batch().seq(),
                        pending.batch().ts(),
                        ack.receivedAt(),
                        ack.windowId(),
                        pending.batch().readings()));
            }
        }
        if (committed.isEmpty()) {
            return;
        }
        List<CommittedBatch> view = Collections.unmodifiableList(committed);
        for (TelemetryCommitListener listener : listeners) {
            try {
                listener.committed(view);
            } catch (RuntimeException e) {
                // The readings are committed; a listener's failure must not fail their acknowledgement.
                listenerFailures.incrementAndGet();
            }
        }
    }

    private ApiException failure(SQLException e) {
        if (Databases.isUnavailable(e) || Databases.isRetryable(e)) {
            return ApiException.databaseUnavailable(retryAfterSeconds, e);
        }
        LOG.error("Telemetry group commit failed", e);
        return new ApiException(ErrorCode.INTERNAL_ERROR, "Internal server error", null, 0, e);
    }

    private static void failAll(List<PendingBatch> group, ApiException failure) {
        for (PendingBatch pending : group) {
            pending.ack().completeExceptionally(failure);
        }
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            // The connection is broken; Hikari discards it, and MariaDB rolls back what was not committed.
        }
    }

    private static ApiException busy(String reason) {
        return new ApiException(ErrorCode.TELEMETRY_BUSY, reason + "; retry later", null, 1, null);
    }

    private static ApiException shuttingDown() {
        return new ApiException(
                ErrorCode.SERVICE_UNAVAILABLE, "The gateway is shutting down; nothing was stored", null, 1, null);
    }
}
