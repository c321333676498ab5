package org.biotdm.device.sdk;

import com.hivemq.client.mqtt.mqtt5.message.publish.Mqtt5Publish;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The commands the gateway pushed to an MQTT device's command topic, held until the device's next command poll takes
 * them: a poll is answered at once when commands are held, else when the next one is pushed or its wait runs out
 * (with none). At most {@value #MAX_HELD} are held; beyond that the oldest is dropped, and the gateway pushes it again
 * on the next subscription since it stays undelivered until its receipt. Thread-safe.
 */
final class PushedCommands {
    /** Commands held for the next poll at most. */
    static final int MAX_HELD = 256;

    private final Deque<String> held = new ArrayDeque<>();
    private final List<CompletableFuture<String>> polls = new ArrayList<>();

    /**
     * Holds a pushed command, or answers a waiting poll with it.
     *
     * @param publish a PUBLISH on the command topic; its payload is one command object
     */
    void add(Mqtt5Publish publish) {
        String command = new String(publish.getPayloadAsBytes(), StandardCharsets.UTF_8);
        List<CompletableFuture<String>> waiting;
        synchronized (this) {
            if (held.size() >= MAX_HELD) {
                held.removeFirst();
            }
            held.addLast(command);
            waiting = List.copyOf(polls);
            polls.clear();
        }
        waiting.forEach(poll -> poll.complete(""));
    }

    /**
     * Answers a command poll.
     *
     * @param wait how long to wait for a command when none is held
     * @param unit the wait's unit
     * @return completes with the body {@code {"commands":[…]}}, possibly with none
     */
    CompletableFuture<String> next(long wait, TimeUnit unit) {
        CompletableFuture<String> poll = new CompletableFuture<>();
        synchronized (this) {
            if (held.isEmpty() && wait > 0) {
                polls.add(poll);
                poll.whenComplete((body, error) -> forget(poll));
            } else {
                poll.complete("");
            }
        }
        return poll.completeOnTimeout("", wait, unit).thenApply(ignored -> drain());
    }

    /** Fails nothing: waiting polls are answered with no commands. */
    void close() {
        List<CompletableFuture<String>> waiting;
        synchronized (this) {
            waiting = List.copyOf(polls);
            polls.clear();
        }
        waiting.forEach(poll -> poll.complete(""));
    }

    private synchronized void forget(CompletableFuture<String> poll) {
        polls.remove(poll);
    }

    private synchronized String drain() {
        StringBuilder body = new StringBuilder("{\"commands\":[");
        boolean first = true;
        while (!held.isEmpty()) {
            body.append(first ? "" : ",").append(held.removeFirst());
            first = false;
        }
        return body.append("]}").toString();
    }
}
