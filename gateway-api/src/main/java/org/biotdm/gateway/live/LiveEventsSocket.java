package org.biotdm.gateway.live;

import io.micronaut.http.HttpRequest;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.websocket.CloseReason;
import io.micronaut.websocket.WebSocketSession;
import io.micronaut.websocket.annotation.OnClose;
import io.micronaut.websocket.annotation.OnMessage;
import io.micronaut.websocket.annotation.OnOpen;
import io.micronaut.websocket.annotation.ServerWebSocket;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.biotdm.gateway.error.ApiException;
import org.biotdm.gateway.error.ErrorCode;
import org.biotdm.gateway.users.ApiRole;
import org.biotdm.gateway.users.ApiUser;

/**
 * {@code /ws/events}: live events for signed-in people (any role), each only about devices the person may see.
 * Authenticate the upgrade request with {@code Authorization: Bearer <access token>} or, from browsers (which cannot
 * set headers on a WebSocket), {@code ?access_token=<access token>}.
 *
 * <p>Server → client: {@link LiveEvent} JSON ({@code {"type","deviceId","ownerMsp","timestamp","data"}}) of types
 * {@code telemetry}, {@code alert}, {@code device}, {@code command}, plus the control messages of {@link
 * LiveMessages} ({@code ready}, {@code subscribed}, {@code dropped}, {@code error}). Client → server: an optional
 * {@link LiveFilter} ({@code {"deviceIds":[…],"types":[…]}}). A client too slow to read loses the oldest queued
 * events (announced by a {@code dropped} message), or is closed with code 4008 {@code LIVE_SLOW_CONSUMER} when
 * {@code biotdm.live.slow-session-policy} is {@code CLOSE}. The session closes with code 4001 {@code AUTH_INVALID}
 * when the access token that opened it expires or its person is disabled, and a person's oldest session closes with
 * code 4029 {@code LIVE_TOO_MANY_SESSIONS} when they open more than {@code biotdm.live.max-sessions-per-user}.
 */
@Tag(name = "Live events")
@Secured({ApiRole.Names.ADMIN, ApiRole.Names.OPERATOR, ApiRole.Names.AUDITOR})
@ServerWebSocket("/ws/events")
final class LiveEventsSocket {
    private final LiveEventHub hub;
    private final ObjectMapper json;

    /**
     * Creates the endpoint.
     *
     * @param hub the session registry and dispatcher
     * @param json parses filter messages
     */
    public LiveEventsSocket(LiveEventHub hub, ObjectMapper json) {
        this.hub = hub;
        this.json = json;
    }

    /**
     * Registers the session of the person who opened it.
     *
     * @param session the WebSocket session
     * @param request the upgrade request, authenticated by Micronaut Security
     */
    @OnOpen
    public void open(WebSocketSession session, HttpRequest<?> request) {
        Optional<Authentication> authentication = request.getUserPrincipal(Authentication.class);
        if (authentication.isEmpty()) {
            session.close(CloseReason.POLICY_VIOLATION);
            return;
        }
        ApiUser user;
        try {
            user = ApiUser.from(authentication.get());
        } catch (ApiException e) {
            session.close(CloseReason.POLICY_VIOLATION);
            return;
        }
        hub.register(LiveSink.of(session), user, expiresAt(authentication.get()));
    }

    /**
     * Returns when the access token expires: its {@code exp} claim (RFC 7519 §4.1.4, seconds since the epoch), as
     * epoch milliseconds; {@link Long#MAX_VALUE} when it has none.
     */
    static long expiresAt(Authentication authentication) {
        Object exp = authentication.getAttributes().get("exp");
        if (exp instanceof Date date) {
            return date.getTime();
        }
        if (exp instanceof Instant instant) {
            return instant.toEpochMilli();
        }
        return exp instanceof Number seconds ? seconds.longValue() * 1000 : Long.MAX_VALUE;
    }

    /**
     * Takes a filter message; a malformed one is answered with an {@code error} message and changes nothing.
     *
     * @param message the text
     * @param session the session
     */
    @OnMessage(maxPayloadLength = 65536)
    public void message(String message, WebSocketSession session) {
        LiveFilter filter;
        try {
            filter = json.readValue(message, LiveFilter.class);
        } catch (IOException | RuntimeException e) {
            hub.send(session.getId(), LiveMessages.error(ErrorCode.INVALID_ARGUMENT, "The filter is not valid JSON"));
            return;
        }
        String problem = filter == null ? "The filter must be a JSON object" : filter.problem();
        if (problem != null) {
            hub.send(session.getId(), LiveMessages.error(ErrorCode.INVALID_ARGUMENT, problem));
            return;
        }
        hub.subscribe(session.getId(), filter);
    }

    /**
     * Forgets the session.
     *
     * @param session the session
     */
    @OnClose
    public void close(WebSocketSession session) {
        hub.unregister(session.getId());
    }
}
