package org.biotdm.gateway.ratelimit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import java.security.Principal;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.biotdm.gateway.error.ErrorCode;
import org.biotdm.gateway.error.ErrorResponses;
import org.biotdm.gateway.ingress.AuthenticatedDevice;

/**
 * Limits request rates with token buckets (Bucket4j, greedy refill): per signed-in person on {@code /api/**} and
 * {@code /ws/**}, per device on {@code /device/**} (after the device's mTLS authentication), and per client address
 * for requests with neither (sign-in, provisioning, refused requests). Over the limit a request gets 429 {@code
 * RATE_LIMITED} with {@code Retry-After} (RFC 6585 §4), seconds until a request fits again, and does nothing. Runs
 * after authentication, so a forged identity cannot drain another person's bucket. In memory per instance; at most
 * {@value #MAX_TRACKED} buckets are kept (then the table is cleared, erring towards availability).
 */
@ServerFilter(patterns = {"/api/**", "/ws/**", "/device/**"})
public class RateLimitFilter implements Ordered {
    static final int MAX_TRACKED = 200_000;

    private final RateLimitConfiguration configuration;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    /**
     * Creates the filter.
     *
     * @param configuration the limits
     */
    public RateLimitFilter(RateLimitConfiguration configuration) {
        this.configuration = configuration;
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
        String key;
        int perSecond;
        int burst;
        Object device = request.getAttribute(AuthenticatedDevice.ATTRIBUTE).orElse(null);
        Principal principal = request.getUserPrincipal().orElse(null);
        if (device instanceof AuthenticatedDevice authenticated) {
            key = "d:" + authenticated.deviceId();
            perSecond = configuration.devicePerSecond();
            burst = configuration.deviceBurst();
        } else if (principal != null) {
            key = "u:" + principal.getName();
            perSecond = configuration.userPerSecond();
            burst = configuration.userBurst();
        } else {
            key = "a:" + request.getRemoteAddress().getAddress().getHostAddress();
            perSecond = configuration.anonymousPerSecond();
            burst = configuration.anonymousBurst();
        }
        ConsumptionProbe probe = bucket(key, perSecond, burst).tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return null;
        }
        long seconds = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill() + 999_999_999L));
        return ErrorResponses.of(ErrorCode.RATE_LIMITED, "Too many requests; retry in " + seconds + " s")
                .header("Retry-After", Long.toString(seconds));
    }

    @Override
    public int getOrder() {
        // After Micronaut Security and the device's mTLS authentication, which both run in the SECURITY phase.
        return ServerFilterPhase.SECURITY.after() + 10;
    }

    private Bucket bucket(String key, int perSecond, int burst) {
        Bucket bucket = buckets.get(key);
        if (bucket != null) {
            return bucket;
        }
        if (buckets.size() >= MAX_TRACKED) {
            buckets.clear();
        }
        return buckets.computeIfAbsent(key, k -> Bucket.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(Math.max(1, burst))
                        .refillGreedy(
                                Math.max(
                                        1,
                                        perSecond
                                                * Math.max(
                                                        1,
                                                        configuration.period().toSeconds())),
                                configuration.period())
                        .build())
                .build());
    }
}
