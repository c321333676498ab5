package org.biotdm.device.sdk;

import java.util.Map;

/**
 * A command delivered to the device by the long-poll {@code GET /device/v1/commands?wait=N}.
 *
 * @param commandId the command's ID
 * @param commandType its type, for example {@code reboot}
 * @param parameters its parameters as compact JSON text, or null when none were delivered
 * @param parametersSha256 the SHA-256 of the parameters recorded at IssueCommand (64 lowercase hex), which the
 *     receipt repeats
 * @param expiresAt when the command expires, epoch ms, or 0 when not given; a device must not execute an expired
 *     command (its receipt would be refused with {@code COMMAND_EXPIRED})
 * @param deliveryCount how many polls have handed the command out, this one included, or 0 when not given; a command
 *     is delivered again until its receipt is accepted, so a device executes it at most once by remembering its
 *     {@code commandId}
 */
public record DeviceCommand(
        String commandId,
        String commandType,
        String parameters,
        String parametersSha256,
        long expiresAt,
        int deliveryCount) {

    static DeviceCommand from(Map<String, Object> object) {
        String id = Json.textField(object, "commandId");
        String type = Json.textField(object, "commandType");
        Object parameters = object.get("parameters");
        String parametersText =
                parameters == null ? null : parameters instanceof String text ? text : Json.write(parameters);
        return new DeviceCommand(
                id,
                type,
                parametersText,
                Json.textField(object, "parametersSha256"),
                Json.longField(object, "expiresAt", 0),
                (int) Json.longField(object, "deliveryCount", 0));
    }

    /**
     * Tells whether the command has expired.
     *
     * @param nowMillis the device's time, epoch ms
     * @return true when an expiry is known and reached
     */
    public boolean expired(long nowMillis) {
        return expiresAt > 0 && nowMillis >= expiresAt;
    }
}
