package org.biotdm.gateway.provisioning;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.biotdm.gateway.device.DeviceChange;
import org.biotdm.gateway.device.DeviceLedger;
import org.biotdm.gateway.device.LedgerBatch;
import org.biotdm.gateway.error.ErrorCode;
import org.biotdm.gateway.ledger.LedgerException;

/**
 * Group commit of claims: concurrent {@link #claim} calls are gathered for up to {@code biotdm.claim-commit.linger}
 * after the first one into one {@code ClaimDevices} transaction of at most {@value DeviceLedger#MAX_BATCH} claims, and
 * each caller gets what a {@code ClaimDevice} of its own would have given: the claimed record with the batch's
 * receipt, or a {@link LedgerException} with the code that ClaimDevice's refusal maps to.
 *
 * <p>The batch goes through {@code LedgerClient.submit}, so a batch invalidated by an MVCC read conflict is endorsed
 * again as a new transaction (its items wrote nothing), and a failure of the whole transaction (unknown commit
 * outcome, ledger unavailable, conflict after the retries) reaches every caller of the batch, who resolves it as it
 * would a single claim's (ProvisioningService re-reads the device on an unknown outcome). Two claims of one device in
 * the same gathering go to consecutive batches, as the chaincode refuses a repeated id within one.
 *
 * <p>{@code biotdm.claim-commit.committers} threads each gather and submit a batch, so that one batch gathers while
 * others wait for their block. The queue holds at most {@value #QUEUE_LIMIT} waiting claims; a claim beyond is refused
 * with {@code LEDGER_UNAVAILABLE}.
 */
@Singleton
final class ClaimGroupCommit implements AutoCloseable {
    static final int QUEUE_LIMIT = 20_000;

    private final DeviceLedger ledger;
    private final ClaimCommitConfiguration configuration;
    private final LinkedBlockingQueue<Pending> queue = new LinkedBlockingQueue<>(QUEUE_LIMIT);
    private final List<Thread> committers = new ArrayList<>();
    private volatile boolean running = true;

    /**
     * Creates the group commit; its threads start with the first claim.
     *
     * @param ledger the device ledger
     * @param configuration the linger and committer count
     */
    public ClaimGroupCommit(DeviceLedger ledger, ClaimCommitConfiguration configuration) {
        this.ledger = ledger;
        this.configuration = configuration;
    }

    /**
     * Claims a device in the next batch and waits for that batch's outcome.
     *
     * @param claim the claim
     * @return the claimed record and the batch's transaction
     * @throws LedgerException the item's refusal (every code of ClaimDevice), or the whole batch's ledger failure
     */
    public DeviceChange claim(DeviceLedger.Claim claim) throws LedgerException {
        startCommitters();
        Pending pending = new Pending(claim, new CompletableFuture<>());
        if (!running || !queue.offer(pending)) {
            throw unavailable("Too many claims are waiting for the ledger; retry shortly", null);
        }
        try {
            return pending.outcome().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("Interrupted while waiting for the claim's batch", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof LedgerException failure) {
                throw failure;
            }
            throw new IllegalStateException("claim batch failed", e.getCause());
        }
    }

    @PreDestroy
    @Override
    public void close() {
        running = false;
        synchronized (committers) {
            committers.forEach(Thread::interrupt);
        }
        LedgerException stopped = unavailable("The gateway is shutting down", null);
        for (Pending pending = queue.poll(); pending != null; pending = queue.poll()) {
            pending.outcome().completeExceptionally(stopped);
        }
    }

    private void startCommitters() {
        synchronized (committers) {
            while (running && committers.size() < configuration.committers()) {
                Thread thread = new Thread(this::commitLoop, "claim-commit-" + committers.size());
                thread.setDaemon(true);
                committers.add(thread);
                thread.start();
            }
        }
    }

    private void commitLoop() {
        Deque<Pending> carried = new ArrayDeque<>();
        while (running) {
            try {
                List<Pending> batch = gather(carried);
                if (!batch.isEmpty()) {
                    submit(batch);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                carried.forEach(p -> p.outcome().completeExceptionally(unavailable("The gateway is shutting down", e)));
                return;
            }
        }
    }

    /**
     * Takes the claims carried over from the last batch, then claims from the queue until the batch is full or the
     * linger after its first claim has passed; a second claim of a device in the batch is carried to the next one.
     */
    private List<Pending> gather(Deque<Pending> carried) throws InterruptedException {
        List<Pending> batch = new ArrayList<>();
        Set<String> devices = new HashSet<>();
        List<Pending> earlier = new ArrayList<>(carried);
        carried.clear();
        earlier.forEach(pending -> add(pending, batch, devices, carried));
        if (batch.isEmpty()) {
            Pending first = queue.poll(1, TimeUnit.SECONDS);
            if (first == null) {
                return batch;
            }
            add(first, batch, devices, carried);
        }
        long deadline = System.nanoTime() + configuration.linger().toNanos();
        while (batch.size() < DeviceLedger.MAX_BATCH) {
            Pending next = queue.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (next == null) {
                break;
            }
            add(next, batch, devices, carried);
        }
        return batch;
    }

    private static void add(Pending pending, List<Pending> batch, Set<String> devices, Deque<Pending> carried) {
        if (devices.add(pending.claim().deviceId())) {
            batch.add(pending);
        } else {
            carried.addLast(pending);
        }
    }

    private void submit(List<Pending> batch) {
        try {
            DeviceLedger.BatchChange change =
                    ledger.claimDevices(batch.stream().map(Pending::claim).toList());
            List<LedgerBatch.Item> items = change.batch().items();
            for (int i = 0; i < batch.size(); i++) {
                complete(batch.get(i), items.get(i), change);
            }
        } catch (LedgerException e) {
            batch.forEach(p -> p.outcome().completeExceptionally(e));
        } catch (RuntimeException e) {
            batch.forEach(p -> p.outcome().completeExceptionally(e));
        }
    }

    private static void complete(Pending pending, LedgerBatch.Item item, DeviceLedger.BatchChange change) {
        try {
            pending.outcome().complete(item.change(change.receipt()));
        } catch (LedgerException e) {
            pending.outcome().completeExceptionally(e);
        }
    }

    private static LedgerException unavailable(String message, Throwable cause) {
        return new LedgerException(
                LedgerException.Kind.UNAVAILABLE, ErrorCode.LEDGER_UNAVAILABLE, message, null, cause);
    }

    /** A claim waiting for its batch. */
    private record Pending(DeviceLedger.Claim claim, CompletableFuture<DeviceChange> outcome) {}
}
