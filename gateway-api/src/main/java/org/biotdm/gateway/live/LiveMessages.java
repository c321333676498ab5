package org.biotdm.gateway.live;

import org.biotdm.gateway.error.ErrorCode;

/**
 * The control messages {@code /ws/events} sends besides {@link LiveEvent}s; each has a {@code type} that is no event
 * type and a {@code timestamp} (epoch ms):
 *
 * <ul>
 *   <li>{@code {"type":"ready","timestamp":…,"data":{"sessionId":…}}}: sent once the session is registered;
 *   <li>{@code {"type":"subscribed","timestamp":…}}: a filter message was accepted;
 *   <li>{@code {"type":"dropped","timestamp":…,"data":{"count":n,"total":t}}}: {@code n} events were dropped since
 *       the last notice because the client read too slowly ({@code t} since the session opened);
 *   <li>{@code {"type":"error","timestamp":…,"data":{"code":"INVALID_ARGUMENT","message":…}}}: a filter message
 *       was refused; the previous filter stays.
 * </ul>
 */
final class LiveMessages {
    private LiveMessages() {}

    static String ready(String sessionId) {
        return "{\"type\":\"ready\",\"timestamp\":" + System.currentTimeMillis() + ",\"data\":{\"sessionId\":\""
                + sessionId.replaceAll("[^A-Za-z0-9._-]", "") + "\"}}";
    }

    static String subscribed() {
        return "{\"type\":\"subscribed\",\"timestamp\":" + System.currentTimeMillis() + "}";
    }

    static String dropped(long count, long total) {
        return "{\"type\":\"dropped\",\"timestamp\":" + System.currentTimeMillis() + ",\"data\":{\"count\":" + count
                + ",\"total\":" + total + "}}";
    }

    /** An error notice; {@code message} must be the gateway's own text without quotes or backslashes. */
    static String error(ErrorCode code, String message) {
        return "{\"type\":\"error\",\"timestamp\":" + System.currentTimeMillis() + ",\"data\":{\"code\":\"" + code
                + "\",\"message\":\"" + message.replace("\\", "").replace("\"", "'") + "\"}}";
    }
}
