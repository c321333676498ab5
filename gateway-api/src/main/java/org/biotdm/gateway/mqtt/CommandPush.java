package org.biotdm.gateway.mqtt;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageIdAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttReasonCodes;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.handler.codec.mqtt.MqttSubAckPayload;
import io.netty.handler.codec.mqtt.MqttSubscribeMessage;
import io.netty.handler.codec.mqtt.MqttTopicSubscription;
import io.netty.handler.codec.mqtt.MqttUnsubscribeMessage;
import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.biotdm.gateway.command.DeviceCommand;
import org.biotdm.gateway.command.DeviceCommands;
import org.biotdm.gateway.error.ErrorCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The device's command subscription on one connection: after it subscribes to its own command topic, and whenever a
 * command is issued for it, the pending commands are handed out through {@link
 * org.biotdm.gateway.command.CommandDelivery#deliver} (which records each first delivery on the ledger) and published
 * at QoS 1, each command once per connection, at most the client's Receive Maximum unacknowledged. Fetches run on the
 * blocking executor, one at a time per connection; the rest is event-loop confined.
 */
final class CommandPush {
    private static final Logger LOG = LoggerFactory.getLogger(CommandPush.class);
    /** Commands remembered as pushed on one connection; the oldest are forgotten beyond it. */
    private static final int MAX_REMEMBERED = 1024;
    /** Seconds before a fetch that failed (ledger or database unavailable) is tried again. */
    private static final long RETRY_SECONDS = 5;
    /** Bytes of a PUBLISH besides topic and payload: fixed header, lengths, packet ID, property length. */
    private static final int PUBLISH_OVERHEAD = 16;

    private final MqttConnection connection;
    private final MqttServices services;
    private final ConnectLimits limits;
    private final String topic;
    private final AtomicBoolean fetching = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private final Map<Integer, String> unacknowledged = new HashMap<>();
    private final Map<String, Boolean> pushed = new LinkedHashMap<>(16, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > MAX_REMEMBERED;
        }
    };
    private volatile boolean subscribed;
    private boolean deferred;
    private int lastPacketId;

    CommandPush(MqttConnection connection, MqttServices services, ConnectLimits limits) {
        this.connection = connection;
        this.services = services;
        this.limits = limits;
        this.topic = MqttTopics.commands(connection.device().deviceId());
    }

    /**
     * Answers a SUBSCRIBE: the device's own command topic is granted at QoS 1, every other filter refused (MQTT 5
     * {@code 0x87} with {@code ACCESS_DENIED}, MQTT 3.1.1 {@code 0x80}); then pending commands are pushed.
     *
     * @param message the SUBSCRIBE
     */
    void onSubscribe(MqttSubscribeMessage message) {
        List<MqttTopicSubscription> filters = message.payload().topicSubscriptions();
        int[] codes = new int[filters.size()];
        boolean granted = false;
        boolean refused = false;
        for (int i = 0; i < codes.length; i++) {
            boolean own = topic.equals(filters.get(i).topicFilter());
            granted |= own;
            refused |= !own;
            codes[i] = own
                    ? MqttReasonCodes.SubAck.GRANTED_QOS_1.byteValue() & 0xFF
                    : connection.mqtt5() ? MqttReasonCodes.SubAck.NOT_AUTHORIZED.byteValue() & 0xFF : 0x80;
        }
        MqttProperties properties = new MqttProperties();
        if (refused) {
            properties.add(new MqttProperties.StringProperty(
                    MqttProperties.REASON_STRING,
                    MqttRefusal.of(ErrorCode.ACCESS_DENIED, "A device may subscribe only to its own command topic")
                            .reasonString()));
        }
        connection
                .context()
                .writeAndFlush(new MqttSubAckMessage(
                        new MqttFixedHeader(MqttMessageType.SUBACK, false, MqttQoS.AT_MOST_ONCE, false, 0),
                        new MqttMessageIdAndPropertiesVariableHeader(
                                message.variableHeader().messageId(),
                                connection.problemInformation() ? properties : MqttProperties.NO_PROPERTIES),
                        new MqttSubAckPayload(codes)));
        if (granted) {
            subscribed = true;
            wake();
        }
    }

    /**
     * Answers an UNSUBSCRIBE; the device's own command topic stops its pushes.
     *
     * @param message the UNSUBSCRIBE
     */
    void onUnsubscribe(MqttUnsubscribeMessage message) {
        if (message.payload().topics().contains(topic)) {
            subscribed = false;
        }
        connection
                .context()
                .writeAndFlush(MqttMessageBuilders.unsubAck()
                        .packetId(message.variableHeader().messageId())
                        .build());
    }

    /** Fetches and pushes the pending commands, unless the device has not subscribed (any thread). */
    void wake() {
        if (!subscribed) {
            return;
        }
        if (fetching.compareAndSet(false, true)) {
            services.executor.execute(connection.logContext().wrap(this::fetch));
        } else {
            again.set(true);
        }
    }

    /**
     * Notes the device's PUBACK of a pushed command.
     *
     * @param packetId the PUBLISH's packet identifier
     */
    void acknowledged(int packetId) {
        if (unacknowledged.remove(packetId) != null && deferred) {
            deferred = false;
            wake();
        }
    }

    private void fetch() {
        try {
            DeviceCommands found = services.delivery.deliver(connection.device().deviceId());
            connection.context().executor().execute(connection.logContext().wrap(() -> publish(found.commands())));
        } catch (RuntimeException e) {
            LOG.warn(
                    "commands for {} not pushed now, retrying in {} s: {}",
                    connection.device().deviceId(),
                    RETRY_SECONDS,
                    e.toString());
            connection
                    .context()
                    .executor()
                    .schedule(connection.logContext().wrap(this::wake), RETRY_SECONDS, TimeUnit.SECONDS);
        } finally {
            fetching.set(false);
            if (again.getAndSet(false)) {
                wake();
            }
        }
    }

    private void publish(List<DeviceCommand> commands) {
        if (!subscribed || !connection.context().channel().isActive()) {
            return;
        }
        for (DeviceCommand command : commands) {
            if (pushed.containsKey(command.commandId())) {
                continue;
            }
            if (unacknowledged.size() >= limits.clientReceiveMaximum()) {
                deferred = true;
                break;
            }
            publish(command);
        }
        connection.context().flush();
    }

    private void publish(DeviceCommand command) {
        pushed.put(command.commandId(), Boolean.TRUE);
        byte[] json;
        try {
            json = services.json.writeValueAsBytes(command);
        } catch (IOException e) {
            LOG.error("command {} cannot be encoded", command.commandId(), e);
            return;
        }
        if (json.length + topic.length() + PUBLISH_OVERHEAD > limits.clientMaxPacketBytes()) {
            LOG.info(
                    "command {} is larger than the device's Maximum Packet Size; left to the long poll",
                    command.commandId());
            return;
        }
        int packetId = nextPacketId();
        unacknowledged.put(packetId, command.commandId());
        connection
                .context()
                .write(MqttMessageBuilders.publish()
                        .topicName(topic)
                        .qos(MqttQoS.AT_LEAST_ONCE)
                        .retained(false)
                        .messageId(packetId)
                        .payload(Unpooled.wrappedBuffer(json))
                        .build());
    }

    private int nextPacketId() {
        do {
            lastPacketId = lastPacketId == 0xFFFF ? 1 : lastPacketId + 1;
        } while (unacknowledged.containsKey(lastPacketId));
        return lastPacketId;
    }
}
