package org.biotdm.gateway.live;

import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.ApplicationEventPublisher;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import org.biotdm.gateway.device.DeviceChangedEvent;
import org.biotdm.gateway.device.DeviceRecord;

/**
 * Republishes every registry change ({@link DeviceChangedEvent}, from the chaincode event listener) as a {@link
 * LiveEvent} of type {@value #TYPE}: {@code data = {event, status, transactionId, blockNumber, group?, model?,
 * firmwareVersion?}}.
 */
@Singleton
final class DeviceLiveEvents implements ApplicationEventListener<DeviceChangedEvent> {
    /** The live event type of device changes. */
    public static final String TYPE = "device";

    private final ApplicationEventPublisher<LiveEvent> publisher;

    /**
     * Creates the bridge.
     *
     * @param publisher publishes live events
     */
    public DeviceLiveEvents(ApplicationEventPublisher<LiveEvent> publisher) {
        this.publisher = publisher;
    }

    @Override
    public void onApplicationEvent(DeviceChangedEvent event) {
        DeviceRecord device = event.record();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("event", event.eventName());
        data.put("status", device.status().name());
        data.put("transactionId", event.transactionId());
        data.put("blockNumber", event.blockNumber());
        putIfPresent(data, "group", device.deviceGroup());
        putIfPresent(data, "model", device.model());
        putIfPresent(data, "firmwareVersion", device.firmwareVersion());
        publisher.publishEvent(
                new LiveEvent(TYPE, device.deviceId(), device.ownerMsp(), System.currentTimeMillis(), data));
    }

    private static void putIfPresent(Map<String, Object> data, String key, Object value) {
        if (value != null) {
            data.put(key, value);
        }
    }
}
