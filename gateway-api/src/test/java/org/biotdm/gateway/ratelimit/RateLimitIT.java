package org.biotdm.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.biotdm.gateway.testing.TestGateway;
import org.biotdm.gateway.testing.TestUsers;
import org.biotdm.gateway.users.ApiRole;
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
    private final HttpClient http = HttpClient.newHttpClient();

    @Inject
    EmbeddedServer server;

    @Inject
    ApplicationContext context;

    @Override
    public Map<String, String> getProperties() {
        return TestGateway.properties("ratelimit", true);
    }

    @Test
    void a_person_over_their_burst_gets_429_with_retry_after_and_others_are_unaffected() throws Exception {
        TestUsers.Session busy = TestUsers.create(context, 0, ApiRole.AUDITOR);
        TestUsers.Session other = TestUsers.create(context, 0, ApiRole.AUDITOR);
        for (int i = 0; i < 3; i++) {
            assertThat(me(busy).statusCode()).isEqualTo(200);
        }
        HttpResponse<String> limited = me(busy);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.body()).contains("\"code\":\"RATE_LIMITED\"");
        assertThat(limited.headers().firstValueAsLong("Retry-After").orElse(0)).isPositive();
        assertThat(me(other).statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> me(TestUsers.Session session) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + server.getPort() + "/api/v1/users/me"))
                        .header("Authorization", session.bearer())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
