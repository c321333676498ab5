package org.biotdm.gateway.ingress;

import io.micronaut.context.BeanProvider;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import org.biotdm.gateway.error.ErrorCode;
import org.biotdm.gateway.error.ErrorResponses;

/**
 * Serves {@code /device/**} only on the device port and everything else only on the API port: a request for a
 * route of the other port gets 404 {@code NOT_FOUND}, exactly as if the route did not exist. Runs before every other
 * filter.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class PortSeparationFilter implements Ordered {
    private static final String DEVICE_PREFIX = "/device/";

    private final BeanProvider<DeviceIngressServer> deviceServer;

    /**
     * Creates the filter.
     *
     * @param deviceServer the device port, absent when {@code biotdm.ingress.enabled} is false
     */
    public PortSeparationFilter(BeanProvider<DeviceIngressServer> deviceServer) {
        this.deviceServer = deviceServer;
    }

    /**
     * Refuses a request that arrived on the wrong port.
     *
     * @param request the request
     * @return 404 for the wrong port, or null to continue
     */
    @RequestFilter
    @Nullable
    public HttpResponse<?> separate(HttpRequest<?> request) {
        int devicePort = deviceServer.isPresent() ? deviceServer.get().port() : -1;
        boolean onDevicePort = devicePort > 0 && request.getServerAddress().getPort() == devicePort;
        boolean deviceRoute = request.getPath().startsWith(DEVICE_PREFIX);
        if (onDevicePort == deviceRoute) {
            return null;
        }
        return ErrorResponses.of(ErrorCode.NOT_FOUND, "Page Not Found");
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.before();
    }
}
