package org.biotdm.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Property;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.util.Map;
import org.biotdm.gateway.testing.ApiError;
import org.biotdm.gateway.testing.TestGateway;
import org.biotdm.gateway.testing.TestUsers;
import org.biotdm.gateway.users.ApiRole;
import org.biotdm.gateway.users.UserClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Rate limits per person: with a burst of 3 and a refill of one a second, requests faster than that soon get 429
 * RATE_LIMITED with Retry-After, and another person's bucket is untouched. Requests arrive through a trusted proxy (the test client's
 * loopback address), so sign-in attempts (3 per address per hour here) are counted per forwarded client address.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Property(name = "biotdm.anchoring.enabled", value = "false")
@Property(name = "biotdm.ingress.enabled", value = "false")
@Property(name = "micronaut.server.port", value = "-1")
@Property(name = "biotdm.rate-limits.user-burst", value = "3")
@Property(name = "biotdm.rate-limits.user-per-second", value = "1")
@Property(name = "biotdm.rate-limits.period", value = "1h")
@Property(name = "biotdm.users.login-attempts-per-address", value = "3")
@Property(name = "biotdm.users.login-window", value = "1h")
@Property(name = "biotdm.rate-limits.trusted-proxies", value = "127.0.0.0/8,::1")
class RateLimitIT implements TestPropertyProvider {
    @Inject
    UserClient users;

    @Inject
    ApplicationContext context;

    @Inject
    @Client("/")
    HttpClient http;

    @Override
    public Map<String, String> getProperties() {
        return TestGateway.properties("ratelimit", true);
    }

    @Test
    void a_person_over_their_burst_gets_429_with_retry_after_and_others_are_unaffected() {
        TestUsers.Session busy = TestUsers.create(context, 0, ApiRole.AUDITOR);
        TestUsers.Session other = TestUsers.create(context, 0, ApiRole.AUDITOR);
        for (int i = 0; i < 3; i++) {
            assertThat(users.me(busy.caller()).username()).isEqualTo(busy.user().username());
        }
        // The bucket regains a token a second: ask until it is empty, however slowly this machine answers.
        ApiError limited = null;
        for (int i = 0; i < 100 && limited == null; i++) {
            try {
                users.me(busy.caller());
            } catch (ApiError e) {
                limited = e;
            }
        }
        assertThat(limited).isNotNull();
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.code()).isEqualTo("RATE_LIMITED");
        assertThat(limited.header("Retry-After").map(Long::parseLong).orElse(0L))
                .isPositive();
        assertThat(users.me(other.caller()).username()).isEqualTo(other.user().username());
    }

    @Test
    void behind_a_trusted_proxy_each_forwarded_client_has_its_own_sign_in_attempts() {
        for (int i = 0; i < 3; i++) {
            assertThat(anonymousSignIn("X-Forwarded-For", "203.0.113.5")).isEqualTo("401 LOGIN_FAILED");
        }
        assertThat(anonymousSignIn("X-Forwarded-For", "203.0.113.5")).isEqualTo("429 LOGIN_THROTTLED");
        // The client wrote 192.0.2.77 itself; the proxy appended the address it saw, which is what counts.
        assertThat(anonymousSignIn("X-Forwarded-For", "192.0.2.77, 203.0.113.5"))
                .isEqualTo("429 LOGIN_THROTTLED");
        assertThat(anonymousSignIn("X-Forwarded-For", "203.0.113.6")).isEqualTo("401 LOGIN_FAILED");
        assertThat(anonymousSignIn("Forwarded", "for=\"[2001:db8::5]:4711\"")).isEqualTo("401 LOGIN_FAILED");
    }

    private String anonymousSignIn(String header, String value) {
        // Raw on purpose: the point is the forwarding header, which the typed client does not send.
        return ApiError.ofRaw(
                        http,
                        HttpRequest.POST(
                                        "/api/v1/auth/login",
                                        Map.of("username", "nobody-here", "password", "wrong password"))
                                .header(header, value))
                .statusAndCode();
    }
}
