package org.biotdm.device.sim;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.biotdm.protocol.telemetry.Reading;

/** Where a replay delivers readings: simulated devices ({@link FleetReplaySink}), or a recorder in tests. */
public interface ReplaySink {
    /**
     * Takes the readings of one row.
     *
     * @param deviceId the device
     * @param readings the row's readings, each with its time
     * @throws IOException when the device cannot be opened or its buffer written
     */
    void accept(String deviceId, List<Reading> readings) throws IOException;

    /**
     * Called between rows, so a sink can send batches that waited long enough.
     *
     * @param nowMillis the replay clock, epoch ms
     * @throws IOException when a batch cannot be buffered
     */
    default void tick(long nowMillis) throws IOException {}

    /**
     * Returns how many readings the gateway acknowledged so far, for progress reports.
     *
     * @return the count
     */
    default long acknowledged() {
        return 0;
    }

    /**
     * Sends what is left and waits for the acknowledgements.
     *
     * @param timeout the longest wait
     * @return how many readings the gateway acknowledged
     * @throws IOException when a batch cannot be buffered
     * @throws InterruptedException when interrupted
     */
    long finish(Duration timeout) throws IOException, InterruptedException;
}
