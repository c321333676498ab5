package org.biotdm.gateway.live;

import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.serde.ObjectMapper;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.biotdm.gateway.access.DeviceAccess;
import org.biotdm.gateway.device.DeviceRecord;
import org.biotdm.gateway.device.DeviceRegistry;
import org.biotdm.gateway.users.ApiUser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers every published {@link LiveEvent} to the open {@code /ws/events} sessions whose person may see its device
 * ({@link DeviceAccess#canRead} on the registry's record) and whose filter wants it.
 *
 * <p>Publishers never wait: {@link #onApplicationEvent} only puts the event on a bounded queue (the oldest is dropped
 * and counted when it is full). One dispatcher thread looks the device up, serialises the event once, checks each
 * session and queues the text on the session, whose bounded queue is drained by asynchronous sends ({@link
 * LiveSession}).
 */
@Singleton
public class LiveEventHub implements ApplicationEventListener<LiveEvent>, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LiveEventHub.class);

    private final LiveConfiguration configuration;
    private final DeviceAccess access;
    private final DeviceRegistry registry;
    private final ObjectMapper json;
    private final Map<String, LiveSession> sessions = new ConcurrentHashMap<>();
    private final LinkedBlockingDeque<LiveEvent> pending;
    private final AtomicLong droppedEvents = new AtomicLong();
    private final AtomicLong dispatched = new AtomicLong();
    private final Thread dispatcher;
    private volatile boolean running = true;

    /**
     * Creates the hub and starts its dispatcher thread.
     *
     * @param configuration the live settings
     * @param access who may see which device
     * @param registry the device registry
     * @param json serialises events
     */
    public LiveEventHub(
            LiveConfiguration configuration, DeviceAccess access, DeviceRegistry registry, ObjectMapper json) {
        this.configuration = configuration;
        this.access = access;
        this.registry = registry;
        this.json = json;
        this.pending = new LinkedBlockingDeque<>(configuration.dispatchQueueCapacity());
        this.dispatcher = new Thread(this::dispatchLoop, "live-event-dispatcher");
        this.dispatcher.setDaemon(true);
        this.dispatcher.start();
    }

    /**
     * Takes a published event; returns at once.
     *
     * @param event the event
     */
    @Override
    public void onApplicationEvent(LiveEvent event) {
        if (sessions.isEmpty()) {
            return;
        }
        while (!pending.offerLast(event)) {
            if (pending.pollFirst() != null) {
                droppedEvents.incrementAndGet();
            }
        }
    }

    /**
     * Opens a session for a signed-in person.
     *
     * @param socket the connection
     * @param user the person
     */
    void register(LiveSink socket, ApiUser user) {
        LiveSession session =
                new LiveSession(socket, user, configuration.sessionQueueCapacity(), configuration.slowSessionPolicy());
        sessions.put(socket.id(), session);
        session.offer(LiveMessages.ready(socket.id()));
    }

    /**
     * Returns a session's count of messages dropped because its client read too slowly.
     *
     * @param sessionId the session ID
     * @return the count, 0 for an unknown session
     */
    public long droppedCount(String sessionId) {
        LiveSession session = sessions.get(sessionId);
        return session == null ? 0 : session.droppedCount();
    }

    /**
     * Replaces a session's filter.
     *
     * @param sessionId the WebSocket session ID
     * @param filter the new filter
     */
    public void subscribe(String sessionId, LiveFilter filter) {
        LiveSession session = sessions.get(sessionId);
        if (session != null) {
            session.filter(filter);
            session.offer(LiveMessages.subscribed());
        }
    }

    /**
     * Sends a control message to one session.
     *
     * @param sessionId the WebSocket session ID
     * @param message the JSON text
     */
    void send(String sessionId, String message) {
        LiveSession session = sessions.get(sessionId);
        if (session != null) {
            session.offer(message);
        }
    }

    /**
     * Forgets a closed session.
     *
     * @param sessionId the WebSocket session ID
     */
    public void unregister(String sessionId) {
        LiveSession session = sessions.remove(sessionId);
        if (session != null) {
            session.stop();
        }
    }

    /**
     * Returns how many sessions are open.
     *
     * @return the count
     */
    public int sessionCount() {
        return sessions.size();
    }

    /**
     * Returns how many events were dropped before dispatch because the dispatch queue was full.
     *
     * @return the count since start
     */
    public long droppedEventCount() {
        return droppedEvents.get();
    }

    /**
     * Returns how many events the dispatcher has handled (delivered to zero or more sessions).
     *
     * @return the count since start
     */
    public long dispatchedCount() {
        return dispatched.get();
    }

    private void dispatchLoop() {
        while (running) {
            try {
                LiveEvent event = pending.pollFirst(1, TimeUnit.SECONDS);
                if (event != null) {
                    dispatch(event);
                    dispatched.incrementAndGet();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warn("live event not dispatched: {}", e.toString());
            }
        }
    }

    /**
     * Delivers one event to every session allowed and wanting it.
     *
     * @param event the event
     */
    void dispatch(LiveEvent event) {
        Optional<DeviceRecord> device = registry.find(event.deviceId());
        if (device.isEmpty()) {
            return;
        }
        String text = null;
        for (LiveSession session : sessions.values()) {
            if (session.filter().accepts(event) && canRead(session.user(), device.get())) {
                if (text == null) {
                    text = serialise(event);
                }
                session.offer(text);
            }
        }
    }

    private boolean canRead(ApiUser user, DeviceRecord device) {
        try {
            return access.canRead(user, device);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private String serialise(LiveEvent event) {
        try {
            return json.writeValueAsString(event);
        } catch (IOException e) {
            throw new IllegalStateException("live event not serialisable: " + e.getMessage(), e);
        }
    }

    /** Stops the dispatcher thread. */
    @PreDestroy
    @Override
    public void close() {
        running = false;
        dispatcher.interrupt();
    }
}
