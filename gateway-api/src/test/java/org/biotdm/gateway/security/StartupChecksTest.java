package org.biotdm.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.env.PropertySource;
import io.micronaut.context.env.PropertySourcePropertyResolver;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StartupChecksTest {
    private static List<String> problems(Map<String, Object> settings) {
        return StartupChecks.problems(new PropertySourcePropertyResolver(PropertySource.of("test", settings)));
    }

    @Nested
    class PlainHttp {
        @ParameterizedTest
        @ValueSource(strings = {"127.0.0.1", "127.0.1.1", "localhost", "::1", "[::1]"})
        void is_allowed_on_loopback(String host) {
            assertThat(problems(Map.of("micronaut.server.host", host))).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(strings = {"0.0.0.0", "192.0.2.10", "gateway.example.com", "::"})
        void is_refused_on_any_other_address(String host) {
            assertThat(problems(Map.of("micronaut.server.host", host)))
                    .singleElement()
                    .asString()
                    .contains("plain HTTP on " + host)
                    .contains("micronaut.server.ssl.enabled");
        }

        @Test
        void is_refused_on_every_interface_when_no_host_is_set() {
            assertThat(problems(Map.of())).singleElement().asString().contains("every interface");
        }

        @Test
        void is_allowed_off_loopback_with_https_or_when_explicitly_told() {
            assertThat(problems(Map.of("micronaut.server.host", "0.0.0.0", "micronaut.server.ssl.enabled", true)))
                    .isEmpty();
            assertThat(problems(Map.of("micronaut.server.host", "0.0.0.0", StartupChecks.ALLOW_PLAIN_HTTP, "true")))
                    .isEmpty();
        }
    }

    @Nested
    class Production {
        private Map<String, Object> hardened() {
            Map<String, Object> settings = new HashMap<>();
            settings.put(StartupChecks.PRODUCTION, true);
            settings.put("micronaut.server.host", "127.0.0.1");
            settings.put("biotdm.provisioning.generate-ca", false);
            settings.put("biotdm.provisioning.ca-keystore-password", "s3cret-from-vault");
            settings.put("biotdm.users.key-encryption-key", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=");
            settings.put("biotdm.users.jwt-signing-key", "/etc/biotdm/jwt-signing-key.pem");
            settings.put("datasources.default.url", "jdbc:mariadb://db.example.com:3306/biotdm");
            settings.put("datasources.default.username", "biotdm");
            settings.put("biotdm.users.enrollment-url", "https://ca.org1.example.com:7054");
            return settings;
        }

        @Test
        void starts_when_every_development_default_is_replaced() {
            assertThat(problems(hardened())).isEmpty();
        }

        @ParameterizedTest
        @ValueSource(
                strings = {
                    "biotdm.provisioning.generate-ca=true",
                    "biotdm.provisioning.ca-keystore-password=changeit",
                    "biotdm.users.key-encryption-key=",
                    "biotdm.users.jwt-signing-key=",
                    "datasources.default.url=",
                    "datasources.default.username=root",
                    "biotdm.users.enrollment-url=http://127.0.0.1:7055",
                    "micronaut.server.host=0.0.0.0"
                })
        void refuses_each_development_default_naming_its_setting(String assignment) {
            String key = assignment.substring(0, assignment.indexOf('='));
            Map<String, Object> settings = hardened();
            settings.put(key, assignment.substring(assignment.indexOf('=') + 1));

            assertThat(problems(settings))
                    .singleElement()
                    .asString()
                    .contains(key.replace("micronaut.server.host", "plain HTTP"));
        }

        @Test
        void the_shipped_defaults_are_all_refused_in_production() {
            assertThat(problems(Map.of(
                            StartupChecks.PRODUCTION,
                            true,
                            "micronaut.server.host",
                            "127.0.0.1",
                            "biotdm.provisioning.ca-keystore-password",
                            "changeit",
                            "datasources.default.username",
                            "root",
                            "biotdm.users.enrollment-url",
                            "http://127.0.0.1:7055")))
                    .hasSize(7);
        }
    }
}
