package org.biotdm.gateway.error;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.annotation.Property;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.biotdm.gateway.testing.Route;
import org.biotdm.gateway.testing.TestMariaDb;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every failure on the API port answers {code, message, transactionId?, timestamp} without stack traces. The requests
 * are raw on purpose: malformed JSON, unknown routes and wrong methods, and a test-only probe controller that no
 * {@code *Operations} interface declares.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Property(name = "biotdm.test.error-probe", value = "true")
@Property(name = "biotdm.anchoring.enabled", value = "false")
@Property(name = "biotdm.ledger.events-enabled", value = "false")
@Property(name = "biotdm.ingress.enabled", value = "false")
class ErrorShapeIT implements TestPropertyProvider {
    private final HttpClient http = HttpClient.newHttpClient();

    @Inject
    EmbeddedServer server;

    @Inject
    JsonMapper json;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>();
        TestMariaDb.datasourceProperties("errors").forEach((k, v) -> properties.put(k, v.toString()));
        try {
            properties.put(
                    "biotdm.data-dir",
                    Files.createTempDirectory(
                                    Files.createDirectories(Path.of("target", "it-data"))
                                            .toAbsolutePath(),
                                    "errors-")
                            .toString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return properties;
    }

    @Test
    void malformed_json_is_400_invalid_argument() throws Exception {
        HttpResponse<String> response = post(probe("json"), "{\"name\":");

        ErrorResponse error = assertShape(response, 400, "INVALID_ARGUMENT");
        assertThat(error.transactionId()).isNull();
        assertThat(response.body()).doesNotContain("transactionId");
    }

    @Test
    void bean_validation_failure_is_400_invalid_argument_naming_each_body_field() throws Exception {
        ErrorResponse error = assertShape(post(probe("json"), "{\"name\":\"\",\"count\":11}"), 400, "INVALID_ARGUMENT");

        assertThat(error.violations())
                .extracting(ErrorResponse.Violation::field)
                .containsExactly("body.count", "body.name");
    }

    @Test
    void a_missing_required_body_field_is_named() throws Exception {
        ErrorResponse error = assertShape(post(probe("json"), "{}"), 400, "INVALID_ARGUMENT");

        assertThat(error.violations())
                .extracting(ErrorResponse.Violation::field)
                .containsExactly("body.name");
    }

    @Test
    void bean_validation_failure_of_a_query_value_names_the_parameter() throws Exception {
        ErrorResponse error = assertShape(get(probe("query", Map.of("count", 0))), 400, "INVALID_ARGUMENT");

        assertThat(error.violations())
                .extracting(ErrorResponse.Violation::field)
                .containsExactly("count");
    }

    @Test
    void wrong_types_and_a_missing_body_are_400_invalid_argument() throws Exception {
        assertShape(post(probe("json"), "{\"name\":\"a\",\"count\":\"x\"}"), 400, "INVALID_ARGUMENT");
        assertShape(get(probe("query", Map.of("count", "x"))), 400, "INVALID_ARGUMENT");
        assertShape(post(probe("json"), ""), 400, "INVALID_ARGUMENT");
    }

    @Test
    void a_query_value_of_the_wrong_type_is_named_without_the_converters_text() throws Exception {
        ErrorResponse error = assertShape(get(probe("query", Map.of("count", "x"))), 400, "INVALID_ARGUMENT");

        assertThat(error.violations()).containsExactly(new ErrorResponse.Violation("count", "must be an integer"));
        assertThat(error.message()).isEqualTo("count: must be an integer");
    }

    @Test
    void a_bug_is_500_internal_error_without_its_text() throws Exception {
        HttpResponse<String> response = get(probe("boom"));

        assertShape(response, 500, "INTERNAL_ERROR");
        assertThat(response.body()).doesNotContain("secret detail").doesNotContain("IllegalStateException");
    }

    @Test
    void an_unknown_ledger_outcome_is_504_with_the_transaction_id() throws Exception {
        ErrorResponse error = assertShape(get(probe("ledger")), 504, "LEDGER_UNKNOWN_OUTCOME");

        assertThat(error.transactionId()).isEqualTo("tx-42");
    }

    @Test
    void database_unavailable_is_503_with_retry_after() throws Exception {
        HttpResponse<String> response = get(probe("database"));

        assertShape(response, 503, "DATABASE_UNAVAILABLE");
        assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
    }

    @Test
    void a_failed_future_is_rendered_like_a_thrown_exception() throws Exception {
        assertShape(get(probe("async")), 409, "USER_EXISTS");
    }

    @Test
    void unknown_route_and_wrong_method_and_media_type_keep_the_shape() throws Exception {
        assertShape(get("/api/v1/nope"), 404, "NOT_FOUND");
        assertShape(post(probe("boom"), "{}"), 405, "METHOD_NOT_ALLOWED");
        HttpResponse<String> text = http.send(
                HttpRequest.newBuilder(server.getURI().resolve(probe("json")))
                        .header("Content-Type", "text/plain")
                        .POST(HttpRequest.BodyPublishers.ofString("name"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertShape(text, 415, "UNSUPPORTED_MEDIA_TYPE");
    }

    /** Returns the path of a probe route, read from the probe controller's annotations. */
    private static String probe(String name) {
        return probe(name, Map.of());
    }

    private static String probe(String name, Map<String, ?> query) {
        return Route.of(ErrorProbeController.class, name).path(query);
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(server.getURI().resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(server.getURI().resolve(path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private ErrorResponse assertShape(HttpResponse<String> response, int status, String code) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        ErrorResponse error = json.readValue(response.body(), ErrorResponse.class);
        assertThat(error.code()).isEqualTo(code);
        assertThat(error.message()).isNotBlank();
        assertThat(error.timestamp()).isPositive();
        assertThat(response.body())
                .doesNotContain("\tat ")
                .doesNotContain("_links")
                .doesNotContain("_embedded");
        return error;
    }
}
