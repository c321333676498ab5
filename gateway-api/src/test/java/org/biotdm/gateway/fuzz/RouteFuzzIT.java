package org.biotdm.gateway.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
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
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.biotdm.gateway.fuzz.OpenApiOperations.Operation;
import org.biotdm.gateway.fuzz.RequestGenerator.Kind;
import org.biotdm.gateway.fuzz.RequestGenerator.Request;
import org.biotdm.gateway.ingress.DeviceCredentials;
import org.biotdm.gateway.ingress.DeviceIngressCertificates;
import org.biotdm.gateway.ingress.DeviceIngressServer;
import org.biotdm.gateway.ingress.TestDevicePki;
import org.biotdm.gateway.testing.TestGateway;
import org.biotdm.gateway.testing.TestUsers;
import org.biotdm.gateway.users.ApiRole;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Fuzzes every operation of the gateway's OpenAPI document against a running gateway (dev network and embedded
 * MariaDB): valid, boundary and invalid requests ({@link RequestGenerator}) as each role of Org1, an admin of Org2 and
 * anonymously on the API port, and as a registered device and anonymously on the device port. Every response must be
 * below 500; every refusal the one error shape ({@code code}, {@code message}, {@code timestamp}) with a catalogue code
 * whose status is the response's, and no stack trace; a refused write leaves MariaDB and the ledger as they were.
 *
 * <p>Seeded and bounded: {@code -Dbiotdm.route-fuzz.seed} (default 18) and {@code -Dbiotdm.route-fuzz.requests}
 * requests per operation and caller (default 3 in verify). The counts go to {@code target/route-fuzz.txt}.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RouteFuzzIT implements TestPropertyProvider {
    private static final TestDevicePki PKI = TestDevicePki.create("Route fuzzer device CA");
    private static final long SEED = Long.getLong("biotdm.route-fuzz.seed", 18L);
    private static final int REQUESTS = Integer.getInteger("biotdm.route-fuzz.requests", 3);
    private static final Kind[] KINDS = {Kind.INVALID, Kind.BOUNDARY, Kind.VALID};

    @Inject
    ApplicationContext context;

    @Inject
    EmbeddedServer server;

    private final HttpClient api =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final Map<String, TestUsers.Session> people = new TreeMap<>();
    private final Map<String, Integer> perCaller = new TreeMap<>();
    private final Map<String, Integer> perOperation = new TreeMap<>();
    private DeviceCredentials device;
    private StateFingerprint state;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = TestGateway.properties("routefuzz", true);
        Path dir = Path.of(properties.get("biotdm.data-dir"));
        properties.put("micronaut.server.port", "-1");
        properties.put("biotdm.ingress.port", "0");
        properties.put("biotdm.ingress.client-ca-certs", PKI.writeCaPem(dir).toString());
        properties.put("biotdm.anchoring.enabled", "false");
        properties.put("biotdm.rate-limits.enabled", "false");
        properties.put("biotdm.users.login-attempts-per-username", "100000");
        properties.put("biotdm.users.login-attempts-per-address", "100000");
        return properties;
    }

    @BeforeAll
    void create_people_and_a_device() throws Exception {
        for (String caller : List.of("admin", "operator", "auditor", "org2-admin")) {
            people.put(caller, session(caller));
        }
        device = PKI.issue("fz-device-" + Long.toString(System.nanoTime(), 36));
        new DeviceFixture(context).registerActive(people.get("admin").user(), device);
        state = new StateFingerprint(context, this::chainHeight);
    }

    @Test
    void every_operation_answers_every_caller_below_500_in_the_one_error_shape() throws Exception {
        OpenApiOperations document = OpenApiOperations.read();
        List<Operation> operations = document.operations();
        assertThat(operations).as("operations of " + OpenApiOperations.DOCUMENT).hasSizeGreaterThan(40);
        RequestGenerator generator = new RequestGenerator(new Random(SEED), document, this::fixture);
        List<String> failures = new ArrayList<>();
        String before = state.settled();
        for (Operation operation : operations) {
            for (String caller : callers(operation)) {
                for (int i = 0; i < REQUESTS; i++) {
                    Request request = generator.request(operation, KINDS[i % KINDS.length]);
                    HttpResponse<String> response = send(operation, caller, request);
                    count(operation, caller);
                    String fault = ResponseRules.fault(response);
                    boolean refused = response.statusCode() >= 400;
                    if (fault == null && refused && !"GET".equals(request.method())) {
                        String after = state.now();
                        fault = after.equals(before) ? null : "a refused request changed " + state.diff(before, after);
                        before = after; // one finding per change, not one for every request after it
                    }
                    if (fault != null) {
                        failures.add(operation + " as " + caller + " " + request.kind() + " " + request.pathAndQuery()
                                + ": " + fault);
                    }
                    if (!refused && !"GET".equals(request.method())) {
                        renewSessionsAfter(operation);
                        before = state.settled();
                    }
                }
            }
        }
        report();
        assertThat(failures).isEmpty();
    }

    private List<String> callers(Operation operation) {
        return operation.devicePort()
                ? List.of("anonymous", "device")
                : List.of("anonymous", "admin", "operator", "auditor", "org2-admin");
    }

    private String fixture(String name) {
        return "deviceId".equals(name) ? device.deviceId() : null;
    }

    private HttpResponse<String> send(Operation operation, String caller, Request request) throws Exception {
        HttpClient client = api;
        String base = "http://localhost:" + server.getPort();
        if (operation.devicePort()) {
            var certificate = context.getBean(DeviceIngressCertificates.class).serverCertificate();
            client = "device".equals(caller)
                    ? device.httpClient(certificate)
                    : DeviceCredentials.anonymousHttpClient(certificate);
            base = "https://localhost:"
                    + context.getBean(DeviceIngressServer.class).port();
        }
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + request.pathAndQuery()))
                .timeout(Duration.ofSeconds(60))
                .method(
                        request.method(),
                        request.body() == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        TestUsers.Session person = people.get(caller);
        if (person != null) {
            builder.header("Authorization", person.bearer());
        }
        request.headers().forEach((name, value) -> {
            if (!"Authorization".equals(name) || person == null) {
                builder.setHeader(name, value);
            }
        });
        return client.send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** Signing out, changing a password or disabling a user ends sessions: the callers start new ones. */
    private void renewSessionsAfter(Operation operation) {
        if (operation.path().startsWith("/api/v1/auth/") || operation.path().startsWith("/api/v1/users/")) {
            people.replaceAll((caller, session) -> session(caller));
        }
    }

    private TestUsers.Session session(String caller) {
        return switch (caller) {
            case "admin" -> TestUsers.create(context, 0, ApiRole.ADMIN);
            case "operator" -> TestUsers.create(context, 0, ApiRole.OPERATOR);
            case "auditor" -> TestUsers.create(context, 0, ApiRole.AUDITOR);
            default -> TestUsers.create(context, 1, ApiRole.ADMIN);
        };
    }

    private long chainHeight() {
        try {
            HttpResponse<String> chain = api.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + server.getPort() + "/api/v1/audit/chain"))
                            .header("Authorization", people.get("auditor").bearer())
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            var matcher =
                    java.util.regex.Pattern.compile("\"height\"\\s*:\\s*(\\d+)").matcher(chain.body());
            return matcher.find() ? Long.parseLong(matcher.group(1)) : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private void count(Operation operation, String caller) {
        perCaller.merge(caller, 1, Integer::sum);
        perOperation.merge(operation.toString(), 1, Integer::sum);
    }

    private void report() throws IOException {
        int total = perCaller.values().stream().mapToInt(Integer::intValue).sum();
        String line = "ROUTE-FUZZ seed=" + SEED + " operations=" + perOperation.size() + " requests=" + total
                + " per-caller=" + perCaller;
        System.out.println(line);
        Files.writeString(Path.of("target", "route-fuzz.txt"), line + "\n" + perOperation + "\n");
    }
}
