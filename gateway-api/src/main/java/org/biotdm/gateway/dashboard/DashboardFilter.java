package org.biotdm.gateway.dashboard;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.server.types.files.SystemFile;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Serves the dashboard's {@code index.html} for its client-side routes and puts the {@link ContentSecurityPolicy} on
 * responses.
 *
 * <p>The dashboard is a single-page application: a browser that opens or reloads {@code /fleet} or {@code
 * /devices/d-17} asks the server for that path, which no route or file answers. Such a request (GET or HEAD, 404,
 * accepting {@code text/html}, outside the API's own prefixes, its last segment without a dot) gets {@code index.html}
 * with 200, and the application's router shows the screen. Every other 404 keeps the catalogue's {@code NOT_FOUND}
 * body, so API clients never receive HTML.
 *
 * <p>The policy goes on every response but Swagger UI's, whose generated page carries an inline script.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
final class DashboardFilter {
    /** Paths the dashboard never claims: the API, live events, the OpenAPI document, health and the device routes. */
    private static final List<String> SERVER_PREFIXES =
            List.of("/api/", "/ws/", "/swagger/", "/swagger-ui", "/health", "/device/");

    private static final String SWAGGER_UI = "/swagger-ui";

    private final Path indexPage;

    /**
     * Creates the filter.
     *
     * @param configuration where the built dashboard is
     */
    public DashboardFilter(DashboardConfiguration configuration) {
        this.indexPage = configuration.dir().resolve("index.html");
    }

    /**
     * Answers a client-side route with {@code index.html} and adds the security headers.
     *
     * @param request the request
     * @param response the response so far
     * @return the response, or {@code index.html} in its place
     */
    @ResponseFilter
    public MutableHttpResponse<?> filter(HttpRequest<?> request, MutableHttpResponse<?> response) {
        MutableHttpResponse<?> result =
                isClientRoute(request, response) && Files.isRegularFile(indexPage) ? indexPage() : response;
        if (!request.getPath().startsWith(SWAGGER_UI)) {
            result.header(
                    ContentSecurityPolicy.HEADER,
                    ContentSecurityPolicy.forHost(request.getHeaders().get(HttpHeaders.HOST)));
            result.header("X-Content-Type-Options", "nosniff");
        }
        return result;
    }

    private MutableHttpResponse<?> indexPage() {
        File file = indexPage.toFile();
        return HttpResponse.ok(new SystemFile(file, MediaType.TEXT_HTML_TYPE))
                .header(HttpHeaders.CACHE_CONTROL, "no-cache");
    }

    /**
     * Tells whether a request is a browser opening one of the dashboard's own routes.
     *
     * @param request the request
     * @param response its response so far
     * @return true for a GET or HEAD answered 404 that accepts HTML, outside the server's prefixes, whose last path
     *     segment has no dot (so a missing {@code .js} or {@code .css} file stays a 404)
     */
    static boolean isClientRoute(HttpRequest<?> request, HttpResponse<?> response) {
        HttpMethod method = request.getMethod();
        if (response.getStatus() != HttpStatus.NOT_FOUND || (method != HttpMethod.GET && method != HttpMethod.HEAD)) {
            return false;
        }
        String path = request.getPath();
        if (SERVER_PREFIXES.stream().anyMatch(path::startsWith)) {
            return false;
        }
        boolean acceptsHtml = request.accept().stream().anyMatch(type -> MediaType.TEXT_HTML.equals(type.getName()));
        return acceptsHtml && !path.substring(path.lastIndexOf('/') + 1).contains(".");
    }
}
