package org.biotdm.gateway.users;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Property;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.biotdm.gateway.device.DeviceLedger;
import org.biotdm.gateway.device.DeviceRegistration;
import org.biotdm.gateway.error.ErrorCode;
import org.biotdm.gateway.ledger.LedgerIdentity;
import org.biotdm.gateway.testing.TestGateway;
import org.biotdm.gateway.testing.TestUsers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * People on the real dev network and MariaDB: first-admin bootstrap, sign-in, refresh rotation, throttling, token
 * forgeries, role checks, and ledger transactions signed with the person's own enrolled Fabric identity.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Property(name = "biotdm.anchoring.enabled", value = "false")
@Property(name = "biotdm.ingress.enabled", value = "false")
@Property(name = "micronaut.server.port", value = "-1")
@Property(name = "biotdm.users.login-attempts-per-username", value = "3")
class UsersIT implements TestPropertyProvider {
    private final HttpClient http = HttpClient.newHttpClient();
    private Path dataDir;

    @Inject
    EmbeddedServer server;

    @Inject
    JsonMapper json;

    @Inject
    ApplicationContext context;

    @Inject
    UserLedgerIdentities identities;

    @Inject
    DeviceLedger devices;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = TestGateway.properties("users", true);
        dataDir = Path.of(properties.get("biotdm.data-dir"));
        return properties;
    }

    @Test
    void each_organisation_gets_a_bootstrap_token_that_creates_its_first_admin_once() throws Exception {
        Properties tokens = new Properties();
        try (Reader reader = Files.newBufferedReader(dataDir.resolve("users/bootstrap-tokens.properties"))) {
            tokens.load(reader);
        }
        assertThat(tokens.stringPropertyNames()).containsExactlyInAnyOrder("Org1MSP", "Org2MSP", "Org3MSP");

        HttpResponse<String> wrong = post(
                "/api/v1/auth/bootstrap",
                null,
                Map.of(
                        "mspId",
                        "Org3MSP",
                        "bootstrapToken",
                        tokens.getProperty("Org2MSP"),
                        "username",
                        "first-admin-3",
                        "password",
                        TestUsers.PASSWORD));
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(code(wrong)).isEqualTo("BOOTSTRAP_TOKEN_INVALID");

        HttpResponse<String> weak = post(
                "/api/v1/auth/bootstrap",
                null,
                Map.of(
                        "mspId",
                        "Org3MSP",
                        "bootstrapToken",
                        tokens.getProperty("Org3MSP"),
                        "username",
                        "first-admin-3",
                        "password",
                        "short"));
        assertThat(code(weak)).isEqualTo("INVALID_ARGUMENT");

        HttpResponse<String> created = post(
                "/api/v1/auth/bootstrap",
                null,
                Map.of(
                        "mspId",
                        "Org3MSP",
                        "bootstrapToken",
                        tokens.getProperty("Org3MSP"),
                        "username",
                        "first-admin-3",
                        "password",
                        TestUsers.PASSWORD));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        Map<?, ?> body = json.readValue(created.body(), Map.class);
        assertThat(((Map<?, ?>) body.get("user")).get("role")).isEqualTo("admin");
        assertThat(((Map<?, ?>) body.get("user")).get("mspId")).isEqualTo("Org3MSP");

        HttpResponse<String> again = post(
                "/api/v1/auth/bootstrap",
                null,
                Map.of(
                        "mspId",
                        "Org3MSP",
                        "bootstrapToken",
                        tokens.getProperty("Org3MSP"),
                        "username",
                        "second-admin-3",
                        "password",
                        TestUsers.PASSWORD));
        assertThat(code(again)).isEqualTo("BOOTSTRAP_TOKEN_INVALID");
    }

    @Test
    void sign_in_refresh_rotation_and_logout() throws Exception {
        TestUsers.Session admin = TestUsers.create(context, 0, ApiRole.ADMIN);
        HttpResponse<String> login = post(
                "/api/v1/auth/login",
                null,
                Map.of("username", admin.user().username(), "password", TestUsers.PASSWORD));
        assertThat(login.statusCode()).as(login.body()).isEqualTo(200);
        Map<?, ?> tokens = json.readValue(login.body(), Map.class);
        String access = (String) tokens.get("accessToken");
        String refresh = (String) tokens.get("refreshToken");

        HttpResponse<String> me = get("/api/v1/users/me", "Bearer " + access);
        assertThat(me.statusCode()).isEqualTo(200);
        assertThat(json.readValue(me.body(), Map.class).get("fabricId"))
                .isEqualTo(admin.user().fabricId());

        HttpResponse<String> refreshed = post("/api/v1/auth/refresh", null, Map.of("refreshToken", refresh));
        assertThat(refreshed.statusCode()).isEqualTo(200);
        String second = (String) json.readValue(refreshed.body(), Map.class).get("refreshToken");
        assertThat(second).isNotEqualTo(refresh);
        HttpResponse<String> reused = post("/api/v1/auth/refresh", null, Map.of("refreshToken", refresh));
        assertThat(reused.statusCode()).isEqualTo(401);
        assertThat(code(reused)).isEqualTo("AUTH_INVALID");

        assertThat(post("/api/v1/auth/logout", null, Map.of("refreshToken", second))
                        .statusCode())
                .isEqualTo(204);
        assertThat(code(post("/api/v1/auth/refresh", null, Map.of("refreshToken", second))))
                .isEqualTo("AUTH_INVALID");
    }

    @Test
    void wrong_passwords_are_throttled_per_username_even_when_the_next_guess_is_right() throws Exception {
        TestUsers.Session operator = TestUsers.create(context, 0, ApiRole.OPERATOR);
        String name = operator.user().username();
        for (int i = 0; i < 3; i++) {
            HttpResponse<String> failed =
                    post("/api/v1/auth/login", null, Map.of("username", name, "password", "wrong password " + i));
            assertThat(failed.statusCode()).isEqualTo(401);
            assertThat(code(failed)).isEqualTo("LOGIN_FAILED");
        }
        HttpResponse<String> throttled =
                post("/api/v1/auth/login", null, Map.of("username", name, "password", TestUsers.PASSWORD));
        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(code(throttled)).isEqualTo("LOGIN_THROTTLED");
        assertThat(throttled.headers().firstValueAsLong("Retry-After").orElse(0))
                .isPositive();
    }

    @Test
    void unknown_users_and_unknown_fields_are_refused_with_stable_codes() throws Exception {
        assertThat(code(post("/api/v1/auth/login", null, Map.of("username", "nobody", "password", "x"))))
                .isEqualTo("LOGIN_FAILED");
        HttpResponse<String> extra =
                post("/api/v1/auth/login", null, Map.of("username", "nobody", "password", "x", "admin", true));
        assertThat(extra.statusCode()).isEqualTo(400);
    }

    @Test
    void missing_forged_unsigned_and_expired_tokens_are_401_with_the_error_shape() throws Exception {
        TestUsers.Session auditor = TestUsers.create(context, 0, ApiRole.AUDITOR);
        HttpResponse<String> none = get("/api/v1/users/me", null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(code(none)).isEqualTo("AUTH_REQUIRED");
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");

        String[] parts = auditor.accessToken().split("\\.");
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
        String algNone =
                b64.encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8)) + "." + parts[1] + ".";
        String elevated = parts[0] + "."
                + b64.encodeToString(payload.replace("\"auditor\"", "\"admin\"").getBytes(StandardCharsets.UTF_8))
                + "." + parts[2];
        String garbage = "not.a.jwt";
        for (String token : List.of(algNone, elevated, garbage)) {
            HttpResponse<String> refused = get("/api/v1/users", "Bearer " + token);
            assertThat(refused.statusCode()).as(token).isEqualTo(401);
            assertThat(code(refused)).isEqualTo("AUTH_INVALID");
            assertThat(refused.body()).doesNotContain("Exception");
        }

        UserService users = context.getBean(UserService.class);
        var expiredAuth = io.micronaut.security.authentication.Authentication.build(
                auditor.user().username(),
                List.of("auditor"),
                Map.of(
                        "uid",
                        auditor.user().userId(),
                        "msp",
                        "Org1MSP",
                        "fid",
                        auditor.user().fabricId()));
        String expired = context.getBean(io.micronaut.security.token.generator.TokenGenerator.class)
                .generateToken(expiredAuth, -60)
                .orElseThrow();
        assertThat(code(get("/api/v1/users/me", "Bearer " + expired))).isEqualTo("AUTH_INVALID");
        assertThat(users.find(auditor.user().username())).isPresent();
    }

    @Test
    void only_admins_create_people_and_only_in_their_own_organisation() throws Exception {
        TestUsers.Session admin = TestUsers.create(context, 1, ApiRole.ADMIN);
        TestUsers.Session operator = TestUsers.create(context, 1, ApiRole.OPERATOR);
        Map<String, String> newAuditor =
                Map.of("username", "auditor-made-by-admin", "password", TestUsers.PASSWORD, "role", "auditor");

        HttpResponse<String> denied = post("/api/v1/users", operator.bearer(), newAuditor);
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(code(denied)).isEqualTo("ACCESS_DENIED");

        HttpResponse<String> created = post("/api/v1/users", admin.bearer(), newAuditor);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(json.readValue(created.body(), Map.class).get("mspId")).isEqualTo("Org2MSP");
        assertThat(code(post("/api/v1/users", admin.bearer(), newAuditor))).isEqualTo("USER_EXISTS");
        assertThat(code(post(
                        "/api/v1/users",
                        admin.bearer(),
                        Map.of("username", "x", "password", TestUsers.PASSWORD, "role", "auditor"))))
                .isEqualTo("INVALID_ARGUMENT");
        assertThat(code(post(
                        "/api/v1/users",
                        admin.bearer(),
                        Map.of("username", "someone-else", "password", TestUsers.PASSWORD, "role", "gateway"))))
                .isEqualTo("INVALID_ARGUMENT");

        HttpResponse<String> list = get("/api/v1/users", admin.bearer());
        assertThat(list.body()).contains("auditor-made-by-admin").doesNotContain("Org1MSP");

        HttpResponse<String> disabled =
                put("/api/v1/users/auditor-made-by-admin/enabled", admin.bearer(), Map.of("enabled", false));
        assertThat(disabled.statusCode()).isEqualTo(200);
        assertThat(code(post(
                        "/api/v1/auth/login",
                        null,
                        Map.of("username", "auditor-made-by-admin", "password", TestUsers.PASSWORD))))
                .isEqualTo("LOGIN_FAILED");
    }

    @Test
    void ledger_transactions_are_signed_with_the_persons_own_identity() throws Exception {
        TestUsers.Session admin = TestUsers.create(context, 0, ApiRole.ADMIN);
        LedgerIdentity identity = identities.identityOf(admin.user());
        assertThat(identity.mspId()).isEqualTo("Org1MSP");
        assertThat("x509::" + identity.certificate().getSubjectX500Principal() + "::"
                        + identity.certificate().getIssuerX500Principal())
                .isEqualTo(admin.user().fabricId());

        String deviceId = "users-it-" + System.nanoTime();
        var change = devices.registerDevice(
                identity,
                new DeviceRegistration(
                        deviceId,
                        "env-sensor",
                        "Org1MSP/env-sensor",
                        "1.0.0",
                        "lab",
                        Map.of(),
                        null,
                        null,
                        "0".repeat(64)));
        assertThat(change.receipt().transactionId()).hasSize(64);
        String history = new String(
                context.getBean(org.biotdm.gateway.ledger.LedgerClient.class)
                        .evaluate(identity, "devices", "GetDeviceHistory", deviceId),
                StandardCharsets.UTF_8);
        assertThat(history).contains("\"actorId\":\"" + admin.user().fabricId().replace("\"", "\\\"") + "\"");

        TestUsers.Session operator = TestUsers.create(context, 0, ApiRole.OPERATOR);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> devices.registerDevice(
                        identities.identityOf(operator.user()),
                        new DeviceRegistration(
                                deviceId + "-op",
                                "env-sensor",
                                "Org1MSP/env-sensor",
                                "1.0.0",
                                "lab",
                                Map.of(),
                                null,
                                null,
                                "0".repeat(64))))
                .isInstanceOfSatisfying(org.biotdm.gateway.ledger.LedgerException.class, e -> assertThat(e.code())
                        .isEqualTo(ErrorCode.ACCESS_DENIED));
    }

    private String code(HttpResponse<String> response) throws IOException {
        return (String) json.readValue(response.body(), Map.class).get("code");
    }

    private HttpResponse<String> get(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String authorization, Map<String, ?> body) throws Exception {
        return send("POST", path, authorization, body);
    }

    private HttpResponse<String> put(String path, String authorization, Map<String, ?> body) throws Exception {
        return send("PUT", path, authorization, body);
    }

    private HttpResponse<String> send(String method, String path, String authorization, Map<String, ?> body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + server.getPort() + path);
    }
}
