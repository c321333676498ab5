package org.biotdm.gateway.firmware;

import io.micronaut.context.event.ApplicationEventPublisher;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import org.biotdm.gateway.live.LiveEvent;

/**
 * Announces each device's update state change as a {@link LiveEvent} of type {@value #TYPE} on {@code /ws/events}
 * ({@code protocol/websocket.md}): {@code {"campaignId","model","version","state","reason"?}}.
 */
@Singleton
final class FirmwareEvents {
    /** The live event type of firmware update state changes. */
    public static final String TYPE = "firmware";

    private final ApplicationEventPublisher<LiveEvent> publisher;

    /**
     * Creates the publisher.
     *
     * @param publisher publishes live events (never blocks)
     */
    public FirmwareEvents(ApplicationEventPublisher<LiveEvent> publisher) {
        this.publisher = publisher;
    }

    /**
     * Announces a state change.
     *
     * @param campaign the campaign
     * @param deviceId the device
     * @param ownerMsp the device's owner
     * @param state the new state
     * @param reason the FAILED reason, or null
     */
    public void changed(CampaignRow campaign, String deviceId, String ownerMsp, UpdateState state, String reason) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("campaignId", campaign.campaignId());
        data.put("model", campaign.model());
        data.put("version", campaign.version());
        data.put("state", state.name());
        if (reason != null) {
            data.put("reason", reason);
        }
        publisher.publishEvent(new LiveEvent(TYPE, deviceId, ownerMsp, System.currentTimeMillis(), data));
    }
}
