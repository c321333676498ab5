package org.biotdm.device.sdk;

import com.hivemq.client.mqtt.mqtt5.datatypes.Mqtt5UserProperty;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAck;
import com.hivemq.client.mqtt.mqtt5.message.publish.puback.Mqtt5PubAckReasonCode;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns the gateway's PUBACK of a telemetry batch or a receipt ({@code protocol/mqtt-v1.md}) into the HTTP answer the
 * device port would have given, so {@link DeviceClient} handles both carriers alike: success is {@code 200} with the
 * acknowledgement's user properties ({@code accepted}, {@code windowId}, {@code receivedAt}) as the JSON body, a
 * refusal the status of its kind with {@code {"code","message"}} taken from the reason string {@code <CODE>:
 * <message>}.
 */
final class PubAcks {
    private PubAcks() {}

    /**
     * Answers a PUBACK.
     *
     * @param ack the PUBACK
     * @return the answer as the HTTPS device port would give it
     */
    static DeviceResponse answer(Mqtt5PubAck ack) {
        if (!ack.getReasonCode().isError()) {
            Map<String, Object> body = new LinkedHashMap<>();
            for (Mqtt5UserProperty property : ack.getUserProperties().asList()) {
                String name = property.getName().toString();
                try {
                    body.put(name, Long.parseLong(property.getValue().toString()));
                } catch (NumberFormatException e) {
                    body.put(name, property.getValue().toString());
                }
            }
            return new DeviceResponse(200, utf8(Json.write(body)), null);
        }
        String reason = ack.getReasonString().map(Object::toString).orElse("");
        int colon = reason.indexOf(": ");
        String code = colon > 0
                ? reason.substring(0, colon)
                : "MQTT_" + ack.getReasonCode().name();
        String message = colon > 0 ? reason.substring(colon + 2) : reason;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", code);
        body.put("message", message);
        return new DeviceResponse(status(ack.getReasonCode(), code), utf8(Json.write(body)), null);
    }

    /** The HTTP status of a refusal's kind: 503 and 429 are retried, the others final. */
    static int status(Mqtt5PubAckReasonCode reason, String code) {
        return switch (reason) {
            case UNSPECIFIED_ERROR -> 503;
            case QUOTA_EXCEEDED -> 429;
            case NOT_AUTHORIZED -> "ACCESS_DENIED".equals(code) ? 403 : 400;
            case TOPIC_NAME_INVALID -> 404;
            case IMPLEMENTATION_SPECIFIC_ERROR -> 409;
            default -> 400;
        };
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
