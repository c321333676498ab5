package org.biotdm.gateway.mqtt;

import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttProperties;

/**
 * What a CONNECT asked for and what the server grants ({@code protocol/mqtt-v1.md}, *Limits*): the keep-alive (the
 * client's, or {@code max-keep-alive} when it asked for none or more), the client's own Receive Maximum and Maximum
 * Packet Size (MQTT 5 §3.1.2.11.3–4; an MQTT 3.1.1 client has 65,535 and no limit), and the CONNACK properties that
 * advertise the server's limits (MQTT 5 §3.2.2.3).
 *
 * @param clientId the client identifier, possibly empty
 * @param keepAliveSeconds the keep-alive granted, seconds, at least 1
 * @param keepAliveChanged whether it differs from the client's (then MQTT 5 CONNACK carries Server Keep Alive)
 * @param clientReceiveMaximum the most command PUBLISHes the client accepts unacknowledged
 * @param clientMaxPacketBytes the largest packet the client accepts, bytes
 * @param configuration the server's settings
 */
record ConnectLimits(
        String clientId,
        int keepAliveSeconds,
        boolean keepAliveChanged,
        int clientReceiveMaximum,
        long clientMaxPacketBytes,
        MqttConfiguration configuration) {
    /** MQTT's largest packet, 268,435,455 bytes (the Remaining Length's range plus the fixed header). */
    private static final long MQTT_MAX_PACKET = 268_435_460L;

    private static final int MQTT_MAX_RECEIVE = 65_535;

    /**
     * Reads the limits of a CONNECT.
     *
     * @param connect the CONNECT packet
     * @param configuration the server's settings
     * @return the limits
     */
    static ConnectLimits of(MqttConnectMessage connect, MqttConfiguration configuration) {
        MqttProperties properties = connect.variableHeader().properties();
        int asked = connect.variableHeader().keepAliveTimeSeconds();
        int max = (int) Math.min(MQTT_MAX_RECEIVE, configuration.maxKeepAlive().toSeconds());
        int granted = asked == 0 || asked > max ? max : asked;
        String clientId = connect.payload().clientIdentifier();
        int maxPacket = intProperty(properties, MqttProperties.MAXIMUM_PACKET_SIZE, 0);
        return new ConnectLimits(
                clientId == null ? "" : clientId,
                granted,
                granted != asked,
                intProperty(properties, MqttProperties.RECEIVE_MAXIMUM, MQTT_MAX_RECEIVE),
                maxPacket == 0 ? MQTT_MAX_PACKET : Integer.toUnsignedLong(maxPacket),
                configuration);
    }

    /**
     * Returns an integer property of a packet.
     *
     * @param properties the packet's properties
     * @param id the property identifier
     * @param absent the value when the packet does not carry it
     * @return the value
     */
    static int intProperty(MqttProperties properties, int id, int absent) {
        MqttProperties.MqttProperty<?> property = properties.getProperty(id);
        return property == null ? absent : (Integer) property.value();
    }

    /**
     * Returns the properties of an accepting MQTT 5 CONNACK (ignored by the encoder for MQTT 3.1.1).
     *
     * @param deviceId the device, the Assigned Client Identifier when the client sent none
     * @return the properties
     */
    MqttProperties connAckProperties(String deviceId) {
        MqttProperties properties = new MqttProperties();
        integer(properties, MqttProperties.SESSION_EXPIRY_INTERVAL, 0);
        integer(properties, MqttProperties.RECEIVE_MAXIMUM, configuration.receiveMaximum());
        integer(properties, MqttProperties.MAXIMUM_QOS, 1);
        integer(properties, MqttProperties.RETAIN_AVAILABLE, 0);
        integer(properties, MqttProperties.MAXIMUM_PACKET_SIZE, configuration.maxPacketBytes());
        integer(properties, MqttProperties.TOPIC_ALIAS_MAXIMUM, 0);
        integer(properties, MqttProperties.WILDCARD_SUBSCRIPTION_AVAILABLE, 0);
        integer(properties, MqttProperties.SUBSCRIPTION_IDENTIFIER_AVAILABLE, 0);
        integer(properties, MqttProperties.SHARED_SUBSCRIPTION_AVAILABLE, 0);
        if (keepAliveChanged) {
            integer(properties, MqttProperties.SERVER_KEEP_ALIVE, keepAliveSeconds);
        }
        if (clientId.isEmpty()) {
            properties.add(new MqttProperties.StringProperty(MqttProperties.ASSIGNED_CLIENT_IDENTIFIER, deviceId));
        }
        return properties;
    }

    private static void integer(MqttProperties properties, int id, int value) {
        properties.add(new MqttProperties.IntegerProperty(id, value));
    }
}
