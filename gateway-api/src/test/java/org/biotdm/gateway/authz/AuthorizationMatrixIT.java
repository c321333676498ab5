package org.biotdm.gateway.authz;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.web.router.Router;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.biotdm.gateway.access.DeviceAccess;
import org.biotdm.gateway.alert.AlertRuleClient;
import org.biotdm.gateway.alert.AlertRuleRequest;
import org.biotdm.gateway.command.CommandsClient;
import org.biotdm.gateway.command.IssueCommandRequest;
import org.biotdm.gateway.device.DeviceChange;
import org.biotdm.gateway.device.DeviceLedger;
import org.biotdm.gateway.device.DeviceRegistration;
import org.biotdm.gateway.device.DeviceRegistry;
import org.biotdm.gateway.device.DeviceStatus;
import org.biotdm.gateway.ingress.DeviceCredentials;
import org.biotdm.gateway.ingress.DeviceIngressCertificates;
import org.biotdm.gateway.ingress.DeviceIngressServer;
import org.biotdm.gateway.ingress.TestDevicePki;
import org.biotdm.gateway.ledger.LedgerClient;
import org.biotdm.gateway.testing.TestGateway;
import org.biotdm.gateway.testing.TestUsers;
import org.biotdm.gateway.users.ApiRole;
import org.biotdm.gateway.users.ApiUser;
import org.biotdm.gateway.users.UserLedgerIdentities;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * The authorisation matrix of issue 5: every route of the running application × {admin, operator, auditor of Org1;
 * admin of Org2; a device with its mTLS certificate; anonymous} × {own (Org1's) device, foreign (Org2's) device} has
 * the outcome its matrix file ({@code src/test/resources/authz/*.matrix}) states. The route list comes from the
 * application's router, so a new route without a line fails the build.
 *
 * <p>Outcomes: {@code ok} = authorised (any status but 401 and 403), {@code 401}, {@code 403}, {@code 404}. People
 * call {@code /device/**} routes on the device port without a client certificate, and every other route on the API
 * port with their bearer token; the device calls {@code /device/**} routes with its certificate and every other
 * route without a token.
 *
 * <p>The matrix requests are built from the router's templates on purpose, not through the typed clients: the test
 * walks every route the running application has, including any no {@code *Operations} interface declares yet. The
 * fixtures (a command, alert rules) go through the clients.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationMatrixIT implements TestPropertyProvider {
    private static final TestDevicePki PKI = TestDevicePki.create("Authorisation matrix device CA");
    private static final Path MATRICES = Path.of("src", "test", "resources", "authz");

    @Inject
    ApplicationContext context;

    @Inject
    EmbeddedServer server;

    @Inject
    Router router;

    @Inject
    CommandsClient commands;

    @Inject
    AlertRuleClient rules;

    private final Map<MatrixLine.Caller, TestUsers.Session> people = new HashMap<>();
    private final Map<String, String[]> fixtures = new HashMap<>();
    private DeviceCredentials ownDevice;
    private DeviceCredentials foreignDevice;
    private final HttpClient api =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = TestGateway.properties("authz", true);
        Path dir = Path.of(properties.get("biotdm.data-dir"));
        properties.put("micronaut.server.port", "-1");
        properties.put("biotdm.ingress.port", "0");
        properties.put("biotdm.ingress.client-ca-certs", PKI.writeCaPem(dir).toString());
        properties.put("biotdm.anchoring.enabled", "false");
        properties.put("biotdm.rate-limits.enabled", "false");
        properties.put("biotdm.users.login-attempts-per-username", "1000");
        properties.put("biotdm.users.login-attempts-per-address", "1000");
        return properties;
    }

    @BeforeAll
    void create_people_devices_grants_and_commands() throws Exception {
        people.put(MatrixLine.Caller.ADMIN, TestUsers.create(context, 0, ApiRole.ADMIN));
        people.put(MatrixLine.Caller.OPERATOR, TestUsers.create(context, 0, ApiRole.OPERATOR));
        people.put(MatrixLine.Caller.AUDITOR, TestUsers.create(context, 0, ApiRole.AUDITOR));
        people.put(MatrixLine.Caller.OTHER_ADMIN, TestUsers.create(context, 1, ApiRole.ADMIN));
        TestUsers.Session foreignOperator = TestUsers.create(context, 1, ApiRole.OPERATOR);

        String suffix = Long.toString(System.nanoTime(), 36);
        ownDevice = PKI.issue("authz-own-" + suffix);
        foreignDevice = PKI.issue("authz-foreign-" + suffix);
        DeviceChange own = register(people.get(MatrixLine.Caller.ADMIN).user(), ownDevice);
        register(people.get(MatrixLine.Caller.OTHER_ADMIN).user(), foreignDevice);
        fixtures.put("deviceId", new String[] {ownDevice.deviceId(), foreignDevice.deviceId()});
        fixtures.put(
                "txId",
                new String[] {own.receipt().transactionId(), own.receipt().transactionId()});
        fixtures.put("blockNumber", new String[] {"1", "1"});
        fixtures.put("readingId", new String[] {"1", "1"});
        fixtures.put("grantSha256", new String[] {"0".repeat(64), "1".repeat(64)});
        fixtures.put("windowId", new String[] {"Org1MSP-authz-1", "Org2MSP-authz-1"});
        fixtures.put("username", new String[] {
            people.get(MatrixLine.Caller.OPERATOR).user().username(),
            foreignOperator.user().username()
        });

        String ownGrant = "authz-g-own-" + suffix;
        String foreignGrant = "authz-g-foreign-" + suffix;
        grant(
                people.get(MatrixLine.Caller.ADMIN).user(),
                ownGrant,
                people.get(MatrixLine.Caller.OPERATOR).user(),
                ownDevice.deviceId());
        grant(
                people.get(MatrixLine.Caller.OTHER_ADMIN).user(),
                foreignGrant,
                foreignOperator.user(),
                foreignDevice.deviceId());
        fixtures.put("grantId", new String[] {ownGrant, foreignGrant});
        String[] groupIds = {"authz-grp-own-" + suffix, "authz-grp-foreign-" + suffix};
        String[] ruleIds = {"authz-rule-own-" + suffix, "authz-rule-foreign-" + suffix};
        groupAndRule(people.get(MatrixLine.Caller.ADMIN).user(), groupIds[0], ruleIds[0], ownDevice.deviceId());
        groupAndRule(
                people.get(MatrixLine.Caller.OTHER_ADMIN).user(), groupIds[1], ruleIds[1], foreignDevice.deviceId());
        fixtures.put("groupId", groupIds);
        fixtures.put("automationRuleId", ruleIds);
        awaitVisible(people.get(MatrixLine.Caller.OPERATOR).user(), ownDevice.deviceId());
        awaitVisible(foreignOperator.user(), foreignDevice.deviceId());

        fixtures.put("ruleId", new String[] {
            rule(people.get(MatrixLine.Caller.ADMIN), ownDevice.deviceId()),
            rule(people.get(MatrixLine.Caller.OTHER_ADMIN), foreignDevice.deviceId())
        });
        fixtures.put(
                "alertId",
                new String[] {alert(ownDevice.deviceId(), "Org1MSP"), alert(foreignDevice.deviceId(), "Org2MSP")});

        fixtures.put("commandId", new String[] {
            command(people.get(MatrixLine.Caller.OPERATOR), ownDevice.deviceId(), "authz-c-own-" + suffix),
            command(foreignOperator, foreignDevice.deviceId(), "authz-c-foreign-" + suffix)
        });
    }

    @Test
    void every_route_of_the_application_has_a_matrix_line_and_every_line_a_route() throws IOException {
        Set<String> routes = routes();
        Set<String> lines = lines().stream()
                .map(l -> l.method() + " " + l.template())
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(routes).as("routes without a matrix line").isSubsetOf(lines);
        assertThat(lines).as("matrix lines without a route").isSubsetOf(routes);
    }

    @TestFactory
    Stream<DynamicTest> every_route_gives_each_caller_the_outcome_of_the_matrix() throws IOException {
        List<MatrixLine> ordered = new ArrayList<>(lines());
        // Reads first, then writes; within a line the callers least likely to change state go first.
        ordered.sort(Comparator.comparing(l -> "GET".equals(l.method()) ? 0 : 1));
        List<MatrixLine.Caller> callers = List.of(
                MatrixLine.Caller.ANONYMOUS,
                MatrixLine.Caller.DEVICE,
                MatrixLine.Caller.AUDITOR,
                MatrixLine.Caller.OPERATOR,
                MatrixLine.Caller.OTHER_ADMIN,
                MatrixLine.Caller.ADMIN);
        return ordered.stream()
                .map(line -> DynamicTest.dynamicTest(line.method() + " " + line.path(), () -> {
                    List<String> wrong = new ArrayList<>();
                    for (boolean foreign : new boolean[] {false, true}) {
                        for (MatrixLine.Caller caller : callers) {
                            HttpResponse<String> response = call(line, caller, foreign);
                            String expected = line.expected(caller, foreign);
                            if (!matches(expected, response.statusCode())) {
                                wrong.add(caller + (foreign ? " foreign" : " own") + ": expected " + expected + ", got "
                                        + response.statusCode() + " " + abbreviate(response.body()));
                            }
                        }
                    }
                    assertThat(wrong)
                            .as(line.source() + " " + line.method() + " " + line.path())
                            .isEmpty();
                }));
    }

    private static boolean matches(String expected, int status) {
        return switch (expected) {
            case "ok" -> status != 401 && status != 403;
            default -> Integer.parseInt(expected) == status;
        };
    }

    private HttpResponse<String> call(MatrixLine line, MatrixLine.Caller caller, boolean foreign) throws Exception {
        if ("DELETE".equals(line.method()) && line.path().contains("{ruleId}")) {
            // A deleted rule is gone for every later caller: each caller deletes a rule of its own.
            fixtures.get("ruleId")[foreign ? 1 : 0] = rule(
                    people.get(foreign ? MatrixLine.Caller.OTHER_ADMIN : MatrixLine.Caller.ADMIN),
                    (foreign ? foreignDevice : ownDevice).deviceId());
        }
        String path = fill(line.path(), foreign);
        String body = line.body() == null ? null : fill(line.body(), foreign);
        boolean devicePort = line.template().startsWith("/device/");
        HttpClient client;
        URI uri;
        if (devicePort) {
            int port = context.getBean(DeviceIngressServer.class).port();
            uri = URI.create("https://localhost:" + port + path);
            var serverCertificate =
                    context.getBean(DeviceIngressCertificates.class).serverCertificate();
            client = caller == MatrixLine.Caller.DEVICE
                    ? (foreign ? foreignDevice : ownDevice).httpClient(serverCertificate)
                    : DeviceCredentials.anonymousHttpClient(serverCertificate);
        } else {
            uri = URI.create("http://localhost:" + server.getPort() + path);
            client = api;
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(60))
                .method(
                        line.method(),
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (path.startsWith("/device/v1/commands") && "GET".equals(line.method())) {
            request.uri(URI.create(uri + (uri.getQuery() == null ? "?" : "&") + "wait=0"));
        }
        TestUsers.Session person = people.get(caller);
        if (person != null) {
            request.header("Authorization", person.bearer());
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String fill(String text, boolean foreign) {
        String filled = text;
        for (Map.Entry<String, String[]> fixture : fixtures.entrySet()) {
            filled = filled.replace("{" + fixture.getKey() + "}", fixture.getValue()[foreign ? 1 : 0]);
        }
        // Identifiers without a fixture get a well-formed value that names nothing.
        return filled.replaceAll("\\{[A-Za-z][A-Za-z0-9]*}", "authz-missing-1");
    }

    private Set<String> routes() {
        return router.uriRoutes()
                .map(route -> route.getHttpMethodName() + " "
                        + route.getUriMatchTemplate().toPathString())
                // HEAD routes answer like their GET twins; OPTIONS is CORS.
                .filter(route -> !route.startsWith("HEAD ") && !route.startsWith("OPTIONS "))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static List<MatrixLine> lines() throws IOException {
        List<MatrixLine> lines = new ArrayList<>();
        try (Stream<Path> files = Files.list(MATRICES)) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".matrix")).sorted().toList()) {
                List<String> text = Files.readAllLines(file, StandardCharsets.UTF_8);
                for (int i = 0; i < text.size(); i++) {
                    String line = text.get(i).trim();
                    if (!line.isEmpty() && !line.startsWith("#")) {
                        lines.add(MatrixLine.parse(file.getFileName() + ":" + (i + 1), line));
                    }
                }
            }
        }
        return lines;
    }

    private DeviceChange register(ApiUser admin, DeviceCredentials device) throws Exception {
        var identity = context.getBean(UserLedgerIdentities.class).identityOf(admin);
        DeviceLedger ledger = context.getBean(DeviceLedger.class);
        DeviceChange registered = ledger.registerDevice(
                identity,
                new DeviceRegistration(
                        device.deviceId(),
                        "env-sensor",
                        "Org1MSP/env-sensor",
                        "1.0.0",
                        "lab",
                        Map.of(),
                        device.publicKeyPem(),
                        device.fingerprint(),
                        null));
        ledger.activateDevice(identity, device.deviceId(), null);
        DeviceRegistry registry = context.getBean(DeviceRegistry.class);
        await(() -> registry.find(device.deviceId())
                .map(d -> d.status() == DeviceStatus.ACTIVE)
                .orElse(false));
        return registered;
    }

    private void grant(ApiUser admin, String grantId, ApiUser operator, String deviceId) throws Exception {
        var identity = context.getBean(UserLedgerIdentities.class).identityOf(admin);
        String json = "{\"grantId\":\"" + grantId + "\",\"granteeMsp\":\"" + operator.mspId() + "\",\"granteeId\":\""
                + operator.fabricId().replace("\\", "\\\\").replace("\"", "\\\"") + "\",\"deviceId\":\"" + deviceId
                + "\",\"commandTypes\":[\"reboot\"],\"expiresAt\":4102444800000}";
        context.getBean(LedgerClient.class)
                .submit(identity, "grants", "GrantDeviceAccess", "grant:" + grantId, json, Map.of());
    }

    /** Writes a group and a device rule of the admin's organisation, as the groups and rules routes' fixtures. */
    private void groupAndRule(ApiUser admin, String groupId, String ruleId, String deviceId) throws Exception {
        var identity = context.getBean(UserLedgerIdentities.class).identityOf(admin);
        LedgerClient ledger = context.getBean(LedgerClient.class);
        ledger.submit(
                identity,
                "groups",
                "CreateGroup",
                "group:" + groupId,
                "{\"groupId\":\"" + groupId
                        + "\",\"policy\":{\"commandTypes\":[\"reboot\"],\"coEndorseGrantees\":false}}",
                Map.of());
        ledger.submit(
                identity,
                "rules",
                "RegisterRule",
                "rule:" + ruleId,
                "{\"ruleId\":\"" + ruleId + "\",\"condition\":{\"kind\":\"metric\",\"sensor\":\"humidity\","
                        + "\"comparison\":\">\",\"threshold\":\"1000\",\"deviceId\":\"" + deviceId + "\"},"
                        + "\"action\":{\"commandType\":\"reboot\",\"parameters\":\"{}\",\"deviceId\":\"" + deviceId
                        + "\"},\"cooldownSeconds\":60}",
                Map.of());
    }

    private void awaitVisible(ApiUser operator, String deviceId) throws InterruptedException {
        DeviceAccess access = context.getBean(DeviceAccess.class);
        DeviceRegistry registry = context.getBean(DeviceRegistry.class);
        await(() ->
                registry.find(deviceId).map(d -> access.canRead(operator, d)).orElse(false));
    }

    private String command(TestUsers.Session operator, String deviceId, String commandId) {
        var issued = commands.issue(
                operator.caller(), new IssueCommandRequest(commandId, deviceId, "reboot", null, 3600L, null));
        assertThat(issued.code()).as("issuing the fixture command").isBetween(200, 201);
        return commandId;
    }

    private String rule(TestUsers.Session admin, String deviceId) {
        var created = rules.create(
                new AlertRuleRequest(null, "device", deviceId, null, "humidity", ">", 60.0, 3, "critical", null),
                admin.caller());
        assertThat(created.code()).as("creating the fixture rule").isBetween(200, 201);
        return created.body().ruleId();
    }

    private String alert(String deviceId, String ownerMsp) throws Exception {
        long now = System.currentTimeMillis();
        return Long.toString(context.getBean(org.biotdm.gateway.alert.AlertRepository.class)
                .insert(
                        deviceId,
                        ownerMsp,
                        org.biotdm.gateway.alert.Alert.KIND_THRESHOLD,
                        null,
                        "humidity",
                        org.biotdm.gateway.alert.Severity.WARNING,
                        "authz",
                        1,
                        now,
                        now)
                .id());
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() - end < 0) {
            Thread.sleep(20);
        }
    }

    private static String abbreviate(String body) {
        return body.length() > 160 ? body.substring(0, 160) + "…" : body;
    }
}
