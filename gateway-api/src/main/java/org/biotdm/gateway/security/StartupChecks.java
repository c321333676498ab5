package org.biotdm.gateway.security;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.env.Environment;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.value.PropertyResolver;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Refuses to start the gateway with settings that would expose it, before any listener opens.
 *
 * <p>Always: the people API ({@code micronaut.server}) may serve plain HTTP only on a loopback address (the default
 * {@code 127.0.0.1}, for a TLS-terminating proxy on the same host or a developer's machine); on any other address it
 * needs HTTPS ({@code micronaut.server.ssl.enabled: true} with a certificate) or an explicit
 * {@code biotdm.security.allow-plain-http: true}.
 *
 * <p>In production ({@code biotdm.security.production: true}, which the {@code prod} environment's
 * {@code application-prod.yml} sets: {@code MICRONAUT_ENVIRONMENTS=prod}), every development default is refused as
 * well: a generated device CA, the {@code changeit} keystore password, a generated JWT signing key or key-encryption
 * key, the embedded MariaDB, the database's {@code root} user, and the dev network's enrolment endpoint. The
 * exception lists every offending setting and what to set instead.
 */
@Context
final class StartupChecks {
    /** The setting that turns the production checks on. */
    public static final String PRODUCTION = "biotdm.security.production";

    /** The setting that allows plain HTTP on a non-loopback address (behind a proxy on a trusted network). */
    public static final String ALLOW_PLAIN_HTTP = "biotdm.security.allow-plain-http";

    private static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "::1", "0:0:0:0:0:0:0:1");

    /**
     * Runs the checks at startup.
     *
     * @param environment the application's settings
     * @throws ConfigurationException listing every setting to change, one per line
     */
    public StartupChecks(Environment environment) {
        List<String> problems = problems(environment);
        if (!problems.isEmpty()) {
            throw new ConfigurationException(
                    "The gateway refuses to start with these settings:\n- " + String.join("\n- ", problems));
        }
    }

    /**
     * Lists what is wrong with a set of settings.
     *
     * @param settings the settings
     * @return one line per problem, naming the setting to change; empty when none
     */
    public static List<String> problems(PropertyResolver settings) {
        List<String> problems = new ArrayList<>();
        plainHttp(settings).ifPresent(problems::add);
        if (flag(settings, PRODUCTION)) {
            problems.addAll(developmentDefaults(settings));
        }
        return problems;
    }

    private static Optional<String> plainHttp(PropertyResolver settings) {
        boolean tls = flag(settings, "micronaut.server.ssl.enabled") || flag(settings, "micronaut.ssl.enabled");
        String host = text(settings, "micronaut.server.host");
        if (tls || isLoopback(host) || flag(settings, ALLOW_PLAIN_HTTP)) {
            return Optional.empty();
        }
        return Optional.of("the people API would serve plain HTTP on " + (host.isEmpty() ? "every interface" : host)
                + ": enable HTTPS (micronaut.server.ssl.enabled=true with a key store), bind it to loopback"
                + " (micronaut.server.host=127.0.0.1, BIOTDM_API_HOST) behind a TLS proxy, or set "
                + ALLOW_PLAIN_HTTP + "=true");
    }

    private static List<String> developmentDefaults(PropertyResolver settings) {
        List<String> problems = new ArrayList<>();
        if (!settings.get("biotdm.provisioning.generate-ca", Boolean.class)
                .map(b -> !b)
                .orElse(false)) {
            problems.add("biotdm.provisioning.generate-ca must be false: provide the device CA keystore"
                    + " (biotdm.provisioning.ca-keystore)");
        }
        if ("changeit".equals(text(settings, "biotdm.provisioning.ca-keystore-password"))) {
            problems.add("biotdm.provisioning.ca-keystore-password is the development default 'changeit':"
                    + " set BIOTDM_PROVISIONING_CA_KEYSTORE_PASSWORD");
        }
        if (text(settings, "biotdm.users.key-encryption-key").isEmpty()) {
            problems.add("biotdm.users.key-encryption-key is unset (a generated development key):"
                    + " set BIOTDM_USERS_KEY_ENCRYPTION_KEY to the base64 of 32 random bytes");
        }
        if (text(settings, "biotdm.users.jwt-signing-key").isEmpty()) {
            problems.add("biotdm.users.jwt-signing-key is unset (a generated key): point it at the ES256 PEM key that"
                    + " every instance shares");
        }
        if (text(settings, "datasources.default.url").isEmpty()) {
            problems.add("datasources.default.url is empty (the embedded MariaDB): set BIOTDM_DB_URL to the"
                    + " production MariaDB");
        }
        if ("root".equals(text(settings, "datasources.default.username"))) {
            problems.add("datasources.default.username is root: set BIOTDM_DB_USER to a user with rights on the"
                    + " BIoT-DM schema only");
        }
        String enrolment = text(settings, "biotdm.users.enrollment-url");
        if (enrolment.startsWith("http://")) {
            problems.add("biotdm.users.enrollment-url " + enrolment + " is plain HTTP (the dev network's enrolment"
                    + " endpoint): use your organisation's Fabric CA over HTTPS");
        }
        return problems;
    }

    private static boolean isLoopback(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        if (name.startsWith("[") && name.endsWith("]")) {
            name = name.substring(1, name.length() - 1);
        }
        return LOOPBACK_NAMES.contains(name) || name.matches("127(\\.[0-9]{1,3}){3}");
    }

    private static boolean flag(PropertyResolver settings, String key) {
        return settings.get(key, Boolean.class).orElse(false);
    }

    private static String text(PropertyResolver settings, String key) {
        return settings.get(key, String.class).map(String::trim).orElse("");
    }
}
