package org.biotdm.gateway.export;

import jakarta.inject.Singleton;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Counts export activity: rows read from the database and exports under way (for tests and metrics). */
@Singleton
final class ExportMetrics {
    private final AtomicLong rowsRead = new AtomicLong();
    private final AtomicInteger active = new AtomicInteger();

    /**
     * Returns how many rows exports have read from the database.
     *
     * @return the count since start
     */
    public long rowsRead() {
        return rowsRead.get();
    }

    /**
     * Returns how many exports are being streamed.
     *
     * @return the count
     */
    public int active() {
        return active.get();
    }

    void rowRead() {
        rowsRead.incrementAndGet();
    }

    boolean tryStart(int max) {
        while (true) {
            int current = active.get();
            if (current >= max) {
                return false;
            }
            if (active.compareAndSet(current, current + 1)) {
                return true;
            }
        }
    }

    void finished() {
        active.decrementAndGet();
    }
}
