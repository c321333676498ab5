package org.biotdm.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A small JSON client of the gateway's operator and auditor API ({@code /api/v1/**}), on the JDK's HTTP client.
 * Error answers ({@code {code, message, …}}) become {@link ApiError}.
 */
public final class ApiClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(5);

    private final URI base;
    private final HttpClient http;

    /**
     * Creates a client.
     *
     * @param base the API's base URL, for example {@code http://127.0.0.1:8080}
     */
    public ApiClient(URI base) {
        this.base = Objects.requireNonNull(base, "base");
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(5))
                .version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /**
     * Returns the base URL.
     *
     * @return the URL
     */
    public URI base() {
        return base;
    }

    /**
     * Signs a person in.
     *
     * @param login username and password
     * @return the access token
     * @throws ApiError 401 {@code LOGIN_FAILED} and other refusals
     * @throws IOException when the gateway cannot be reached
     * @throws InterruptedException when interrupted
     */
    public String login(Credentials.Login login) throws IOException, InterruptedException {
        JsonNode body =
                post("/api/v1/auth/login", Map.of("username", login.username(), "password", login.password()), null);
        return body.path("accessToken").asText();
    }

    /**
     * Creates an organisation's first admin with its one-time bootstrap token.
     *
     * @param mspId the organisation
     * @param bootstrapToken the token from the gateway's {@code users/bootstrap-tokens.properties}
     * @param login the admin's username and password
     * @return the admin's access token
     * @throws ApiError 401 {@code BOOTSTRAP_TOKEN_INVALID}, 409 {@code USER_EXISTS} and other refusals
     * @throws IOException when the gateway cannot be reached
     * @throws InterruptedException when interrupted
     */
    public String bootstrap(String mspId, String bootstrapToken, Credentials.Login login)
            throws IOException, InterruptedException {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("mspId", mspId);
        request.put("bootstrapToken", bootstrapToken);
        request.put("username", login.username());
        request.put("password", login.password());
        return post("/api/v1/auth/bootstrap", request, null).path("accessToken").asText();
    }

    /**
     * Creates a person of the admin's organisation.
     *
     * @param adminToken the admin's access token
     * @param login the person's username and initial password
     * @param role {@code admin}, {@code operator} or {@code auditor}
     * @throws ApiError 409 {@code USER_EXISTS} and other refusals
     * @throws IOException when the gateway cannot be reached
     * @throws InterruptedException when interrupted
     */
    public void createUser(String adminToken, Credentials.Login login, String role)
            throws IOException, InterruptedException {
        post(
                "/api/v1/users",
                Map.of("username", login.username(), "password", login.password(), "role", role),
                adminToken);
    }

    /**
     * Grants a person of the admin's organisation the right to issue commands to a device group ({@code POST
     * /api/v1/grants}).
     *
     * @param adminToken the admin's access token
     * @param username the person, for example the operator
     * @param deviceGroup the device group
     * @param commandTypes the command types granted
     * @param expiresAt when the grant expires, epoch ms
     * @throws ApiError 409 when the grant exists, and other refusals
     * @throws IOException when the gateway cannot be reached
     * @throws InterruptedException when interrupted
     */
    public void grant(String adminToken, String username, String deviceGroup, List<String> commandTypes, long expiresAt)
            throws IOException, InterruptedException {
        Map<String, Object> grant = new LinkedHashMap<>();
        grant.put("username", username);
        grant.put("deviceGroup", deviceGroup);
        grant.put("commandTypes", commandTypes);
        grant.put("expiresAt", expiresAt);
        post("/api/v1/grants", grant, adminToken);
    }

    /**
     * Grants an organisation's operator a device group's command types for a day, as that organisation's admin; a
     * grant that exists already is kept.
     *
     * @param credentials the stack's people
     * @param mspId the organisation
     * @param deviceGroup the device group
     * @param commandTypes the command types granted
     * @throws ApiError for a refusal other than 409 (the grant exists)
     * @throws IOException when the gateway cannot be reached
     * @throws InterruptedException when interrupted
     */
    public void grantOperator(Credentials credentials, String mspId, String deviceGroup, List<String> commandTypes)
            throws IOException, InterruptedException {
        String adminToken = login(credentials.find(mspId, "admin").orElseThrow());
        try {
            grant(
                    adminToken,
                    credentials.find(mspId, "operator").orElseThrow().username(),
                    deviceGroup,
                    commandTypes,
                    System.currentTimeMillis() + java.time.Duration.ofDays(1).toMillis());
        } catch (ApiError e) {
            if (e.status() != 409) {
                throw e;
            }
        }
    }

    /**
     * Issues a command to a device ({@code POST /api/v1/commands}).
     *
     * @param token the operator's access token
     * @param commandId the command's ID, chosen by the caller
     * @param deviceId the device
     * @param commandType the command type, for example {@code set-sampling-interval}
     * @param parameters the command's parameters
     * @param expiresInSeconds how long the device may take to receive it, s
     * @return the answer ({@code commandId}, {@code state}, …)
     * @throws ApiError 401 when the token expired, 403 {@code GRANT_REQUIRED} and other refusals
     * @throws IOException when the gateway cannot be reached
     * @throws InterruptedException when interrupted
     */
    public JsonNode issueCommand(
            String token,
            String commandId,
            String deviceId,
            String commandType,
            Map<String, Object> parameters,
            int expiresInSeconds)
            throws IOException, InterruptedException {
        Map<String, Object> command = new LinkedHashMap<>();
        command.put("commandId", commandId);
        command.put("deviceId", deviceId);
        command.put("commandType", commandType);
        command.put("parameters", parameters);
        command.put("expiresIn", expiresInSeconds);
        return post("/api/v1/commands", command, token);
    }

    /**
     * Sends a GET request.
     *
     * @param path the path, for example {@code /api/v1/verify}
     * @param query query parameters (null values are left out)
     * @param token the bearer token, or null
     * @return the JSON answer
     * @throws ApiError for an error answer
     * @throws IOException when the gateway cannot be reached
     * @throws InterruptedException when interrupted
     */
    public JsonNode get(String path, Map<String, String> query, String token) throws IOException, InterruptedException {
        String queryText = query.entrySet().stream()
                .filter(e -> e.getValue() != null)
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        base.resolve(path + (queryText.isEmpty() ? "" : "?" + queryText)))
                .timeout(REQUEST_TIMEOUT)
                .GET();
        return send(request, token);
    }

    /**
     * Sends a POST request with a JSON body.
     *
     * @param path the path
     * @param body the body, serialised as JSON
     * @param token the bearer token, or null
     * @return the JSON answer ({@link NullNode} for an empty body)
     * @throws ApiError for an error answer
     * @throws IOException when the gateway cannot be reached
     * @throws InterruptedException when interrupted
     */
    public JsonNode post(String path, Object body, String token) throws IOException, InterruptedException {
        return sendJson("POST", path, body, token);
    }

    /**
     * Sends a PUT with a JSON body.
     *
     * @param path the path
     * @param body the body, serialised as JSON
     * @param token the bearer token, or null
     * @return the JSON answer ({@link NullNode} for an empty body)
     * @throws ApiError for an error answer
     * @throws IOException when the gateway cannot be reached
     * @throws InterruptedException when interrupted
     */
    public JsonNode put(String path, Object body, String token) throws IOException, InterruptedException {
        return sendJson("PUT", path, body, token);
    }

    private JsonNode sendJson(String method, String path, Object body, String token)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        return send(request, token);
    }

    /**
     * Tells whether the API answers HTTP at all (any status).
     *
     * @return true when it answers
     * @throws InterruptedException when interrupted
     */
    public boolean answers() throws InterruptedException {
        try {
            http.send(
                    HttpRequest.newBuilder(base.resolve("/api/v1/users/me"))
                            .timeout(Duration.ofSeconds(5))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private JsonNode send(HttpRequest.Builder request, String token) throws IOException, InterruptedException {
        request.header("Accept", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpRequest built = request.build();
        HttpResponse<byte[]> response = http.send(built, HttpResponse.BodyHandlers.ofByteArray());
        JsonNode body = parse(response.body());
        if (response.statusCode() >= 400) {
            throw new ApiError(
                    response.statusCode(),
                    body.path("code").asText("HTTP_" + response.statusCode()),
                    body.path("message").asText(""),
                    built.method() + " " + built.uri().getPath());
        }
        return body;
    }

    private static JsonNode parse(byte[] body) {
        if (body.length == 0) {
            return NullNode.getInstance();
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return NullNode.getInstance();
        }
    }

    /** An error answer of the API. */
    public static final class ApiError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private final int status;
        private final String code;

        /**
         * Creates the error.
         *
         * @param status the HTTP status
         * @param code the error code, for example {@code LOGIN_FAILED}
         * @param message the error message
         * @param request the request, for example {@code POST /api/v1/auth/login}
         */
        public ApiError(int status, String code, String message, String request) {
            super(request + " answered " + status + " " + code + (message.isEmpty() ? "" : ": " + message));
            this.status = status;
            this.code = code;
        }

        /**
         * Returns the HTTP status.
         *
         * @return the status
         */
        public int status() {
            return status;
        }

        /**
         * Returns the error code.
         *
         * @return the code
         */
        public String code() {
            return code;
        }
    }
}
