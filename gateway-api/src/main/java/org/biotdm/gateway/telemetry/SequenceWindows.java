package org.biotdm.gateway.telemetry;

import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import org.biotdm.gateway.db.DatabaseConfiguration;
import org.biotdm.gateway.error.ApiException;
import org.biotdm.gateway.ingress.IngressConfiguration;
import org.biotdm.gateway.telemetry.SequenceWindow.Verdict;

/**
 * The sequence windows of all devices: a bounded in-memory cache backed by {@code telemetry_batches}.
 *
 * <p>On a miss the device's 64 highest accepted numbers are loaded on the I/O executor (never on an event loop);
 * requests for the device wait for that load. The writer marks numbers after each commit. The window is a fast
 * filter: the writer's insert into {@code telemetry_batches} (primary key {@code (device_id, batch_seq)}) remains the
 * authority on duplicates, also between gateway instances. Beyond {@code biotdm.ingress.sequence-cache-size} devices
 * an arbitrary eighth of the entries is dropped; they reload on their next batch.
 */
@Singleton
final class SequenceWindows {
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final TelemetryRepository repository;
    private final ExecutorService executor;
    private final int maxEntries;
    private final long retryAfterSeconds;

    /**
     * Creates the cache.
     *
     * @param repository reads the recent sequence numbers on a miss
     * @param executor the I/O executor for loads
     * @param ingress the ingress settings ({@code sequence-cache-size})
     * @param database the database settings ({@code retry-after})
     */
    public SequenceWindows(
            TelemetryRepository repository,
            @Named(TaskExecutors.IO) ExecutorService executor,
            IngressConfiguration ingress,
            DatabaseConfiguration database) {
        this.repository = repository;
        this.executor = executor;
        this.maxEntries = ingress.sequenceCacheSize();
        this.retryAfterSeconds = database.retryAfter().toSeconds();
    }

    /**
     * Judges a device's sequence number.
     *
     * @param deviceId the device ID
     * @param seq the sequence number
     * @return the verdict, completed at once when the device's window is cached; fails with 503 {@code
     *     DATABASE_UNAVAILABLE} when the window cannot be loaded
     */
    public CompletableFuture<Verdict> check(String deviceId, long seq) {
        Entry entry = entries.get(deviceId);
        if (entry == null) {
            entry = load(deviceId);
        }
        CompletableFuture<Void> loaded = entry.loaded;
        if (loaded.isDone() && !loaded.isCompletedExceptionally()) {
            return CompletableFuture.completedFuture(entry.window.check(seq));
        }
        SequenceWindow window = entry.window;
        return loaded.thenApply(ignored -> window.check(seq));
    }

    /**
     * Records a committed sequence number; called by the writer after each commit.
     *
     * @param deviceId the device ID
     * @param seq the committed number
     */
    public void accepted(String deviceId, long seq) {
        Entry entry = entries.get(deviceId);
        if (entry != null) {
            entry.window.markAccepted(seq);
        }
    }

    /**
     * Returns how many devices have a cached window.
     *
     * @return the number of entries
     */
    public int size() {
        return entries.size();
    }

    private Entry load(String deviceId) {
        if (entries.size() >= maxEntries) {
            evictSome();
        }
        Entry fresh = new Entry(new SequenceWindow(), new CompletableFuture<>());
        Entry existing = entries.putIfAbsent(deviceId, fresh);
        if (existing != null) {
            return existing;
        }
        executor.execute(() -> fill(deviceId, fresh));
        return fresh;
    }

    private void fill(String deviceId, Entry entry) {
        try {
            for (long seq : repository.recentSequenceNumbers(deviceId, SequenceWindow.SIZE)) {
                entry.window.markAccepted(seq);
            }
            entry.loaded.complete(null);
        } catch (SQLException | RuntimeException e) {
            entries.remove(deviceId, entry);
            entry.loaded.completeExceptionally(
                    new CompletionException(ApiException.databaseUnavailable(retryAfterSeconds, e)));
        }
    }

    private void evictSome() {
        int toDrop = Math.max(1, entries.size() / 8);
        Iterator<String> keys = entries.keySet().iterator();
        while (toDrop-- > 0 && keys.hasNext()) {
            keys.next();
            keys.remove();
        }
    }

    private record Entry(SequenceWindow window, CompletableFuture<Void> loaded) {}
}
