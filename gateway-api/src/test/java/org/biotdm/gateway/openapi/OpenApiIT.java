package org.biotdm.gateway.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.web.router.Router;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.biotdm.gateway.testing.TestGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.yaml.snakeyaml.Yaml;

/**
 * The generated OpenAPI document lists every route of the running application with its method, each with its request
 * body's schema, a success response with its schema and the error shape; and Swagger UI is served without signing in.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Property(name = "biotdm.anchoring.enabled", value = "false")
@Property(name = "biotdm.ledger.events-enabled", value = "false")
@Property(name = "biotdm.ingress.enabled", value = "false")
@Property(name = "micronaut.server.port", value = "-1")
class OpenApiIT implements TestPropertyProvider {
    /** Routes that are not part of the API: Micronaut's management endpoints. */
    private static final Set<String> NOT_API = Set.of("GET /health", "GET /health/{selector}", "GET /prometheus");

    private final HttpClient http = HttpClient.newHttpClient();

    @Inject
    EmbeddedServer server;

    @Inject
    Router router;

    @Override
    public Map<String, String> getProperties() {
        return TestGateway.properties("openapi", false);
    }

    @Test
    void the_document_lists_every_route_of_the_application() throws Exception {
        HttpResponse<String> document = get("/swagger/biotdm-gateway.yml");
        assertThat(document.statusCode()).isEqualTo(200);
        Map<String, Object> openApi = new Yaml().load(document.body());
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>) openApi.get("paths");
        Set<String> documented = new TreeSet<>();
        paths.forEach((path, operations) -> operations.keySet().stream()
                .filter(k -> Set.of("get", "post", "put", "delete", "patch").contains(k))
                .forEach(method -> documented.add(method.toUpperCase(Locale.ROOT) + " " + path)));
        Set<String> routes = router.uriRoutes()
                .map(r -> r.getHttpMethodName() + " " + r.getUriMatchTemplate().toPathString())
                // OpenAPI 3 cannot describe a WebSocket; /ws/events is documented in docs/ instead.
                .filter(r -> !NOT_API.contains(r) && !r.startsWith("HEAD ") && !r.startsWith("OPTIONS "))
                .filter(r -> !r.startsWith("GET /ws/"))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(routes).isNotEmpty();
        assertThat(documented).containsAll(routes);
    }

    @Test
    void every_route_has_its_request_success_and_error_schemas() throws Exception {
        Map<String, Map<String, Object>> operations = operations();
        router.uriRoutes()
                .filter(r -> r.getHttpMethodName().matches("GET|POST|PUT|DELETE"))
                .filter(r -> !r.getUriMatchTemplate().toPathString().startsWith("/ws/"))
                .filter(r -> !NOT_API.contains(
                        r.getHttpMethodName() + " " + r.getUriMatchTemplate().toPathString()))
                .forEach(route -> {
                    String key = route.getHttpMethodName() + " "
                            + route.getUriMatchTemplate().toPathString();
                    Map<String, Object> operation = operations.get(key);
                    assertThat(operation).as(key).isNotNull();
                    Map<String, Map<String, Object>> responses = section(operation, "responses");
                    if (!responses.containsKey("204")) {
                        assertThat(responses).as(key + " success response").anySatisfy((code, response) -> {
                            assertThat(code).startsWith("2");
                            assertThat(hasSchema(response)).isTrue();
                        });
                    }
                    for (String errors : List.of("4XX", "5XX")) {
                        assertThat(String.valueOf(responses.get(errors)))
                                .as(key + " " + errors)
                                .contains("#/components/schemas/ErrorResponse");
                    }
                    if (route.getBodyArgument().isPresent()) {
                        assertThat(hasSchema(section(operation, "requestBody")))
                                .as(key + " request body")
                                .isTrue();
                    }
                });
    }

    @SuppressWarnings("unchecked")
    private Map<String, Map<String, Object>> operations() throws Exception {
        HttpResponse<String> document = get("/swagger/biotdm-gateway.yml");
        Map<String, Object> openApi = new Yaml().load(document.body());
        Map<String, Map<String, Object>> byRoute = new TreeMap<>();
        ((Map<String, Map<String, Object>>) openApi.get("paths"))
                .forEach((path, methods) -> methods.forEach((method, operation) -> {
                    if (operation instanceof Map<?, ?> map) {
                        byRoute.put(method.toUpperCase(Locale.ROOT) + " " + path, (Map<String, Object>) map);
                    }
                }));
        return byRoute;
    }

    @SuppressWarnings("unchecked")
    private static <T> Map<String, T> section(Map<String, Object> operation, String name) {
        Object section = operation.get(name);
        return section instanceof Map<?, ?> map ? (Map<String, T>) map : Map.of();
    }

    private static boolean hasSchema(Map<String, ?> responseOrBody) {
        Object content = responseOrBody.get("content");
        return content instanceof Map<?, ?> media
                && !media.isEmpty()
                && media.values().stream().allMatch(m -> m instanceof Map<?, ?> type && type.get("schema") != null);
    }

    @Test
    void swagger_ui_is_served_without_signing_in() throws Exception {
        HttpResponse<String> page = get("/swagger-ui/index.html");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("swagger-ui").contains("/swagger/biotdm-gateway.yml");
        assertThat(get("/swagger-ui/res/swagger-ui-bundle.js").statusCode()).isEqualTo(200);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + server.getPort() + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
