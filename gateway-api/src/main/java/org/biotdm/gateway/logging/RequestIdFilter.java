package org.biotdm.gateway.logging;

import io.micronaut.core.order.Ordered;
import io.micronaut.core.propagation.MutablePropagatedContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import java.util.regex.Pattern;

/**
 * Gives every request on both ports a request ID before any other filter runs: the client's {@code X-Request-Id}
 * when it is 1–64 characters of {@code [A-Za-z0-9._-]} (so a proxy's or a device's ID links their logs with ours),
 * otherwise 16 random hex digits; anything else a client sends in that header is not logged. The ID goes into the
 * request's log context ({@link LogContext#REQUEST_ID}) and back to the client in the response's {@code X-Request-Id}
 * header, errors included, so a person reporting a problem can quote it.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class RequestIdFilter implements Ordered {
    /** The request and response header carrying the ID. */
    public static final String HEADER = "X-Request-Id";

    private static final Pattern WELL_FORMED = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final String ATTRIBUTE = "biotdm.requestId";

    /**
     * Chooses the request's ID and puts it into the log context.
     *
     * @param request the request
     * @param context the request's propagated context
     */
    @RequestFilter
    public void assign(HttpRequest<?> request, MutablePropagatedContext context) {
        String offered = request.getHeaders().get(HEADER);
        String id = offered != null && WELL_FORMED.matcher(offered).matches() ? offered : LogContext.newRequestId();
        request.setAttribute(ATTRIBUTE, id);
        LogContext.put(context, LogContext.REQUEST_ID, id);
    }

    /**
     * Echoes the ID on the response.
     *
     * @param request the request
     * @param response the response
     */
    @ResponseFilter
    public void echo(HttpRequest<?> request, MutableHttpResponse<?> response) {
        request.getAttribute(ATTRIBUTE, String.class).ifPresent(id -> response.header(HEADER, id));
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.before();
    }
}
