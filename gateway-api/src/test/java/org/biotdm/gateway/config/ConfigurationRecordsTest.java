package org.biotdm.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.exceptions.BeanContextException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.biotdm.gateway.alert.AlertConfiguration;
import org.biotdm.gateway.anchor.AnchoringConfiguration;
import org.biotdm.gateway.command.CommandsConfiguration;
import org.biotdm.gateway.db.DatabaseConfiguration;
import org.biotdm.gateway.device.DeviceAdminConfiguration;
import org.biotdm.gateway.export.ExportConfiguration;
import org.biotdm.gateway.ingress.IngressConfiguration;
import org.biotdm.gateway.ledger.LedgerConfiguration;
import org.biotdm.gateway.live.LiveConfiguration;
import org.biotdm.gateway.provisioning.ProvisioningConfiguration;
import org.biotdm.gateway.query.QueryConfiguration;
import org.biotdm.gateway.ratelimit.RateLimitConfiguration;
import org.biotdm.gateway.testing.TestSettings;
import org.biotdm.gateway.users.UsersConfiguration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Binds each settings record from the shipped {@code application.yml}, with overrides, and with a refused value.
 * The expected defaults are the values documented in each record's Javadoc and in the README.
 */
class ConfigurationRecordsTest {

    /** Asserts that binding fails and that the failure names the record, the component and what is wrong. */
    private static <T> void refused(Class<T> type, String key, Object value, String component, String reason) {
        assertThatThrownBy(() -> TestSettings.bind(type, Map.of(key, value)))
                .isInstanceOf(BeanContextException.class)
                .hasMessageContaining(component)
                .hasStackTraceContaining(type.getSimpleName() + "." + component + " - " + reason);
    }

    @Test
    void a_bad_setting_stops_the_startup_before_any_bean_asks_for_it() {
        assertThatThrownBy(() -> TestSettings.start(Map.of("biotdm.query.max-page-size", 0)))
                .isInstanceOf(BeanContextException.class)
                .hasStackTraceContaining("QueryConfiguration.maxPageSize - must be greater than or equal to 1");
    }

    @Nested
    class Ledger {
        @Test
        void binds_the_shipped_defaults() {
            LedgerConfiguration ledger = TestSettings.defaults(LedgerConfiguration.class);

            assertThat(ledger.peerEndpoint()).isEqualTo("127.0.0.1:7051");
            assertThat(ledger.mspId()).isEqualTo("Org1MSP");
            assertThat(ledger.channel()).isEqualTo("mychannel");
            assertThat(ledger.evaluateTimeout()).isEqualTo(Duration.ofSeconds(5));
            assertThat(ledger.commitStatusTimeout()).isEqualTo(Duration.ofSeconds(60));
            assertThat(ledger.conflictAttempts()).isEqualTo(3);
            assertThat(ledger.eventsEnabled()).isTrue();
            assertThat(ledger.eventsReconnectMin()).isEqualTo(Duration.ofMillis(100));
            assertThat(ledger.eventsReconnectMax()).isEqualTo(Duration.ofSeconds(5));
        }

        @Test
        void binds_overrides() {
            LedgerConfiguration ledger = TestSettings.bind(
                    LedgerConfiguration.class,
                    Map.of("biotdm.ledger.conflict-attempts", 5, "biotdm.ledger.endorse-timeout", "2s"));

            assertThat(ledger.conflictAttempts()).isEqualTo(5);
            assertThat(ledger.endorseTimeout()).isEqualTo(Duration.ofSeconds(2));
        }

        @Test
        void refuses_out_of_range_values() {
            refused(
                    LedgerConfiguration.class,
                    "biotdm.ledger.conflict-attempts",
                    0,
                    "conflictAttempts",
                    "must be greater than or equal to 1");
            refused(
                    LedgerConfiguration.class,
                    "biotdm.ledger.evaluate-timeout",
                    "0s",
                    "evaluateTimeout",
                    "must be at least 1 ms");
        }
    }

