package org.biotdm.gateway.live;

import io.micronaut.websocket.CloseReason;
import io.micronaut.websocket.WebSocketSession;
import java.util.concurrent.CompletableFuture;

/** Where a live session's messages go: a WebSocket connection, or a recording sink in tests. */
interface LiveSink {
    /** Returns the connection's ID. */
    String id();

    /** Sends one text message; the future completes when it is written. */
    CompletableFuture<?> send(String message);

    /** Closes the connection with a code and reason. */
    void close(int code, String reason);

    /** Wraps a WebSocket session. */
    static LiveSink of(WebSocketSession session) {
        return new LiveSink() {
            @Override
            public String id() {
                return session.getId();
            }

            @Override
            public CompletableFuture<?> send(String message) {
                return session.sendAsync(message);
            }

            @Override
            public void close(int code, String reason) {
                session.close(new CloseReason(code, reason));
            }
        };
    }
}
