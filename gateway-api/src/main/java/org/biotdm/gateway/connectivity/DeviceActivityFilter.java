package org.biotdm.gateway.connectivity;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import org.biotdm.gateway.ingress.AuthenticatedDevice;

/**
 * Notes every device request that passed authentication (it carries the {@link AuthenticatedDevice} attribute) as
 * activity of that device, whatever the answer: the device was there. Cheap enough for every request: {@link
 * Connectivity#touch} only updates memory.
 */
@ServerFilter("/device/v1/**")
final class DeviceActivityFilter implements Ordered {
    private final Connectivity connectivity;

    /**
     * Creates the filter.
     *
     * @param connectivity the tracker
     */
    public DeviceActivityFilter(Connectivity connectivity) {
        this.connectivity = connectivity;
    }

    /**
     * Notes the request's device, once the answer is ready.
     *
     * @param request the request
     */
    @ResponseFilter
    public void noteActivity(HttpRequest<?> request) {
        request.getAttribute(AuthenticatedDevice.ATTRIBUTE, AuthenticatedDevice.class)
                .ifPresent(device ->
                        connectivity.touch(device.deviceId(), device.record().ownerMsp(), System.currentTimeMillis()));
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.after();
    }
}