    @Nested
    class Anchoring {
        @Test
        void binds_the_shipped_defaults() {
            AnchoringConfiguration anchoring = TestSettings.defaults(AnchoringConfiguration.class);

            assertThat(anchoring.enabled()).isTrue();
            assertThat(anchoring.windowMs()).isEqualTo(10_000);
            assertThat(anchoring.grace()).isEqualTo(Duration.ofSeconds(2));
            assertThat(anchoring.gatewayId()).isEqualTo("gw1");
            assertThat(anchoring.submitBatch()).isEqualTo(8);
            assertThat(anchoring.submitLease()).isEqualTo(Duration.ofMinutes(2));
            assertThat(anchoring.retryMax()).isEqualTo(Duration.ofMinutes(5));
            assertThat(anchoring.verifyMaxWindows()).isEqualTo(360);
        }

        @Test
        void refuses_out_of_range_values() {
            refused(
                    AnchoringConfiguration.class,
                    "biotdm.anchoring.window-ms",
                    999,
                    "windowMs",
                    "must be greater than or equal to 1000");
            refused(AnchoringConfiguration.class, "biotdm.anchoring.gateway-id", "gw-1", "gatewayId", "must match");
            refused(
                    AnchoringConfiguration.class,
                    "biotdm.anchoring.submit-concurrency",
                    65,
                    "submitConcurrency",
                    "must be less than or equal to 64");
            refused(AnchoringConfiguration.class, "biotdm.anchoring.grace", "-1s", "grace", "must be at least 0 ms");
        }
    }

    @Nested
    class Ingress {
        @Test
        void binds_the_shipped_defaults() {
            IngressConfiguration ingress = TestSettings.defaults(IngressConfiguration.class);

            assertThat(ingress.port()).isEqualTo(8443);
            assertThat(ingress.host()).isNull();
            assertThat(ingress.tlsCert()).isNull();
            assertThat(ingress.tlsHostnames()).containsExactly("localhost", "127.0.0.1");
            assertThat(ingress.clientCaCerts()).isEmpty();
            assertThat(ingress.maxBodyBytes()).isEqualTo(256 * 1024);
            assertThat(ingress.maxReadings()).isEqualTo(1000);
            assertThat(ingress.maxClockSkew()).isEqualTo(Duration.ofMinutes(5));
            assertThat(ingress.maxReadingAge()).isEqualTo(Duration.ofHours(24));
            assertThat(ingress.writerThreads()).isEqualTo(2);
            assertThat(ingress.writerMaxRows()).isEqualTo(20_000);
            assertThat(ingress.writerDeviceMaxBatches()).isEqualTo(32);
        }

        @Test
        void binds_lists_of_files() {
            IngressConfiguration ingress = TestSettings.bind(
                    IngressConfiguration.class,
                    Map.of("biotdm.ingress.client-ca-certs", List.of("/etc/a.pem", "/etc/b.pem")));

            assertThat(ingress.clientCaCerts()).containsExactly(Path.of("/etc/a.pem"), Path.of("/etc/b.pem"));
        }

        @Test
        void refuses_out_of_range_values() {
            refused(
                    IngressConfiguration.class,
                    "biotdm.ingress.port",
                    70000,
                    "port",
                    "must be less than or equal to 65535");
            refused(
                    IngressConfiguration.class,
                    "biotdm.ingress.max-body-bytes",
                    100,
                    "maxBodyBytes",
                    "must be greater than or equal to 1024");
            refused(
                    IngressConfiguration.class,
                    "biotdm.ingress.writer-threads",
                    0,
                    "writerThreads",
                    "must be greater than or equal to 1");
        }
    }

    @Nested
    class Users {
        @Test
        void binds_the_shipped_defaults() {
            UsersConfiguration users = TestSettings.defaults(UsersConfiguration.class);

            assertThat(users.jwtSigningKey()).isNull();
            assertThat(users.accessTokenTtl()).isEqualTo(Duration.ofMinutes(15));
            assertThat(users.refreshTokenTtl()).isEqualTo(Duration.ofDays(7));
            assertThat(users.enrollmentUrl()).hasToString("http://127.0.0.1:7055");
            assertThat(users.organisations()).isEmpty();
            assertThat(users.registrarSecrets()).isEmpty();
            assertThat(users.passwordMinLength()).isEqualTo(12);
            assertThat(users.loginWindow()).isEqualTo(Duration.ofMinutes(1));
        }

