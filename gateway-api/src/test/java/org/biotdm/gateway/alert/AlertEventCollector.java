package org.biotdm.gateway.alert;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.ApplicationEventListener;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.biotdm.gateway.live.LiveEvent;

/** Collects every published live event of type {@code alert}, in tests that set {@code biotdm.test.alert-events}. */
@Singleton
@Requires(property = "biotdm.test.alert-events", value = "true")
public class AlertEventCollector implements ApplicationEventListener<LiveEvent> {
    private final List<LiveEvent> events = new CopyOnWriteArrayList<>();

    @Override
    public void onApplicationEvent(LiveEvent event) {
        if ("alert".equals(event.type())) {
            events.add(event);
        }
    }

    /**
     * Returns the collected events.
     *
     * @return the events in publication order
     */
    List<LiveEvent> events() {
        return events;
    }
}
