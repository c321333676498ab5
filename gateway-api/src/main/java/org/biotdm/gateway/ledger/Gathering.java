package org.biotdm.gateway.ledger;

import java.time.Duration;
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
import java.util.function.Function;
import org.biotdm.gateway.error.ErrorCode;

/**
 * Gathers concurrent per-device ledger calls into one call for many devices, as the telemetry group commit gathers
 * readings: each {@link #call} waits while the next batch fills, for up to {@code linger} after the batch's first item
 * or until it holds {@code maxBatch} items, and then gets its own result or its own {@link LedgerException}. {@code
 * runners} threads each gather and run a batch, so that one batch gathers while others wait for the ledger. Two items
 * with the same key (a device ID) never share a batch: the later one is carried to the next, as a batch transaction
 * refuses a repeated device.
 *
 * <p>At most {@value #QUEUE_LIMIT} items wait at once; an item beyond, or one arriving after {@link #close}, is refused
 * with {@code LEDGER_UNAVAILABLE}. A failure of the whole batch call reaches every item of the batch.
 *
 * @param <T> an item
 * @param <R> one item's result
 */
public final class Gathering<T, R> implements AutoCloseable {
    static final int QUEUE_LIMIT = 20_000;

    /**
     * Runs one batch.
     *
     * @param <T> an item
     * @param <R> one item's result
     */
    @FunctionalInterface
    public interface BatchCall<T, R> {
        /**
         * Runs the batch and completes each item's outcome; outcomes it leaves open are failed with the batch's error.
         *
         * @param items the items, at most {@code maxBatch}, no two with the same key
         * @param outcomes one per item, in the same order
         * @throws LedgerException when the whole batch failed
         */
        void run(List<T> items, List<CompletableFuture<R>> outcomes) throws LedgerException;
    }

    private final String name;
    private final Function<T, String> keyOf;
    private final BatchCall<T, R> batchCall;
    private final Duration linger;
    private final int maxBatch;
    private final int runners;
    private final LinkedBlockingQueue<Pending<T, R>> queue = new LinkedBlockingQueue<>(QUEUE_LIMIT);
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;

    /**
     * Creates the gathering; its threads start with the first call.
     *
     * @param name names the threads ({@code <name>-0}, …)
     * @param keyOf an item's key (its device ID)
     * @param batchCall runs a batch
     * @param linger how long a batch gathers after its first item
     * @param maxBatch most items in one batch, ≥ 1
     * @param runners batches gathered and run at once, ≥ 1
     */
    public Gathering(
            String name,
            Function<T, String> keyOf,
            BatchCall<T, R> batchCall,
            Duration linger,
            int maxBatch,
            int runners) {
        this.name = name;
        this.keyOf = keyOf;
        this.batchCall = batchCall;
        this.linger = linger;
        this.maxBatch = maxBatch;
        this.runners = runners;
    }

    /**
     * Adds the item to the next batch and waits for its result.
     *
     * @param item the item
     * @return its result
     * @throws LedgerException the item's own refusal, or the whole batch's failure
     */
    public R call(T item) throws LedgerException {
        startRunners();
        Pending<T, R> pending = new Pending<>(item, new CompletableFuture<>());
        if (!running || !queue.offer(pending)) {
            throw unavailable("Too many requests are waiting for the ledger; retry shortly", null);
        }
        try {
            return pending.outcome().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("Interrupted while waiting for the ledger", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof LedgerException failure) {
                throw failure;
            }
            throw new IllegalStateException(name + " batch failed", e.getCause());
        }
    }

    /** Stops the threads and refuses the waiting items with {@code LEDGER_UNAVAILABLE}. */
    @Override
    public void close() {
        running = false;
        synchronized (threads) {
            threads.forEach(Thread::interrupt);
        }
        LedgerException stopped = unavailable("The gateway is shutting down", null);
        for (Pending<T, R> pending = queue.poll(); pending != null; pending = queue.poll()) {
            pending.outcome().completeExceptionally(stopped);
        }
    }

    private void startRunners() {
        synchronized (threads) {
            while (running && threads.size() < runners) {
                Thread thread = new Thread(this::runLoop, name + "-" + threads.size());
                thread.setDaemon(true);
                threads.add(thread);
                thread.start();
            }
        }
    }

    private void runLoop() {
        Deque<Pending<T, R>> carried = new ArrayDeque<>();
        while (running) {
            try {
                List<Pending<T, R>> batch = gather(carried);
                if (!batch.isEmpty()) {
                    run(batch);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                carried.forEach(p -> p.outcome().completeExceptionally(unavailable("The gateway is shutting down", e)));
                return;
            }
        }
    }

    /**
     * Takes the items carried over from the last batch, then items from the queue until the batch is full or the
     * linger after its first item has passed; a second item with a key already in the batch is carried to the next.
     */
    private List<Pending<T, R>> gather(Deque<Pending<T, R>> carried) throws InterruptedException {
        List<Pending<T, R>> batch = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        List<Pending<T, R>> earlier = new ArrayList<>(carried);
        carried.clear();
        earlier.forEach(pending -> add(pending, batch, keys, carried));
        if (batch.isEmpty()) {
            Pending<T, R> first = queue.poll(1, TimeUnit.SECONDS);
            if (first == null) {
                return batch;
            }
            add(first, batch, keys, carried);
        }
        long deadline = System.nanoTime() + linger.toNanos();
        while (batch.size() < maxBatch) {
            Pending<T, R> next = queue.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (next == null) {
                break;
            }
            add(next, batch, keys, carried);
        }
        return batch;
    }

    private void add(Pending<T, R> pending, List<Pending<T, R>> batch, Set<String> keys, Deque<Pending<T, R>> carried) {
        if (keys.add(keyOf.apply(pending.item()))) {
            batch.add(pending);
        } else {
            carried.addLast(pending);
        }
    }

    private void run(List<Pending<T, R>> batch) {
        List<CompletableFuture<R>> outcomes =
                batch.stream().map(Pending::outcome).toList();
        try {
            batchCall.run(batch.stream().map(Pending::item).toList(), outcomes);
            IllegalStateException open = new IllegalStateException(name + " batch left an item without a result");
            outcomes.forEach(outcome -> outcome.completeExceptionally(open));
        } catch (LedgerException | RuntimeException e) {
            outcomes.forEach(outcome -> outcome.completeExceptionally(e));
        }
    }

    private static LedgerException unavailable(String message, Throwable cause) {
        return new LedgerException(
                LedgerException.Kind.UNAVAILABLE, ErrorCode.LEDGER_UNAVAILABLE, message, null, cause);
    }

    /** An item waiting for its batch. */
    private record Pending<T, R>(T item, CompletableFuture<R> outcome) {}
}
