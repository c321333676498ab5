package org.biotdm.gateway.users;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import java.net.URI;
import org.junit.jupiter.api.Test;

class UsersConfigurationTest {

    @Test
    void the_shipped_enrolment_url_is_an_http_url_the_enroller_can_resolve() {
        try (ApplicationContext context = ApplicationContext.builder().build()) {
            Environment environment = context.getEnvironment().start();
            URI url = URI.create(environment
                    .getProperty("biotdm.users.enrollment-url", String.class)
                    .orElseThrow());
            assertThat(url.getScheme()).isEqualTo("http");
            assertThat(url.resolve("/api/v1/enroll")).hasToString("http://127.0.0.1:7055/api/v1/enroll");
        }
    }
}
