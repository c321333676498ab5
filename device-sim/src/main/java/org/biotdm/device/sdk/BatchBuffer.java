package org.biotdm.device.sdk;

import java.io.IOException;
import java.util.List;

/**
 * Where signed batches wait until the gateway acknowledges them. A batch is appended before it is first sent and
 * removed only after its {@code 200}, so nothing the device measured is lost to a crash, an outage or a refusal the
 * device can retry.
 */
public interface BatchBuffer extends AutoCloseable {
    /**
     * Adds a batch; when this returns, the batch survives a crash (for durable buffers).
     *
     * @param batch the signed batch
     * @throws IOException when it cannot be stored; the batch must then not be sent
     */
    void append(SignedBatch batch) throws IOException;

    /**
     * Returns the batches not yet removed, oldest sequence number first.
     *
     * @return a snapshot
     */
    List<SignedBatch> pending();

    /**
     * Removes an acknowledged (or permanently refused) batch.
     *
     * @param seq its sequence number
     * @throws IOException when it cannot be removed; it will then be sent again after a restart, which the gateway
     *     answers with the original acknowledgement
     */
    void remove(long seq) throws IOException;

    /**
     * Returns how many batches wait.
     *
     * @return the count
     */
    int size();

    @Override
    default void close() {}
}
