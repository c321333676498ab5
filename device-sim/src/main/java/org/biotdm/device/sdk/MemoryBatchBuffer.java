package org.biotdm.device.sdk;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * A buffer in memory: batches survive outages and retries but not a crash. For simulators and load tests, where the
 * file system would be the bottleneck. Thread-safe.
 */
public final class MemoryBatchBuffer implements BatchBuffer {
    private final ConcurrentSkipListMap<Long, SignedBatch> batches = new ConcurrentSkipListMap<>();

    @Override
    public void append(SignedBatch batch) {
        batches.put(batch.seq(), batch);
    }

    @Override
    public List<SignedBatch> pending() {
        return new ArrayList<>(batches.values());
    }

    @Override
    public void remove(long seq) {
        batches.remove(seq);
    }

    @Override
    public int size() {
        return batches.size();
    }
}
