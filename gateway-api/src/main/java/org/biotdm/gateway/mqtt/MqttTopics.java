package org.biotdm.gateway.mqtt;

/**
 * The topics of {@code protocol/mqtt-v1.md}, all under {@code biotdm/v1/devices/{deviceId}/}: {@code telemetry}
 * (device → gateway), {@code commands} (gateway → device) and {@code commands/{commandId}/receipt} (device →
 * gateway). Topic names are compared exactly; there are no wildcards.
 */
final class MqttTopics {
    private static final String PREFIX = "biotdm/v1/devices/";
    private static final String RECEIPT = "/receipt";
    private static final int MAX_COMMAND_ID = 64;

    /** What a PUBLISH topic names. */
    enum Kind {
        /** The device's own telemetry topic. */
        TELEMETRY,
        /** A receipt for one of the device's commands; {@link Target#commandId()} says which. */
        RECEIPT,
        /** A topic of another device. */
        FOREIGN,
        /** Not a topic of this protocol. */
        UNKNOWN
    }

    /**
     * A parsed PUBLISH topic.
     *
     * @param kind what it names
     * @param commandId the command of a receipt topic, else null
     */
    record Target(Kind kind, String commandId) {}

    private MqttTopics() {}

    /**
     * Returns a device's telemetry topic.
     *
     * @param deviceId the device ID
     * @return {@code biotdm/v1/devices/{deviceId}/telemetry}
     */
    static String telemetry(String deviceId) {
        return PREFIX + deviceId + "/telemetry";
    }

    /**
     * Returns a device's command topic, the only filter it may subscribe to and the topic commands are pushed on.
     *
     * @param deviceId the device ID
     * @return {@code biotdm/v1/devices/{deviceId}/commands}
     */
    static String commands(String deviceId) {
        return PREFIX + deviceId + "/commands";
    }

    /**
     * Returns the topic a device publishes a command's receipt to.
     *
     * @param deviceId the device ID
     * @param commandId the command ID
     * @return {@code biotdm/v1/devices/{deviceId}/commands/{commandId}/receipt}
     */
    static String receipt(String deviceId, String commandId) {
        return commands(deviceId) + "/" + commandId + RECEIPT;
    }

    /**
     * Parses the topic of a PUBLISH from a device.
     *
     * @param deviceId the publishing device (its certificate's)
     * @param topic the topic name
     * @return what the topic names for this device
     */
    static Target parse(String deviceId, String topic) {
        if (!topic.startsWith(PREFIX)) {
            return new Target(Kind.UNKNOWN, null);
        }
        String own = PREFIX + deviceId + "/";
        if (!topic.startsWith(own)) {
            return new Target(Kind.FOREIGN, null);
        }
        if (topic.equals(telemetry(deviceId))) {
            return new Target(Kind.TELEMETRY, null);
        }
        String commandsPrefix = commands(deviceId) + "/";
        if (topic.startsWith(commandsPrefix) && topic.endsWith(RECEIPT)) {
            String commandId = topic.substring(commandsPrefix.length(), topic.length() - RECEIPT.length());
            if (!commandId.isEmpty() && commandId.length() <= MAX_COMMAND_ID && commandId.indexOf('/') < 0) {
                return new Target(Kind.RECEIPT, commandId);
            }
        }
        return new Target(Kind.UNKNOWN, null);
    }
}
