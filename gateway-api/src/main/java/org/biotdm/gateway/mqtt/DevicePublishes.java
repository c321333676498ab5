package org.biotdm.gateway.mqtt;

import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttReasonCodes;
import io.netty.handler.codec.mqtt.MqttReasonCodes.Disconnect;
import java.util.concurrent.CompletableFuture;
import org.biotdm.gateway.error.ErrorCode;
import org.biotdm.gateway.ingress.AuthenticatedDevice;
import org.biotdm.gateway.telemetry.TelemetryAck;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PUBLISHes of one connection: telemetry batches go to the {@link org.biotdm.gateway.telemetry.TelemetryService}
 * and receipts to {@link org.biotdm.gateway.command.CommandReceipts}, exactly as their HTTPS routes do, and each gets
 * its PUBACK only when that finished: after the group commit, after {@code CompleteCommand} committed. A refusal is a
 * PUBACK with the reason code and {@code <CODE>: <message>} for MQTT 5, the connection's close for MQTT 3.1.1. At most
 * {@code biotdm.mqtt.receive-maximum} PUBLISHes are unacknowledged; one more closes the connection (MQTT 5 §4.9).
 * Event-loop confined.
 */
final class DevicePublishes {
    private static final Logger LOG = LoggerFactory.getLogger(DevicePublishes.class);

    private final MqttConnection connection;
    private final MqttServices services;
    private int inFlight;

    DevicePublishes(MqttConnection connection, MqttServices services) {
        this.connection = connection;
        this.services = services;
    }

    /**
     * Handles one PUBLISH from the device.
     *
     * @param message the packet; its payload is copied before this returns
     */
    void onPublish(MqttPublishMessage message) {
        MqttFixedHeader fixed = message.fixedHeader();
        if (fixed.qosLevel() != MqttQoS.AT_LEAST_ONCE) {
            protocolError(Disconnect.QOS_NOT_SUPPORTED, "Publish telemetry and receipts at QoS 1");
        } else if (fixed.isRetain()) {
            protocolError(Disconnect.RETAIN_NOT_SUPPORTED, "Retained messages are not offered");
        } else if (message.variableHeader().properties().getProperty(MqttProperties.TOPIC_ALIAS) != null) {
            protocolError(Disconnect.TOPIC_ALIAS_INVALID, "Topic aliases are not offered");
        } else if (inFlight >= services.configuration.receiveMaximum()) {
            connection.refuse(
                    Disconnect.RECEIVE_MAXIMUM_EXCEEDED,
                    MqttRefusal.of(
                            ErrorCode.MQTT_RECEIVE_MAXIMUM_EXCEEDED,
                            "More than " + services.configuration.receiveMaximum()
                                    + " QoS 1 PUBLISHes are unacknowledged"));
        } else {
            accept(message.variableHeader().packetId(), message.variableHeader().topicName(), message);
        }
    }

    private void accept(int packetId, String topic, MqttPublishMessage message) {
        byte[] payload = ByteBufUtil.getBytes(message.content());
        inFlight++;
        CompletableFuture<MqttProperties> outcome;
        try {
            outcome = handle(connection.device(), topic, payload);
        } catch (RuntimeException e) {
            outcome = CompletableFuture.failedFuture(e);
        }
        outcome.whenComplete((properties, failure) -> connection
                .context()
                .executor()
                .execute(connection.logContext().wrap(() -> acknowledge(packetId, properties, failure))));
    }

    private CompletableFuture<MqttProperties> handle(AuthenticatedDevice device, String topic, byte[] payload) {
        MqttTopics.Target target = MqttTopics.parse(device.deviceId(), topic);
        return switch (target.kind()) {
            case TELEMETRY -> services.telemetry.ingest(device, payload).thenApply(DevicePublishes::ackProperties);
            case RECEIPT -> CompletableFuture.supplyAsync(
                    () -> {
                        services.receipts.complete(device, target.commandId(), services.receipt(payload));
                        return MqttProperties.NO_PROPERTIES;
                    },
                    connection.logContext().executor(services.executor));
            case FOREIGN -> CompletableFuture.failedFuture(
                    ErrorCode.ACCESS_DENIED.error("A device may publish only to its own topics"));
            case UNKNOWN -> CompletableFuture.failedFuture(
                    ErrorCode.NOT_FOUND.error("The topic is not one of biotdm-mqtt-v1's"));
        };
    }

    private void acknowledge(int packetId, MqttProperties properties, Throwable failure) {
        inFlight--;
        if (failure != null && !connection.mqtt5()) {
            connection.context().close();
            return;
        }
        MqttRefusal refusal = failure == null ? null : MqttRefusal.of(failure);
        MqttProperties sent = properties;
        if (refusal != null) {
            LOG.debug("MQTT PUBLISH {} refused: {}", packetId, refusal.reasonString());
            sent = new MqttProperties();
            sent.add(new MqttProperties.StringProperty(MqttProperties.REASON_STRING, refusal.reasonString()));
        }
        connection
                .context()
                .writeAndFlush(MqttMessageBuilders.pubAck()
                        .packetId(packetId)
                        .reasonCode(refusal == null ? MqttReasonCodes.PubAck.SUCCESS.byteValue() : refusal.pubAck())
                        .properties(connection.problemInformation() ? sent : MqttProperties.NO_PROPERTIES)
                        .build());
    }

    private void protocolError(Disconnect reason, String message) {
        connection.refuse(reason, MqttRefusal.of(ErrorCode.MQTT_PROTOCOL_ERROR, message));
    }

    /** The acknowledgement of a committed batch as MQTT 5 user properties. */
    private static MqttProperties ackProperties(TelemetryAck ack) {
        MqttProperties.UserProperties user = new MqttProperties.UserProperties();
        user.add("accepted", Integer.toString(ack.accepted()));
        user.add("windowId", Long.toString(ack.windowId()));
        user.add("receivedAt", Long.toString(ack.receivedAt()));
        MqttProperties properties = new MqttProperties();
        properties.add(user);
        return properties;
    }
}
