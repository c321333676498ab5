package org.biotdm.gateway.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.biotdm.gateway.ingress.AuthenticatedDevice;

/**
 * {@code biotdm_devices_connected{transport="https"}}: the devices that made an authenticated request on the device
 * port within the last minute (a long poll for commands renews itself, so a device waiting for commands counts). The
 * map of last-seen times holds registered devices only (they passed mutual TLS), at most {@value #MAX_DEVICES}; older
 * entries are dropped whenever the gauge is read.
 */
@Requires(beans = MeterRegistry.class)
@ServerFilter("/device/**")
final class DeviceConnectionMetrics implements Ordered {
    private static final int MAX_DEVICES = 100_000;
    private static final long WINDOW_MS = 60_000;

    private final Map<String, Long> lastSeen = new ConcurrentHashMap<>();

    /**
     * Creates the gauge.
     *
     * @param registry the registry
     */
    public DeviceConnectionMetrics(MeterRegistry registry) {
        Gauge.builder("biotdm.devices.connected", this, DeviceConnectionMetrics::connected)
                .description("Devices with a request in the last minute, by transport")
                .tag("transport", "https")
                .register(registry);
    }

    /**
     * Notes the authenticated device of a request.
     *
     * @param request the request, after device authentication
     */
    @RequestFilter
    public void seen(HttpRequest<?> request) {
        request.getAttribute(AuthenticatedDevice.ATTRIBUTE, AuthenticatedDevice.class)
                .ifPresent(device -> {
                    if (lastSeen.size() < MAX_DEVICES || lastSeen.containsKey(device.deviceId())) {
                        lastSeen.put(device.deviceId(), System.currentTimeMillis());
                    }
                });
    }

    private double connected() {
        long cutoff = System.currentTimeMillis() - WINDOW_MS;
        lastSeen.values().removeIf(seen -> seen < cutoff);
        return lastSeen.size();
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.LAST.order();
    }
}
