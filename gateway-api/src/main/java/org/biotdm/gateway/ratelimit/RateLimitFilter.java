package org.biotdm.gateway.ratelimit;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import java.security.Principal;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import org.biotdm.gateway.error.ErrorCode;
import org.biotdm.gateway.error.ErrorResponses;
import org.biotdm.gateway.ingress.AuthenticatedDevice;

/**
 * Limits request rates with token buckets (Bucket4j, greedy refill): per signed-in person on {@code /api/**} and
 * {@code /ws/**}, per device on {@code /device/**} (after the device's mTLS authentication), and per client address
 * for requests with neither (sign-in, provisioning, refused requests). Over the limit a request gets 429 {@code
 * RATE_LIMITED} with {@code Retry-After} (RFC 6585 §4), seconds until a request fits again, and does nothing. Runs
 * after authentication, so a forged identity cannot drain another person's bucket. In memory per instance, in a
 * bounded {@link TokenBuckets} table (least recently used evicted first, idle buckets dropped once refilled), so
 * many callers cannot exhaust memory nor reset everyone's buckets. Telemetry readings are limited apart, by {@link
 * ReadingRateLimiter}.
 */
@ServerFilter(patterns = {"/api/**", "/ws/**", "/device/**"})
final class RateLimitFilter implements Ordered {
    /** The most buckets kept at once (people, devices and addresses together). */
    static final int MAX_TRACKED = 200_000;

    private final RateLimitConfiguration configuration;
    private final ClientAddresses addresses;
    private final TokenBuckets buckets;
    private final TokenBuckets.Limit userLimit;
    private final TokenBuckets.Limit deviceLimit;
    private final TokenBuckets.Limit anonymousLimit;

    /**
     * Creates the filter.
     *
     * @param configuration the limits
     * @param addresses tells the client address of anonymous requests
     */
    public RateLimitFilter(RateLimitConfiguration configuration, ClientAddresses addresses) {
        this.configuration = configuration;
        this.addresses = addresses;
        Duration period = configuration.period();
        this.userLimit = TokenBuckets.Limit.perSecond(period, configuration.userPerSecond(), configuration.userBurst());
        this.deviceLimit =
                TokenBuckets.Limit.perSecond(period, configuration.devicePerSecond(), configuration.deviceBurst());
        this.anonymousLimit = TokenBuckets.Limit.perSecond(
                period, configuration.anonymousPerSecond(), configuration.anonymousBurst());
        Duration idle =
                Collections.max(List.of(userLimit.refillTime(), deviceLimit.refillTime(), anonymousLimit.refillTime()));
        this.buckets = new TokenBuckets(MAX_TRACKED, idle, System::nanoTime);
    }

    /**
     * Takes one token from the caller's bucket.
     *
     * @param request the request
     * @return null to go on, or the 429 response
     */
    @RequestFilter
    @Nullable
    public HttpResponse<?> limit(HttpRequest<?> request) {
        if (!configuration.enabled()) {
            return null;
        }
        long seconds;
        Object device = request.getAttribute(AuthenticatedDevice.ATTRIBUTE).orElse(null);
        Principal principal = request.getUserPrincipal().orElse(null);
        if (device instanceof AuthenticatedDevice authenticated) {
            seconds = buckets.take("d:" + authenticated.deviceId(), 1, deviceLimit);
        } else if (principal != null) {
            seconds = buckets.take("u:" + principal.getName(), 1, userLimit);
        } else {
            seconds = buckets.take("a:" + addresses.of(request), 1, anonymousLimit);
        }
        if (seconds == 0) {
            return null;
        }
        return ErrorResponses.of(ErrorCode.RATE_LIMITED, "Too many requests; retry in " + seconds + " s")
                .header("Retry-After", Long.toString(seconds));
    }

    @Override
    public int getOrder() {
        // After Micronaut Security and the device's mTLS authentication, which both run in the SECURITY phase.
        return ServerFilterPhase.SECURITY.after() + 10;
    }
}
