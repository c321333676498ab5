package org.biotdm.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Property;
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
 * Rate limits per person: with a burst of 3 and a refill of 1 per hour, the fourth request is 429 RATE_LIMITED with
 * Retry-After, and another person's bucket is untouched.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Property(name = "biotdm.anchoring.enabled", value = "false")
@Property(name = "biotdm.ingress.enabled", value = "false")
@Property(name = "micronaut.server.port", value = "-1")
@Property(name = "biotdm.rate-limits.user-burst", value = "3")
@Property(name = "biotdm.rate-limits.user-per-second", value = "1")
@Property(name = "biotdm.rate-limits.period", value = "1h")
class RateLimitIT implements TestPropertyProvider {
    @Inject
    UserClient users;

    @Inject
    ApplicationContext context;

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
        ApiError limited = ApiError.of(() -> users.me(busy.caller()));
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.code()).isEqualTo("RATE_LIMITED");
        assertThat(limited.header("Retry-After").map(Long::parseLong).orElse(0L))
                .isPositive();
        assertThat(users.me(other.caller()).username()).isEqualTo(other.user().username());
    }
}
