package org.biotdm.gateway.connectivity;

import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.biotdm.gateway.live.LiveEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tracks which devices are online. {@link #touch} notes a device's activity in memory (no I/O, so it may run on every
 * request); {@link #flush} writes what changed to {@code devices} in one pass per {@code flush-interval} and declares
 * devices silent for {@code inactivity-timeout} offline. Each change of state is published as a {@value #TYPE}
 * {@link LiveEvent} with {@code data = {state: "online"|"offline", lastActivityAt, connectedAt}} (epoch ms).
 *
 * <p>The map is keyed by authenticated device IDs only (the registry bounds them), and offline devices whose activity
 * is written leave it.
 */
@Singleton
public class Connectivity {
    /** The live event type of online/offline changes. */
    public static final String TYPE = "connectivity";

    private static final Logger LOG = LoggerFactory.getLogger(Connectivity.class);

    private final ConcurrentHashMap<String, Activity> devices = new ConcurrentHashMap<>();
    private final ActivityStore store;
    private final ApplicationEventPublisher<LiveEvent> publisher;
    private final long timeoutMs;

    /**
     * Creates the tracker.
     *
     * @param store writes activity to the device table
     * @param publisher publishes live events
     * @param configuration the timeout and flush interval
     */
    public Connectivity(
            ActivityStore store,
            ApplicationEventPublisher<LiveEvent> publisher,
            ConnectivityConfiguration configuration) {
        this.store = store;
        this.publisher = publisher;
        this.timeoutMs = configuration.inactivityTimeout().toMillis();
    }

    /**
     * Notes that a device was heard from; publishes {@code online} when it was not online (and first {@code offline}
     * when its silence outlasted the timeout before a flush noticed).
     *
     * @param deviceId the authenticated device
     * @param ownerMsp its owner's MSP ID
     * @param now the time, epoch ms
     */
    public void touch(String deviceId, String ownerMsp, long now) {
        Activity[] ended = new Activity[1];
        boolean[] connected = new boolean[1];
        Activity after = devices.compute(deviceId, (id, before) -> {
            if (before != null && before.online() && now - before.lastActivityAt() < timeoutMs) {
                return new Activity(ownerMsp, Math.max(before.lastActivityAt(), now), before.connectedAt(), true, true);
            }
            ended[0] = before != null && before.online() ? before : null;
            connected[0] = true;
            return new Activity(ownerMsp, now, now, true, true);
        });
        if (ended[0] != null) {
            publish(deviceId, ended[0], "offline", now);
        }
        if (connected[0]) {
            publish(deviceId, after, "online", now);
        }
    }

    /**
     * Tells whether a device is online by the activity noted in memory.
     *
     * @param deviceId the device
     * @param now the time, epoch ms
     * @return true when it was active within the inactivity timeout
     */
    public boolean isOnline(String deviceId, long now) {
        Activity activity = devices.get(deviceId);
        return activity != null && activity.online() && now - activity.lastActivityAt() < timeoutMs;
    }

    /** Writes the activity noted since the previous flush and declares silent devices offline. */
    @Scheduled(fixedDelay = "${biotdm.connectivity.flush-interval}", initialDelay = "1s")
    void flush() {
        flush(System.currentTimeMillis());
    }

    /**
     * Writes the activity noted since the previous flush and declares devices silent since {@code now - timeout}
     * offline. A failed write is tried again at the next flush.
     *
     * @param now the time, epoch ms
     */
    void flush(long now) {
        for (Map.Entry<String, Activity> entry : new LinkedHashMap<>(devices).entrySet()) {
            String deviceId = entry.getKey();
            Activity seen = entry.getValue();
            if (seen.dirty() && !write(deviceId, seen)) {
                continue;
            }
            boolean silent = seen.online() && now - seen.lastActivityAt() >= timeoutMs;
            Activity next = new Activity(
                    seen.ownerMsp(), seen.lastActivityAt(), seen.connectedAt(), !silent && seen.online(), false);
            if (next.online()) {
                devices.replace(deviceId, seen, next);
            } else if (devices.remove(deviceId, seen) && silent) {
                publish(deviceId, seen, "offline", now);
            }
        }
    }

    private boolean write(String deviceId, Activity activity) {
        try {
            store.write(deviceId, activity.lastActivityAt(), activity.connectedAt());
            return true;
        } catch (SQLException e) {
            LOG.warn("Could not write the activity of device {}; trying again at the next flush", deviceId, e);
            return false;
        }
    }

    private void publish(String deviceId, Activity activity, String state, long now) {
        publisher.publishEvent(new LiveEvent(
                TYPE,
                deviceId,
                activity.ownerMsp(),
                now,
                Map.of(
                        "state",
                        state,
                        "lastActivityAt",
                        activity.lastActivityAt(),
                        "connectedAt",
                        activity.connectedAt())));
    }

    /**
     * What the tracker knows of one device.
     *
     * @param ownerMsp its owner's MSP ID
     * @param lastActivityAt its latest activity, epoch ms
     * @param connectedAt the start of its current online period, epoch ms
     * @param online whether it counts as online
     * @param dirty whether the activity is not written yet
     */
    record Activity(String ownerMsp, long lastActivityAt, long connectedAt, boolean online, boolean dirty) {}
}
