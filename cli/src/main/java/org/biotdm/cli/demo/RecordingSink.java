package org.biotdm.cli.demo;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.biotdm.device.sim.ReplaySink;
import org.biotdm.protocol.telemetry.Reading;

/**
 * Passes a replay's readings on and remembers the reading time given to each row, in file order, so labelled rows can
 * be matched with the alerts their readings raised.
 */
final class RecordingSink implements ReplaySink {
    private final ReplaySink delegate;
    private final List<Long> rowTimes = new ArrayList<>();

    RecordingSink(ReplaySink delegate) {
        this.delegate = delegate;
    }

    @Override
    public void accept(String deviceId, List<Reading> readings) throws IOException {
        rowTimes.add(readings.get(0).ts());
        delegate.accept(deviceId, readings);
    }

    @Override
    public void tick(long nowMillis) throws IOException {
        delegate.tick(nowMillis);
    }

    @Override
    public long finish(Duration timeout) throws IOException, InterruptedException {
        return delegate.finish(timeout);
    }

    /**
     * Returns the reading time of each row sent, in file order.
     *
     * @return epoch milliseconds per row
     */
    List<Long> rowTimes() {
        return List.copyOf(rowTimes);
    }
}
