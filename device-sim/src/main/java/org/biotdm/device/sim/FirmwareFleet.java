package org.biotdm.device.sim;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import org.biotdm.device.sdk.DeviceClient;
import org.biotdm.device.sdk.DeviceCommand;
import org.biotdm.device.sdk.FirmwareCommandHandler;
import org.biotdm.device.sdk.FirmwareUpdater;
import org.biotdm.protocol.firmware.FirmwareManifest;

/**
 * Simulated devices taking firmware updates: each device long-polls its commands and hands every {@code
 * firmware-update} to a {@link FirmwareCommandHandler} on a worker pool; a device installs (switches its version) only
 * an image that passed every check, and otherwise keeps its firmware and reports {@code FAILED} with the reason. A
 * chosen share of the devices injects a fault: one bit of their first image range flips on the way in, so they refuse
 * the image with {@code FIRMWARE_IMAGE_HASH_MISMATCH}, as a device with a bad radio link or flash would. Which devices
 * fail depends only on their IDs, so a repeated run fails the same ones.
 */
public final class FirmwareFleet implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(FirmwareFleet.class.getName());
    private static final Duration POLL_WAIT = Duration.ofSeconds(20);
    private static final Duration POLL_BACKOFF = Duration.ofSeconds(1);

    private final FirmwareCommandHandler handler;
    private volatile double failingShare;
    private final ExecutorService workers;
    private final Map<String, FirmwareManifest> installed = new ConcurrentHashMap<>();
    private final Set<String> handled = ConcurrentHashMap.newKeySet();
    private final AtomicLong updated = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile boolean running = true;

    /**
     * Creates the fleet's update side.
     *
     * @param handler runs one command
     * @param failingShare the share of devices that inject a fault, 0 to 1
     * @param workers how many updates run at once
     */
    public FirmwareFleet(FirmwareCommandHandler handler, double failingShare, int workers) {
        this.handler = handler;
        this.failingShare = failingShare;
        this.workers = Executors.newFixedThreadPool(workers, r -> {
            Thread t = new Thread(r, "firmware-device");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Tells whether a device injects a fault.
     *
     * @param deviceId the device ID
     * @return true for about {@code failingShare} of all IDs
     */
    public boolean failing(String deviceId) {
        return Math.floorMod(deviceId.hashCode() * 0x9E3779B1, 10_000) < failingShare * 10_000;
    }

    /**
     * Changes the share of devices that inject a fault, for the updates that start from now on.
     *
     * @param share 0 to 1
     */
    public void failingShare(double share) {
        this.failingShare = share;
    }

    /**
     * Starts polling each device's commands.
     *
     * @param devices the devices' clients
     */
    public void start(List<DeviceClient> devices) {
        devices.forEach(this::poll);
    }

    /**
     * Returns the version each device runs after an update in this run.
     *
     * @param deviceId the device ID
     * @return the version, or null when it took none
     */
    public String installedVersion(String deviceId) {
        FirmwareManifest manifest = installed.get(deviceId);
        return manifest == null ? null : manifest.version();
    }

    /**
     * Returns how many updates were installed.
     *
     * @return the count
     */
    public long updated() {
        return updated.get();
    }

    /**
     * Returns how many updates a device refused or gave up.
     *
     * @return the count
     */
    public long failed() {
        return failed.get();
    }

    private void poll(DeviceClient device) {
        if (!running) {
            return;
        }
        device.pollCommands(POLL_WAIT).whenComplete((commands, error) -> {
            if (error != null) {
                delayThenPoll(device);
                return;
            }
            for (DeviceCommand command : commands) {
                if (FirmwareCommandHandler.COMMAND_TYPE.equals(command.commandType())
                        && handled.add(command.commandId())) {
                    workers.execute(() -> update(device, command));
                }
            }
            poll(device);
        });
    }

    private void delayThenPoll(DeviceClient device) {
        java.util.concurrent.CompletableFuture.delayedExecutor(
                        POLL_BACKOFF.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
                .execute(() -> poll(device));
    }

    private void update(DeviceClient device, DeviceCommand command) {
        String deviceId = device.deviceId();
        FirmwareManifest current = installed.get(deviceId);
        UnaryOperator<FirmwareUpdater.ImageSource> sources =
                failing(deviceId) ? FirmwareFleet::flipFirstBit : UnaryOperator.identity();
        try {
            FirmwareCommandHandler.Outcome outcome = handler.handle(
                    device,
                    command,
                    current == null ? 0 : current.sequence(),
                    (manifest, image) -> installed.put(deviceId, manifest),
                    sources);
            (outcome.installed() == null ? failed : updated).incrementAndGet();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            failed.incrementAndGet();
            LOG.log(
                    System.Logger.Level.WARNING,
                    "Device " + deviceId + " could not finish command " + command.commandId(),
                    e);
        }
    }

    /** Flips one bit of the first range, as a corrupted transfer would. */
    private static FirmwareUpdater.ImageSource flipFirstBit(FirmwareUpdater.ImageSource source) {
        return (offset, length) -> {
            byte[] chunk = source.read(offset, length);
            if (offset == 0 && chunk.length > 0) {
                chunk[0] ^= 1;
            }
            return chunk;
        };
    }

    @Override
    public void close() {
        running = false;
        workers.shutdownNow();
    }
}
