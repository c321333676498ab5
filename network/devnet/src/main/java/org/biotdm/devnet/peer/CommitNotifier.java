package org.biotdm.devnet.peer;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.biotdm.devnet.ledger.TxLocation;

/**
 * Wakes the callers waiting for a transaction to commit (the gateway's CommitStatus) and for the ledger to grow (block
 * and chaincode event streams). Notifications are sent only after a block is durably stored.
 */
final class CommitNotifier {
    private final Map<String, CompletableFuture<TxLocation>> waiting = new ConcurrentHashMap<>();
    private final Object heightMonitor = new Object();
    private long height;

    CommitNotifier(long initialHeight) {
        this.height = initialHeight;
    }

    /** Returns a future completed when the transaction commits; the caller checks the ledger before and after. */
    CompletableFuture<TxLocation> watch(String txId) {
        return waiting.computeIfAbsent(txId, id -> new CompletableFuture<>());
    }

    void forget(String txId, CompletableFuture<TxLocation> future) {
        waiting.remove(txId, future);
    }

    void committed(String txId, TxLocation location) {
        CompletableFuture<TxLocation> future = waiting.remove(txId);
        if (future != null) {
            future.complete(location);
        }
    }

    void heightChanged(long newHeight) {
        synchronized (heightMonitor) {
            height = newHeight;
            heightMonitor.notifyAll();
        }
    }

    /**
     * Blocks until the ledger holds more than {@code blockNumber} blocks or the timeout passes.
     *
     * @return true when the block exists
     */
    boolean awaitBlock(long blockNumber, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        synchronized (heightMonitor) {
            while (height <= blockNumber) {
                long remaining = (deadline - System.nanoTime()) / 1_000_000L;
                if (remaining <= 0) {
                    return false;
                }
                heightMonitor.wait(remaining);
            }
            return true;
        }
    }
}
