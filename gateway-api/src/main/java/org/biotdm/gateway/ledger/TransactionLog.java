package org.biotdm.gateway.ledger;

import io.micronaut.context.BeanProvider;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Records every transaction the gateway submits in the {@code blockchain_tx} table, off the caller's thread: entries
 * go to a bounded queue drained by one background thread, so a slow or absent database never delays a ledger call.
 * When the queue is full or the database refuses a row, the entry is dropped and counted; the ledger itself remains
 * the record of what committed.
 *
 * <p>Statuses: {@value #COMMITTED}; a {@code TxValidationCode} name such as {@code MVCC_READ_CONFLICT} for a
 * transaction invalidated at commit; {@value #ENDORSE_FAILED}; {@value #SUBMIT_FAILED}; {@value #UNKNOWN}.
 */
@Singleton
public class TransactionLog implements AutoCloseable {
    /** The transaction committed as valid. */
    public static final String COMMITTED = "COMMITTED";
    /** Endorsement failed (a chaincode error or an unreachable peer); nothing reached the orderer. */
    public static final String ENDORSE_FAILED = "ENDORSE_FAILED";
    /** The orderer did not take the endorsed transaction. */
    public static final String SUBMIT_FAILED = "SUBMIT_FAILED";
    /** The transaction reached the orderer but its commit status could not be read. */
    public static final String UNKNOWN = "UNKNOWN";

    private static final Logger LOG = LoggerFactory.getLogger(TransactionLog.class);
    private static final int QUEUE_CAPACITY = 10_000;

    private final BeanProvider<TransactionLogRepository> repository;
    private final ThreadPoolExecutor writer;
    private final AtomicLong dropped = new AtomicLong();

    /**
     * Creates the log; the repository (and with it the database) is looked up on the writer thread when the first
     * entry is written. Each entry is written on its own, in auto-commit.
     *
     * @param repository the {@code blockchain_tx} repository
     */
    TransactionLog(BeanProvider<TransactionLogRepository> repository) {
        this.repository = repository;
        this.writer =
                new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(QUEUE_CAPACITY), r -> {
                    Thread thread = new Thread(r, "ledger-tx-log");
                    thread.setDaemon(true);
                    return thread;
                });
        this.writer.setRejectedExecutionHandler((r, executor) -> dropped.incrementAndGet());
    }

    /**
     * Queues one transaction outcome for writing; returns at once. Its log line carries the caller's log context (the
     * MDC: the request ID and the device or person, see {@code org.biotdm.gateway.logging}).
     *
     * @param transactionId the Fabric transaction ID
     * @param function the transaction as {@code <contract>:<Transaction>}, for example {@code devices:ClaimDevice}
     * @param entityKey the ledger entity the transaction concerns, {@code <entity>:<id>} (for example {@code
     *     device:d-17}), or null
     * @param submitter the submitting identity's display name
     * @param status the outcome (see the class description)
     * @param blockNumber the block number, or null when not committed
     */
    public void record(
            String transactionId,
            String function,
            String entityKey,
            String submitter,
            String status,
            Long blockNumber) {
        Instant now = Instant.now();
        Map<String, String> logContext = MDC.getCopyOfContextMap();
        writer.execute(() -> {
            if (logContext != null) {
                MDC.setContextMap(logContext);
            }
            try {
                write(transactionId, function, entityKey, submitter, status, blockNumber, now);
            } finally {
                MDC.clear();
            }
        });
    }

    /**
     * Returns how many entries were dropped because the queue was full or the database refused them.
     *
     * @return the count since start
     */
    public long droppedCount() {
        return dropped.get();
    }

    /**
     * Waits until every entry queued so far has been written or dropped; for tests and orderly shutdown.
     *
     * @param timeoutMillis the longest wait, milliseconds
     * @return true when the queue drained in time
     * @throws InterruptedException when interrupted while waiting
     */
    public boolean flush(long timeoutMillis) throws InterruptedException {
        CountDownLatch latch = new CountDownLatch(1);
        writer.execute(latch::countDown);
        return latch.await(timeoutMillis, TimeUnit.MILLISECONDS);
    }

    private void write(
            String transactionId,
            String function,
            String entityKey,
            String submitter,
            String status,
            Long blockNumber,
            Instant createdAt) {
        logStructured(transactionId, function, entityKey, status, blockNumber);
        try {
            repository
                    .get()
                    .upsert(new TransactionLogEntry(
                            transactionId,
                            truncate(function, 64),
                            truncate(entityKey, 160),
                            truncate(submitter, 255),
                            truncate(status, 32),
                            blockNumber,
                            createdAt));
        } catch (RuntimeException e) {
            if (dropped.getAndIncrement() % 1000 == 0) {
                LOG.warn("blockchain_tx entry for {} not written: {}", transactionId, e.getMessage());
            }
        }
    }

    /**
     * Logs the transaction with its ID, and the device ID when it concerns a device, as fields of their own (in the
     * JSON log format, {@code logback-json.xml}).
     */
    private static void logStructured(
            String transactionId, String function, String entityKey, String status, Long blockNumber) {
        var event = LOG.atInfo()
                .addKeyValue("transactionId", transactionId)
                .addKeyValue("function", function)
                .addKeyValue("status", status);
        if (entityKey != null && entityKey.startsWith("device:")) {
            event = event.addKeyValue("deviceId", entityKey.substring("device:".length()));
        }
        event.log("Ledger transaction {} {} in block {}", function, status, blockNumber);
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }

    /** Writes what is queued (waiting up to five seconds), then stops the writer thread. */
    @PreDestroy
    @Override
    public void close() {
        writer.shutdown();
        try {
            if (!writer.awaitTermination(5, TimeUnit.SECONDS)) {
                writer.shutdownNow();
            }
        } catch (InterruptedException e) {
            writer.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
