package org.biotdm.gateway.live;

import io.micronaut.serde.annotation.Serdeable;
import java.util.Map;
import java.util.Objects;

/**
 * Something about one device that signed-in people watching {@code /ws/events} may see: published with Micronaut's
 * {@code ApplicationEventPublisher<LiveEvent>} by the feature where it happens, delivered only to those allowed to
 * see the device. Publishing must stay cheap: listeners never block the publisher.
 *
 * @param type what happened: {@code telemetry} (a summary of committed readings), {@code alert}, {@code device}
 *     (registry or status change) or {@code command} (a command's state change)
 * @param deviceId the device concerned
 * @param ownerMsp the MSP ID of the device's owner organisation
 * @param timestamp when it happened, epoch milliseconds UTC
 * @param data the event's details, JSON-serialisable (strings, numbers, booleans, lists, maps)
 */
@Serdeable
public record LiveEvent(String type, String deviceId, String ownerMsp, long timestamp, Map<String, Object> data) {
    /**
     * Checks the components.
     *
     * @param type the type
     * @param deviceId the device ID
     * @param ownerMsp the owner's MSP ID
     * @param timestamp the time, epoch ms
     * @param data the details
     */
    public LiveEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(ownerMsp, "ownerMsp");
        data = Map.copyOf(data);
    }
}
