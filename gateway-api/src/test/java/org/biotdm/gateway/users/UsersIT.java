package org.biotdm.gateway.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Property;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.jdbc.DataSourceResolver;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import javax.sql.DataSource;
import org.biotdm.gateway.device.DeviceLedger;
import org.biotdm.gateway.device.DeviceRegistration;
import org.biotdm.gateway.error.ErrorCode;
import org.biotdm.gateway.ledger.LedgerIdentity;
import org.biotdm.gateway.testing.ApiError;
import org.biotdm.gateway.testing.Caller;
import org.biotdm.gateway.testing.Route;
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
@Property(name = "biotdm.users.token-state-ttl", value = "1s")
class UsersIT implements TestPropertyProvider {
    private Path dataDir;

    @Inject
    AuthClient auth;

    @Inject
    UserClient users;

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    ApplicationContext context;

    @Inject
    UserLedgerIdentities identities;

    @Inject
    DeviceLedger devices;

    @Inject
    DataSource database;

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

        ApiError wrong = ApiError.of(() -> auth.bootstrap(new AuthRequests.Bootstrap(
                "Org3MSP", tokens.getProperty("Org2MSP"), "first-admin-3", TestUsers.PASSWORD)));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.code()).isEqualTo("BOOTSTRAP_TOKEN_INVALID");

        ApiError weak = ApiError.of(() -> auth.bootstrap(
                new AuthRequests.Bootstrap("Org3MSP", tokens.getProperty("Org3MSP"), "first-admin-3", "short")));
        assertThat(weak.code()).isEqualTo("INVALID_ARGUMENT");

        HttpResponse<TokenResponse> created = auth.bootstrap(new AuthRequests.Bootstrap(
                "Org3MSP", tokens.getProperty("Org3MSP"), "first-admin-3", TestUsers.PASSWORD));
        assertThat(created.code()).isEqualTo(201);
        assertThat(created.body().user().role()).isEqualTo("admin");
        assertThat(created.body().user().mspId()).isEqualTo("Org3MSP");

        ApiError again = ApiError.of(() -> auth.bootstrap(new AuthRequests.Bootstrap(
                "Org3MSP", tokens.getProperty("Org3MSP"), "second-admin-3", TestUsers.PASSWORD)));
        assertThat(again.code()).isEqualTo("BOOTSTRAP_TOKEN_INVALID");

        // A wrong token gets one answer whatever the name: it must not tell that first-admin-3 exists.
        for (String name : List.of("first-admin-3", "nobody-by-this-name")) {
            ApiError guessed = ApiError.of(() ->
                    auth.bootstrap(new AuthRequests.Bootstrap("Org1MSP", "not-the-token", name, TestUsers.PASSWORD)));
            assertThat(guessed.status() + " " + guessed.code() + " "
                            + guessed.body().get("message"))
                    .as(name)
                    .isEqualTo("401 BOOTSTRAP_TOKEN_INVALID The bootstrap token of Org1MSP is wrong, spent or expired");
        }
    }

    @Test
    void sign_in_refresh_rotation_and_logout() {
        TestUsers.Session admin = TestUsers.create(context, 0, ApiRole.ADMIN);
        TokenResponse tokens = auth.login(new AuthRequests.Login(admin.user().username(), TestUsers.PASSWORD));
        String refresh = tokens.refreshToken();

        UserView me = users.me(Caller.bearer(tokens.accessToken()));
        assertThat(me.fabricId()).isEqualTo(admin.user().fabricId());

        String second = auth.refresh(new AuthRequests.Refresh(refresh)).refreshToken();
        assertThat(second).isNotEqualTo(refresh);
        ApiError reused = ApiError.of(() -> auth.refresh(new AuthRequests.Refresh(refresh)));
        assertThat(reused.status()).isEqualTo(401);
        assertThat(reused.code()).isEqualTo("AUTH_INVALID");

        assertThat(auth.logout(new AuthRequests.Refresh(second)).code()).isEqualTo(204);
        assertThat(ApiError.of(() -> auth.refresh(new AuthRequests.Refresh(second)))
                        .code())
                .isEqualTo("AUTH_INVALID");
    }

    @Test
    void wrong_passwords_are_throttled_per_username_even_when_the_next_guess_is_right() {
        TestUsers.Session operator = TestUsers.create(context, 0, ApiRole.OPERATOR);
        String name = operator.user().username();
        for (int i = 0; i < 3; i++) {
            String guess = "wrong password " + i;
            ApiError failed = ApiError.of(() -> auth.login(new AuthRequests.Login(name, guess)));
            assertThat(failed.status()).isEqualTo(401);
            assertThat(failed.code()).isEqualTo("LOGIN_FAILED");
        }
        ApiError throttled = ApiError.of(() -> auth.login(new AuthRequests.Login(name, TestUsers.PASSWORD)));
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.code()).isEqualTo("LOGIN_THROTTLED");
        assertThat(throttled.header("Retry-After").map(Long::parseLong).orElse(0L))
                .isPositive();
    }

    @Test
    void a_forwarding_header_from_an_untrusted_peer_gives_a_guesser_no_fresh_attempts() {
        String name = TestUsers.create(context, 0, ApiRole.OPERATOR).user().username();
        for (int i = 0; i < 3; i++) {
            assertThat(rawLogin(login(name, "wrong password " + i), "X-Forwarded-For", "203.0.113." + i)
                            .statusAndCode())
                    .isEqualTo("401 LOGIN_FAILED");
        }
        assertThat(rawLogin(login(name, TestUsers.PASSWORD), "Forwarded", "for=198.51.100.1")
                        .statusAndCode())
                .isEqualTo("429 LOGIN_THROTTLED");
    }

    @Test
    void a_username_over_64_characters_is_refused_with_its_field_before_any_throttle_bucket_or_hash() {
        LoginThrottle throttle = context.getBean(LoginThrottle.class);
        String longest = "l".repeat(64);
        assertThat(rawLogin(login(longest, "wrong password"), "X-Probe", "1").statusAndCode())
                .isEqualTo("401 LOGIN_FAILED");
        assertThat(throttle.tracks(longest, "127.0.0.1")).isTrue();

        for (String name : List.of("o".repeat(65), "p".repeat(200_000))) {
            ApiError refused = rawLogin(login(name, "wrong password"), "X-Probe", "1");
            assertThat(refused.statusAndCode()).isEqualTo("400 INVALID_ARGUMENT");
            assertThat(refused.text()).contains("\"field\":\"body.username\"");
            assertThat(throttle.tracks(name, "127.0.0.1"))
                    .as("a bucket paid for hashing")
                    .isFalse();
        }
    }

    @Test
    void unknown_users_and_unknown_fields_are_refused_with_stable_codes() {
        assertThat(ApiError.of(() -> auth.login(new AuthRequests.Login("nobody", "x")))
                        .code())
                .isEqualTo("LOGIN_FAILED");
        // Raw on purpose: the typed client cannot send a field the request record lacks.
        HttpRequest<?> extra = HttpRequest.POST(
                Route.of(AuthClient.class, "login").path(),
                Map.of("username", "nobody", "password", "x", "admin", true));
        assertThatThrownBy(() -> http.toBlocking().exchange(extra, String.class))
                .isInstanceOfSatisfying(
                        HttpClientResponseException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(400));
    }

    @Test
    void missing_forged_unsigned_and_expired_tokens_are_401_with_the_error_shape() {
        TestUsers.Session auditor = TestUsers.create(context, 0, ApiRole.AUDITOR);
        ApiError none = ApiError.of(() -> users.me(Caller.ANONYMOUS));
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.code()).isEqualTo("AUTH_REQUIRED");
        assertThat(none.header("WWW-Authenticate")).hasValue("Bearer");

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
            ApiError refused = ApiError.of(() -> users.list(Caller.bearer(token)));
            assertThat(refused.status()).as(token).isEqualTo(401);
            assertThat(refused.code()).isEqualTo("AUTH_INVALID");
            assertThat(refused.text()).doesNotContain("Exception");
        }

        UserService service = context.getBean(UserService.class);
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
        assertThat(ApiError.of(() -> users.me(Caller.bearer(expired))).code()).isEqualTo("AUTH_INVALID");
        assertThat(service.find(auditor.user().username())).isPresent();
    }

    @Test
    void a_disabled_person_loses_access_and_refresh_at_once_and_re_enabling_does_not_revive_old_tokens() {
        Caller admin = TestUsers.create(context, 0, ApiRole.ADMIN).caller();
        TestUsers.Session auditor = TestUsers.create(context, 0, ApiRole.AUDITOR);
        String name = auditor.user().username();
        assertThat(users.me(auditor.caller()).username()).isEqualTo(name);

        users.setEnabled(admin, name, new AuthRequests.SetEnabled(false));
        ApiError refused = ApiError.of(() -> users.me(auditor.caller()));
        assertThat(refused.status() + " " + refused.code()).isEqualTo("401 AUTH_INVALID");
        assertThat(refused.header("WWW-Authenticate")).hasValue("Bearer error=\"invalid_token\"");
        assertThat(ApiError.of(() -> auth.refresh(new AuthRequests.Refresh(auditor.refreshToken())))
                        .code())
                .isEqualTo("AUTH_INVALID");

        users.setEnabled(admin, name, new AuthRequests.SetEnabled(true));
        assertThat(ApiError.of(() -> users.me(auditor.caller())).code()).isEqualTo("AUTH_INVALID");
        TokenResponse again = auth.login(new AuthRequests.Login(name, TestUsers.PASSWORD));
        assertThat(users.me(Caller.bearer(again.accessToken())).username()).isEqualTo(name);
    }

    @Test
    void a_password_change_revokes_the_access_tokens_issued_before_it() {
        TestUsers.Session operator = TestUsers.create(context, 0, ApiRole.OPERATOR);
        String newPassword = TestUsers.PASSWORD + "-changed";
        users.changePassword(operator.caller(), new AuthRequests.ChangePassword(TestUsers.PASSWORD, newPassword));
        assertThat(ApiError.of(() -> users.me(operator.caller())).code()).isEqualTo("AUTH_INVALID");
        TokenResponse fresh = auth.login(new AuthRequests.Login(operator.user().username(), newPassword));
        assertThat(users.me(Caller.bearer(fresh.accessToken())).username())
                .isEqualTo(operator.user().username());
    }

    @Test
    void changes_made_through_another_instance_end_access_within_the_token_state_ttl() throws Exception {
        // Another instance shares only the database with this one: its changes are made there directly.
        TestUsers.Session demoted = TestUsers.create(context, 0, ApiRole.ADMIN);
        TestUsers.Session deleted = TestUsers.create(context, 0, ApiRole.AUDITOR);
        TestUsers.Session disabled = TestUsers.create(context, 0, ApiRole.OPERATOR);
        for (TestUsers.Session session : List.of(demoted, deleted, disabled)) {
            assertThat(users.me(session.caller()).username())
                    .isEqualTo(session.user().username());
        }
        UserIdentityStore store = context.getBean(UserIdentityStore.class);
        identities.identityOf(disabled.user());
        assertThat(store.caches(disabled.user().userId())).isTrue();

        sql("UPDATE users SET role = 'auditor' WHERE id = ?", demoted.user().userId());
        sql("DELETE FROM users WHERE id = ?", deleted.user().userId());
        sql(
                "UPDATE users SET enabled = FALSE, token_version = token_version + 1,"
                        + " tokens_revoked_at = CURRENT_TIMESTAMP(3) WHERE id = ?",
                disabled.user().userId());

        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        for (TestUsers.Session session : List.of(demoted, deleted, disabled)) {
            while (System.nanoTime() < deadline && accepted(session)) {
                Thread.sleep(100);
            }
            ApiError refused = ApiError.of(() -> users.me(session.caller()));
            assertThat(refused.status() + " " + refused.code())
                    .as(session.user().username())
                    .isEqualTo("401 AUTH_INVALID");
        }
        while (System.nanoTime() < deadline && store.caches(disabled.user().userId())) {
            Thread.sleep(100);
        }
        assertThat(store.caches(disabled.user().userId()))
                .as("cached Fabric identity")
                .isFalse();
    }

    @Test
    void only_admins_create_people_and_only_in_their_own_organisation() {
        Caller admin = TestUsers.create(context, 1, ApiRole.ADMIN).caller();
        Caller operator = TestUsers.create(context, 1, ApiRole.OPERATOR).caller();
        AuthRequests.CreateUser newAuditor =
                new AuthRequests.CreateUser("auditor-made-by-admin", TestUsers.PASSWORD, "auditor");

        ApiError denied = ApiError.of(() -> users.create(operator, newAuditor));
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.code()).isEqualTo("ACCESS_DENIED");

        HttpResponse<UserView> created = users.create(admin, newAuditor);
        assertThat(created.code()).isEqualTo(201);
        assertThat(created.body().mspId()).isEqualTo("Org2MSP");
        assertThat(ApiError.of(() -> users.create(admin, newAuditor)).code()).isEqualTo("USER_EXISTS");
        assertThat(ApiError.of(() ->
                                users.create(admin, new AuthRequests.CreateUser("x", TestUsers.PASSWORD, "auditor")))
                        .code())
                .isEqualTo("INVALID_ARGUMENT");
        assertThat(ApiError.of(() -> users.create(
                                admin, new AuthRequests.CreateUser("someone-else", TestUsers.PASSWORD, "gateway")))
                        .code())
                .isEqualTo("INVALID_ARGUMENT");

        List<UserView> list = users.list(admin);
        assertThat(list).extracting(UserView::username).contains("auditor-made-by-admin");
        assertThat(list).extracting(UserView::mspId).containsOnly("Org2MSP");

        UserView disabled = users.setEnabled(admin, "auditor-made-by-admin", new AuthRequests.SetEnabled(false));
        assertThat(disabled.enabled()).isFalse();
        assertThat(ApiError.of(() -> auth.login(new AuthRequests.Login("auditor-made-by-admin", TestUsers.PASSWORD)))
                        .code())
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

    private static String login(String username, String password) {
        return "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}";
    }

    /** Raw on purpose: the typed client refuses a long username itself and sends no forwarding header. */
    private ApiError rawLogin(String json, String header, String value) {
        return ApiError.ofRaw(
                http,
                HttpRequest.POST("/api/v1/auth/login", json)
                        .contentType(MediaType.APPLICATION_JSON_TYPE)
                        .header(header, value));
    }

    private void sql(String statement, long userId) throws java.sql.SQLException {
        DataSource raw = context.findBean(DataSourceResolver.class)
                .map(resolver -> resolver.resolve(database))
                .orElse(database);
        try (var connection = raw.getConnection();
                var update = connection.prepareStatement(statement)) {
            update.setLong(1, userId);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
    }

    /** Tells whether the API still takes the session's access token; any refusal other than a 401 fails the test. */
    private boolean accepted(TestUsers.Session session) {
        try {
            users.me(session.caller());
            return true;
        } catch (ApiError refused) {
            assertThat(refused.status()).isEqualTo(401);
            return false;
        }
    }
}
