package org.biotdm.gateway.live;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.biotdm.gateway.error.ErrorCode;
import org.biotdm.gateway.users.ApiUser;

/**
 * One signed-in person's {@code /ws/events} connection: their filter and a bounded queue of messages still to send,
 * drained by one asynchronous send at a time (no thread waits for a slow client). When the queue is full the oldest
 * message is dropped and counted, and the client gets a {@code dropped} notice before the next message; or, with
 * {@link LiveConfiguration.SlowSessionPolicy#CLOSE}, the session is closed with code {@value #SLOW_CLOSE_CODE} and
 * reason {@code LIVE_SLOW_CONSUMER}. The hub also closes it when its access token expires or its person is disabled
 * ({@value #AUTH_CLOSE_CODE}, {@code AUTH_INVALID}) and when its person opens one session too many ({@value
 * #TOO_MANY_CLOSE_CODE}, {@code LIVE_TOO_MANY_SESSIONS}).
 */
final class LiveSession {
    /** The close code for a client too slow to keep up. */
    static final int SLOW_CLOSE_CODE = 4008;
    /** The close reason for a client too slow to keep up. */
    static final String SLOW_CLOSE_REASON = ErrorCode.LIVE_SLOW_CONSUMER.name();

    /** The close code when the session's authorisation ended: its access token expired or its person was disabled. */
    static final int AUTH_CLOSE_CODE = 4001;
    /** The close reason when the session's authorisation ended. */
    static final String AUTH_CLOSE_REASON = ErrorCode.AUTH_INVALID.name();
    /** The close code of a person's oldest session when they open more than the cap allows. */
    static final int TOO_MANY_CLOSE_CODE = 4029;
    /** The close reason of a person's oldest session when they open more than the cap allows. */
    static final String TOO_MANY_CLOSE_REASON = ErrorCode.LIVE_TOO_MANY_SESSIONS.name();

    private final LiveSink socket;
    private final ApiUser user;
    private final int capacity;
    private final LiveConfiguration.SlowSessionPolicy policy;
    private final ArrayDeque<String> queue = new ArrayDeque<>();
    private final AtomicLong dropped = new AtomicLong();
    private volatile LiveFilter filter = LiveFilter.ALL;
    private volatile Future<?> expiry;
    private long unreportedDrops;
    private boolean sending;
    private boolean closed;

    LiveSession(LiveSink socket, ApiUser user, int capacity, LiveConfiguration.SlowSessionPolicy policy) {
        this.socket = socket;
        this.user = user;
        this.capacity = capacity;
        this.policy = policy;
    }

    String id() {
        return socket.id();
    }

    ApiUser user() {
        return user;
    }

    LiveFilter filter() {
        return filter;
    }

    void filter(LiveFilter replacement) {
        filter = replacement;
    }

    long droppedCount() {
        return dropped.get();
    }

    /** Queues a message; never blocks. */
    void offer(String message) {
        boolean start;
        boolean closeNow = false;
        synchronized (this) {
            if (closed) {
                return;
            }
            if (queue.size() >= capacity) {
                if (policy == LiveConfiguration.SlowSessionPolicy.CLOSE) {
                    closed = true;
                    closeNow = true;
                    queue.clear();
                } else {
                    queue.pollFirst();
                    dropped.incrementAndGet();
                    unreportedDrops++;
                }
            }
            if (!closeNow) {
                queue.addLast(message);
            }
            start = !closeNow && !sending;
            if (start) {
                sending = true;
            }
        }
        if (closeNow) {
            socket.close(SLOW_CLOSE_CODE, SLOW_CLOSE_REASON);
        } else if (start) {
            pump();
        }
    }

    /** Sends queued messages one at a time; continues from each send's completion. */
    private void pump() {
        while (true) {
            String next = next();
            if (next == null) {
                return;
            }
            CompletableFuture<?> sent;
            try {
                sent = socket.send(next);
            } catch (RuntimeException e) {
                stop();
                return;
            }
            if (!sent.isDone()) {
                sent.whenComplete((ok, failure) -> {
                    if (failure == null) {
                        pump();
                    } else {
                        stop();
                    }
                });
                return;
            }
            if (sent.isCompletedExceptionally()) {
                stop();
                return;
            }
        }
    }

    private synchronized String next() {
        if (closed) {
            sending = false;
            return null;
        }
        if (unreportedDrops > 0) {
            String notice = LiveMessages.dropped(unreportedDrops, dropped.get());
            unreportedDrops = 0;
            return notice;
        }
        String message = queue.pollFirst();
        if (message == null) {
            sending = false;
        }
        return message;
    }

    /** Remembers the scheduled close at the access token's expiry, cancelled when the session ends first. */
    void expiry(Future<?> scheduled) {
        expiry = scheduled;
    }

    /** Stops sending and closes the connection with a code and reason. */
    void close(int code, String reason) {
        stop();
        socket.close(code, reason);
    }

    /** Stops sending after the connection failed or closed. */
    synchronized void stop() {
        Future<?> scheduled = expiry;
        if (scheduled != null) {
            scheduled.cancel(false);
        }
        closed = true;
        sending = false;
        queue.clear();
    }
}
