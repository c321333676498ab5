package org.biotdm.gateway.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.biotdm.gateway.testing.TestGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The dashboard's files are served at {@code /} without signing in, its client-side routes get {@code index.html}
 * while the API's unknown paths keep the catalogue's 404, and the Content-Security-Policy is on its responses.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Property(name = "biotdm.anchoring.enabled", value = "false")
@Property(name = "biotdm.ledger.events-enabled", value = "false")
@Property(name = "biotdm.ingress.enabled", value = "false")
@Property(name = "micronaut.server.port", value = "-1")
class DashboardIT implements TestPropertyProvider {
    private static final String INDEX = "<!doctype html><title>BIoT-DM</title><div id=\"root\"></div>";
    private static final String SCRIPT = "console.log('dashboard');";

    private final HttpClient http = HttpClient.newHttpClient();

    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        Map<String, String> properties = TestGateway.properties("dashboard", false);
        properties.put("biotdm.dashboard.dir", builtDashboard().toString());
        return properties;
    }

    @Test
    void serves_the_index_page_at_the_root_with_the_content_security_policy() throws Exception {
        HttpResponse<String> page = get("/", "text/html");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).isEqualTo(INDEX);
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp)
                .startsWith("default-src 'self'; script-src 'self';")
                .doesNotContain("unsafe-inline")
                .endsWith("ws://127.0.0.1:" + server.getPort() + " wss://127.0.0.1:" + server.getPort()));
    }

    @Test
    void serves_built_assets_without_signing_in() throws Exception {
        HttpResponse<String> script = get("/assets/index-abc123.js", "*/*");

        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.body()).isEqualTo(SCRIPT);
    }

    @Test
    void answers_a_client_side_route_with_the_index_page() throws Exception {
        HttpResponse<String> page = get("/devices/mote-1", "text/html,application/xhtml+xml,*/*;q=0.8");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).isEqualTo(INDEX);
        assertThat(page.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
    }

    @Test
    void keeps_the_catalogue_404_for_unknown_api_paths_and_missing_files() throws Exception {
        HttpResponse<String> api = get("/api/v1/nothing-here", "text/html");
        HttpResponse<String> file = get("/assets/missing.js", "text/html");
        HttpResponse<String> json = get("/fleet", "application/json");

        assertThat(api.statusCode()).isEqualTo(404);
        assertThat(file.statusCode()).isEqualTo(404);
        assertThat(json.statusCode()).isEqualTo(404);
        assertThat(json.body()).contains("\"code\":\"NOT_FOUND\"");
    }

    @Test
    void leaves_swagger_ui_without_the_policy() throws Exception {
        HttpResponse<String> page = get("/swagger-ui/index.html", "text/html");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Security-Policy")).isEmpty();
    }

    private HttpResponse<String> get(String path, String accept) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getPort() + path))
                .header("Accept", accept)
                .GET()
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static Path builtDashboard() {
        try {
            Path dir = TestGateway.dataDir("dashboard-dist");
            Files.createDirectories(dir.resolve("assets"));
            Files.writeString(dir.resolve("index.html"), INDEX);
            Files.writeString(dir.resolve("assets/index-abc123.js"), SCRIPT);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
