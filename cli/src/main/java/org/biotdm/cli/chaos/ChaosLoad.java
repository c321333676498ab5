package org.biotdm.cli.chaos;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.biotdm.cli.DeviceFleet;
import org.biotdm.cli.Home;
import org.biotdm.cli.demo.DemoData;
import org.biotdm.device.sdk.DeviceClient;
import org.biotdm.device.sim.CsvReplay;
import org.biotdm.device.sim.ReplayOptions;

/**
 * The devices of a chaos run: each replays one Suthaharan mote's file (humidity and temperature, a row every 5 s of
 * the original, sped up to the run's rate) through the SDK with its durable buffer, from a thread of its own, a minute
 * of rows at a time from the start of the file until {@link #stop}; {@link #drain} then waits until every device's buffer is
 * empty. With several gateway instances (one fleet each) the devices take turns: the first device goes to the first
 * instance, the second to the second, and so on; a device keeps its instance and, while it is down, retries from its
 * buffer until the instance is back.
 */
final class ChaosLoad {
    /** The device group of the run's devices, which the operator is granted. */
    static final String GROUP = "chaos";

    private static final int BATCH_SIZE = 20;
    private static final long MAX_DELAY_MS = 1_000;
    private static final int MAX_PENDING = 64;
    private static final Duration DRAIN = Duration.ofMinutes(5);
    /** The motes' files have a row every 5 s, two readings each. */
    private static final double ROW_INTERVAL_S = 5;

    private static final double READINGS_PER_ROW = 2;

    private final List<DeviceFleet> fleets;
    private final ChaosHistory history;
    private final double rate;
    private final List<Thread> threads = new ArrayList<>();
    private final List<DeviceClient> clients = new ArrayList<>();
    private final List<Set<String>> devicesByFleet = new ArrayList<>();
    private volatile boolean stopped;

    /**
     * Prepares the load.
     *
     * @param fleets per gateway instance, first one first, the fleet of devices that talk to it
     * @param history where handed and acknowledged readings are recorded
     * @param rate readings per second per device
     */
    ChaosLoad(List<DeviceFleet> fleets, ChaosHistory history, double rate) {
        this.fleets = List.copyOf(fleets);
        this.history = history;
        this.rate = rate;
        fleets.forEach(fleet -> devicesByFleet.add(new LinkedHashSet<>()));
    }

    /**
     * Provisions the devices and starts their replays.
     *
     * @param count how many devices, at most the motes' files
     * @return the devices' SDK clients
     * @throws IOException when a device cannot be provisioned
     */
    List<DeviceClient> start(int count) throws IOException {
        List<DemoData.Replay> motes = DemoData.replays(Home.detect().sharedData(), 0, 0).stream()
                .filter(replay -> "wsn-mote".equals(replay.deviceType()))
                .limit(count)
                .toList();
        for (DemoData.Replay mote : motes) {
            String deviceId = "chaos-" + mote.deviceId();
            int gateway = clients.size() % fleets.size();
            DeviceFleet fleet = fleets.get(gateway);
            clients.add(fleet.devices().device(deviceId));
            devicesByFleet.get(gateway).add(deviceId);
            ReplayOptions options = replay(mote.options(), deviceId, ROW_INTERVAL_S * rate / READINGS_PER_ROW, 0);
            Thread thread = new Thread(() -> replayUntilStopped(fleet, options), "chaos-" + deviceId);
            thread.setDaemon(true);
            thread.start();
            threads.add(thread);
        }
        return List.copyOf(clients);
    }

    /**
     * Returns which devices talk to which gateway instance, after {@link #start}.
     *
     * @return per fleet, in the order given, its devices' IDs
     */
    List<Set<String>> devicesByGateway() {
        return devicesByFleet.stream().map(Set::copyOf).toList();
    }

    private void replayUntilStopped(DeviceFleet fleet, ReplayOptions options) {
        ChaosSink sink = new ChaosSink(fleet.devices(), history, BATCH_SIZE, MAX_DELAY_MS, MAX_PENDING);
        // A minute of rows at a time, so the replay can end soon after stop().
        long rowsPerMinute = Math.max(1, (long) (60 * options.speedup() / ROW_INTERVAL_S));
        try {
            while (!stopped) {
                new CsvReplay(replay(options, options.device(), options.speedup(), rowsPerMinute))
                        .run(sink, Duration.ofMillis(1));
            }
        } catch (IOException e) {
            history.rejected(options.device(), "replay stopped: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Ends the replays at the end of their current minute of rows, once the run's time is over and every fault has
     * recovered (a fault's recovery is seen in the acknowledgements, so the devices send until then).
     */
    void stop() {
        stopped = true;
    }

    /**
     * Waits for the replays to end.
     *
     * @throws InterruptedException when interrupted
     */
    void awaitEnd() throws InterruptedException {
        for (Thread thread : threads) {
            thread.join();
        }
    }

    /**
     * Waits until every device delivered what its buffer held.
     *
     * @param err where progress goes
     * @return true when every buffer is empty
     * @throws InterruptedException when interrupted
     */
    boolean drain(PrintStream err) throws InterruptedException {
        err.println("CHAOS draining the devices' buffers");
        boolean empty = true;
        for (DeviceClient client : clients) {
            empty &= client.flush(DRAIN);
        }
        return empty;
    }

    /** The mote's replay options with the run's device ID, speed-up and row limit. */
    private static ReplayOptions replay(ReplayOptions o, String device, double speedup, long limit) {
        return new ReplayOptions(
                o.csv(),
                o.delimiter(),
                o.header(),
                o.timestampColumns(),
                o.timestampFormat(),
                o.zone(),
                o.intervalMs(),
                o.deviceColumn(),
                device,
                o.devicePrefix(),
                o.sensorColumns(),
                o.sensorColumn(),
                o.valueColumn(),
                o.missing(),
                speedup,
                limit);
    }
}
