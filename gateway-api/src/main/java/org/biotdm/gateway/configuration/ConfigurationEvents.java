package org.biotdm.gateway.configuration;

import io.micronaut.context.event.ApplicationEventPublisher;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import org.biotdm.gateway.live.LiveEvent;

/**
 * Tells people watching {@code /ws/events} about configuration changes: a {@link LiveEvent} of type {@value #TYPE}
 * when a desired version is set and when the device's report is recorded, with the versions, the hashes and the
 * drift.
 */
@Singleton
final class ConfigurationEvents {
    /** The live event type of configuration changes. */
    public static final String TYPE = "configuration";

    private final ApplicationEventPublisher<LiveEvent> publisher;

    /**
     * Creates the publisher.
     *
     * @param publisher publishes live events (never blocks)
     */
    public ConfigurationEvents(ApplicationEventPublisher<LiveEvent> publisher) {
        this.publisher = publisher;
    }

    /**
     * Announces a device's configuration state after a change.
     *
     * @param change {@code desired} or {@code reported}
     * @param row the device's row after the change
     * @param transactionId the transaction that made it
     */
    public void changed(String change, ConfigurationRow row, String transactionId) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("change", change);
        data.put("desiredVersion", row.desiredVersion());
        data.put("desiredSha256", row.desiredSha256());
        if (row.reportedVersion() != null) {
            data.put("reportedVersion", row.reportedVersion());
            data.put("reportedSha256", row.reportedSha256());
        }
        if (row.lastReportStatus() != null) {
            data.put("lastReportStatus", row.lastReportStatus());
        }
        if (row.lastReportCode() != null) {
            data.put("lastReportCode", row.lastReportCode());
        }
        data.put("drift", row.drifting());
        if (transactionId != null) {
            data.put("transactionId", transactionId);
        }
        publisher.publishEvent(new LiveEvent(TYPE, row.deviceId(), row.ownerMsp(), System.currentTimeMillis(), data));
    }
}