        @Test
        void refuses_passwords_shorter_than_eight_characters() {
            refused(
                    UsersConfiguration.class,
                    "biotdm.users.password-min-length",
                    7,
                    "passwordMinLength",
                    "must be greater than or equal to 8");
        }
    }

    @Nested
    class Others {
        @Test
        void refuse_a_value_that_does_not_convert() {
            assertThatThrownBy(() -> TestSettings.bind(
                            LiveConfiguration.class, Map.of("biotdm.live.slow-session-policy", "WAIT")))
                    .isInstanceOf(BeanContextException.class)
                    .hasMessageContaining("slowSessionPolicy");
        }

        @Test
        void bind_the_shipped_defaults() {
            assertThat(TestSettings.defaults(RateLimitConfiguration.class))
                    .isEqualTo(new RateLimitConfiguration(
                            true, Duration.ofSeconds(1), 20, 100, 20, 100, 20, 100, 10_000, 20_000, List.of()));
            assertThat(TestSettings.defaults(DeviceAdminConfiguration.class))
                    .isEqualTo(new DeviceAdminConfiguration(50, 200, 32, Duration.ofHours(24)));
            assertThat(TestSettings.defaults(QueryConfiguration.class))
                    .isEqualTo(new QueryConfiguration(5000, 1000, 5000, Duration.ofHours(24)));
            assertThat(TestSettings.defaults(ExportConfiguration.class)).isEqualTo(new ExportConfiguration(500, 4));
            assertThat(TestSettings.defaults(LiveConfiguration.class))
                    .isEqualTo(new LiveConfiguration(
                            256,
                            10_000,
                            LiveConfiguration.SlowSessionPolicy.DROP_OLDEST,
                            Duration.ofSeconds(1),
                            10_000,
                            5));
            assertThat(TestSettings.defaults(CommandsConfiguration.class))
                    .isEqualTo(new CommandsConfiguration(
                            Duration.ofHours(1),
                            Duration.ofHours(24),
                            8192,
                            65536,
                            Duration.ofSeconds(60),
                            16,
                            Duration.ofSeconds(5),
                            200));
        }

        @Test
        void bind_the_embedded_database_under_the_temporary_directory() {
            DatabaseConfiguration database = TestSettings.defaults(DatabaseConfiguration.class);

            assertThat(database.embeddedBaseDir())
                    .isEqualTo(Path.of(System.getProperty("java.io.tmpdir"), "biotdm-mariadb"));
            assertThat(database.embeddedDatabase()).isEqualTo("biotdm");
            assertThat(database.partitionsAheadDays()).isEqualTo(7);
        }

        @Test
        void bind_the_provisioning_and_alert_defaults() {
            ProvisioningConfiguration provisioning = TestSettings.defaults(ProvisioningConfiguration.class);
            assertThat(provisioning.caKeystore()).isNull();
            assertThat(provisioning.generateCa()).isTrue();
            assertThat(provisioning.certificateValidity()).isEqualTo(Duration.ofDays(365));
            assertThat(provisioning.generatedCaValidity()).isEqualTo(Duration.ofDays(3650));

            AlertConfiguration alerts = TestSettings.defaults(AlertConfiguration.class);
            assertThat(alerts.anomalyParameters().alpha()).isEqualTo(0.01);
            assertThat(alerts.anomalyParameters().warmUp()).isEqualTo(60);
            assertThat(alerts.maxStates()).isEqualTo(100_000);
        }

        @Test
        void refuse_out_of_range_values() {
            refused(
                    RateLimitConfiguration.class,
                    "biotdm.rate-limits.user-burst",
                    0,
                    "userBurst",
                    "must be greater than or equal to 1");
            refused(
                    DeviceAdminConfiguration.class,
                    "biotdm.device-admin.claim-token-bytes",
                    8,
                    "claimTokenBytes",
                    "must be greater than or equal to 12");
            refused(
                    AlertConfiguration.class,
                    "biotdm.alerts.anomaly-alpha",
                    1.5,
                    "anomalyAlpha",
                    "must be less than or equal to 1");
            refused(
                    CommandsConfiguration.class,
                    "biotdm.commands.default-expiry",
                    "0s",
                    "defaultExpiry",
                    "must be at least 1 ms");
        }
    }
}
