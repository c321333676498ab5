package org.biotdm.gateway.live;

import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.serde.ObjectMapper;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.biotdm.gateway.access.DeviceAccess;
import org.biotdm.gateway.access.Grantee;
import org.biotdm.gateway.device.DeviceRecord;
import org.biotdm.gateway.device.DeviceRegistry;
import org.biotdm.gateway.users.ApiUser;
import org.biotdm.gateway.users.UserDisabled;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers every published {@link LiveEvent} to the open {@code /ws/events} sessions whose person may see its device
 * ({@link DeviceAccess#canRead} on the registry's record) and whose filter wants it.
 *
 * <p>Publishers never wait: {@link #onApplicationEvent} only puts the event on a bounded queue (the oldest is dropped
 * and counted when it is full). One dispatcher thread looks the device up, serialises the event once, checks the
 * sessions that may see it ({@link LiveSessionIndex#candidates}: the owner organisation's admins and auditors, and
 * the operators named by the grants in force on the device, so idle sessions cost nothing) and queues the text on each, whose bounded queue is drained by asynchronous sends ({@link LiveSession}).
 *
 * <p>A session lasts as long as its authorisation: it is closed with code 4001 {@code AUTH_INVALID} when its access
 * token expires (scheduled at the token's {@code exp}) or its person is disabled ({@link UserDisabled}), and a
 * person's oldest session is closed with code 4029 {@code LIVE_TOO_MANY_SESSIONS} when they open more than {@code
 * biotdm.live.max-sessions-per-user}.
 */
@Singleton
final class LiveEventHub implements ApplicationEventListener<LiveEvent>, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LiveEventHub.class);

    private final LiveConfiguration configuration;
    private final DeviceAccess access;
    private final DeviceRegistry registry;
    private final ObjectMapper json;
    private final LiveSessionIndex sessions;
    private final ScheduledExecutorService expiries;
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
        this.sessions = new LiveSessionIndex(configuration.maxSessionsPerUser());
        this.expiries = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "live-session-expiry");
            thread.setDaemon(true);
            return thread;
        });
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
        if (sessions.size() == 0) {
            return;
        }
        while (!pending.offerLast(event)) {
            if (pending.pollFirst() != null) {
                droppedEvents.incrementAndGet();
            }
        }
    }

    /**
     * Opens a session for a signed-in person whose access token does not expire (tests, or a token without {@code
     * exp}).
     *
     * @param socket the connection
     * @param user the person
     */
    void register(LiveSink socket, ApiUser user) {
        register(socket, user, Long.MAX_VALUE);
    }

    /**
     * Opens a session for a signed-in person, to be closed (4001) when their access token expires; closes their
     * oldest session (4029) when this one takes them past the cap.
     *
     * @param socket the connection
     * @param user the person
     * @param expiresAtMillis when the access token expires, epoch milliseconds
     */
    void register(LiveSink socket, ApiUser user, long expiresAtMillis) {
        LiveSession session =
                new LiveSession(socket, user, configuration.sessionQueueCapacity(), configuration.slowSessionPolicy());
        sessions.add(session)
                .ifPresent(oldest -> oldest.close(LiveSession.TOO_MANY_CLOSE_CODE, LiveSession.TOO_MANY_CLOSE_REASON));
        if (expiresAtMillis != Long.MAX_VALUE) {
            long delay = Math.max(0, expiresAtMillis - System.currentTimeMillis());
            session.expiry(expiries.schedule(() -> expire(socket.id()), delay, TimeUnit.MILLISECONDS));
        }
        session.offer(LiveMessages.ready(socket.id()));
    }

    /**
     * Closes every session of a person who was disabled.
     *
     * @param event the person who was disabled
     */
    @EventListener
    public void onUserDisabled(UserDisabled event) {
        sessions.removeUser(event.userId())
                .forEach(s -> s.close(LiveSession.AUTH_CLOSE_CODE, LiveSession.AUTH_CLOSE_REASON));
    }

    private void expire(String sessionId) {
        sessions.remove(sessionId).ifPresent(s -> s.close(LiveSession.AUTH_CLOSE_CODE, LiveSession.AUTH_CLOSE_REASON));
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
        sessions.remove(sessionId).ifPresent(LiveSession::stop);
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
        for (LiveSession session : sessions.candidates(device.get().ownerMsp(), operatorGrantees(device.get()))) {
            if (session.filter().accepts(event) && canRead(session.user(), device.get())) {
                if (text == null) {
                    text = serialise(event);
                }
                session.offer(text);
            }
        }
    }

    private List<Grantee> operatorGrantees(DeviceRecord device) {
        try {
            return access.operatorGrantees(device);
        } catch (RuntimeException e) {
            return List.of();
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
        expiries.shutdownNow();
    }
}
