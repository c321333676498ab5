package org.biotdm.gateway.error;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.event.ShutdownEvent;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.runtime.event.annotation.EventListener;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Once the gateway begins to shut down (SIGTERM, or its context is stopped), answers every request that fails on
 * the server's side with 503 {@code SERVICE_UNAVAILABLE} and {@code Retry-After: 1} instead of 500: a request that
 * races the shutdown meets a closing database pool or telemetry writer, which is the gateway going away, not a bug,
 * and the client should simply send it again (to this gateway once it is back, or to another). Nothing was stored
 * for such a request: each write commits in one transaction or not at all. It sees both ports' responses and runs
 * last, after every exception handler.
 */
@Context
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class ShutdownGuard implements Ordered {
    private static final Logger LOG = LoggerFactory.getLogger(ShutdownGuard.class);

    private final AtomicBoolean shuttingDown = new AtomicBoolean();

    /** Creates the guard; a JVM shutdown hook marks the shutdown even before the context is told. */
    public ShutdownGuard() {
        Runtime.getRuntime().addShutdownHook(new Thread(this::markShuttingDown, "shutdown-guard"));
    }

    /**
     * Marks the shutdown when the context stops.
     *
     * @param event the context's shutdown
     */
    @EventListener
    void onShutdown(ShutdownEvent event) {
        markShuttingDown();
    }

    /** Marks the shutdown: from now on, server-side failures answer 503. */
    public void markShuttingDown() {
        if (shuttingDown.compareAndSet(false, true)) {
            LOG.info("Shutting down: failing requests answer 503 SERVICE_UNAVAILABLE with Retry-After");
        }
    }

    /**
     * Tells whether the shutdown began.
     *
     * @return true from the first sign of shutdown on
     */
    public boolean shuttingDown() {
        return shuttingDown.get();
    }

    /**
     * Turns a 5xx other than 503 into 503 {@code SERVICE_UNAVAILABLE} once the shutdown began.
     *
     * @param request the request
     * @param response the response so far
     * @return the response to send
     */
    @ResponseFilter
    public MutableHttpResponse<?> guard(HttpRequest<?> request, MutableHttpResponse<?> response) {
        int status = response.code();
        if (!shuttingDown.get() || status < 500 || status == HttpStatus.SERVICE_UNAVAILABLE.getCode()) {
            return response;
        }
        LOG.info("{} {} failed with {} during shutdown; answered 503", request.getMethod(), request.getPath(), status);
        return ErrorResponses.of(ErrorCode.SERVICE_UNAVAILABLE, "The gateway is shutting down; retry later")
                .header(HttpHeaders.RETRY_AFTER, "1");
    }

    @Override
    public int getOrder() {
        // Response filters run in reverse order: the earliest filter sees the final response last.
        return ServerFilterPhase.FIRST.before() - 1;
    }
}
