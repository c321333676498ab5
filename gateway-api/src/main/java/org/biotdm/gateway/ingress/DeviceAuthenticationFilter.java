package org.biotdm.gateway.ingress;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.core.propagation.MutablePropagatedContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import org.biotdm.gateway.error.ApiException;
import org.biotdm.gateway.error.ErrorResponses;
import org.biotdm.gateway.logging.LogContext;

/**
 * Requires a verified client certificate on every {@code /device/v1/**} route except {@code POST
 * /device/v1/provision}, and turns it into the {@link AuthenticatedDevice} request attribute through the {@link
 * DeviceAuthenticator} every device transport shares. Answers 401 {@code DEVICE_CERT_REQUIRED}, 403 {@code
 * DEVICE_UNKNOWN}, {@code DEVICE_CERT_MISMATCH} or {@code DEVICE_NOT_ACTIVE}, 503 {@code SERVICE_UNAVAILABLE}, in the
 * authenticator's order.
 *
 * <p>It runs on the blocking executor because a registry miss may read the ledger or the database.
 */
@ServerFilter("/device/v1/**")
final class DeviceAuthenticationFilter implements Ordered {
    private static final String PROVISION = "/device/v1/provision";

    private final DeviceAuthenticator authenticator;

    /**
     * Creates the filter.
     *
     * @param authenticator the device authenticator shared with the MQTT port
     */
    public DeviceAuthenticationFilter(DeviceAuthenticator authenticator) {
        this.authenticator = authenticator;
    }

    /**
     * Authenticates the device, and puts its ID into the request's log context.
     *
     * @param request the request
     * @param context the request's propagated context
     * @return an error response, or null to continue with the {@link AuthenticatedDevice} attribute set
     */
    @RequestFilter
    @ExecuteOn(TaskExecutors.BLOCKING)
    @Nullable
    public HttpResponse<?> authenticate(HttpRequest<?> request, MutablePropagatedContext context) {
        String path = request.getPath();
        if (PROVISION.equals(path) || path.startsWith(PROVISION + "/")) {
            return null;
        }
        try {
            AuthenticatedDevice device =
                    authenticator.authenticate(request.getCertificate().orElse(null));
            request.setAttribute(AuthenticatedDevice.ATTRIBUTE, device);
            LogContext.put(context, LogContext.DEVICE_ID, device.deviceId());
            return null;
        } catch (ApiException e) {
            return ErrorResponses.of(e.code(), e.getMessage());
        }
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.order();
    }
}
