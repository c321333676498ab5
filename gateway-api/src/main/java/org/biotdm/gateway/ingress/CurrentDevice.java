package org.biotdm.gateway.ingress;

import io.micronaut.http.context.ServerRequestContext;
import org.biotdm.gateway.error.ApiException;
import org.biotdm.gateway.error.ErrorCode;

/**
 * The device of the request being served on the device port, for controllers whose {@code *Operations} contract
 * carries no request parameter (the device is never part of the wire contract: it is the client certificate's).
 */
public final class CurrentDevice {
    private CurrentDevice() {}

    /**
     * Returns the device {@link DeviceAuthenticationFilter} resolved for the current request.
     *
     * @return the device
     * @throws ApiException 401 {@code DEVICE_CERT_REQUIRED} when the request carries none (a route reached without
     *     the filter, which the port separation rules out)
     */
    public static AuthenticatedDevice require() {
        return ServerRequestContext.currentRequest()
                .flatMap(request -> request.getAttribute(AuthenticatedDevice.ATTRIBUTE, AuthenticatedDevice.class))
                .orElseThrow(() ->
                        new ApiException(ErrorCode.DEVICE_CERT_REQUIRED, "A device client certificate is required"));
    }
}
