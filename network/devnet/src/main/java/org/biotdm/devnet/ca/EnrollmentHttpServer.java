package org.biotdm.devnet.ca;

import com.google.gson.Gson;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small HTTP endpoint for {@link EnrollmentService} on the JDK's built-in server: {@code POST /enroll} with a JSON
 * body {@code {mspId, enrollmentId, csr, type, attributes}} and HTTP Basic credentials of the organisation's
 * registrar (user = MSP ID, password = its secret from {@link RegistrarSecrets}). A registrar may only enrol into its
 * own MSP. Answers 200 {@code {mspId, certificate, caChain}}, or 400/401/403/404/405/413/500 with {@code {code,
 * message, timestamp}} and never a stack trace. Plain HTTP is meant for loopback only.
 */
public final class EnrollmentHttpServer implements AutoCloseable {
    /** The largest request body accepted, in bytes. */
    public static final int MAX_BODY_BYTES = 64 * 1024;

    /** How much of an oversized body is read and discarded before answering 413, in bytes. */
    private static final long DRAIN_LIMIT_BYTES = 1024L * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(EnrollmentHttpServer.class);
    private static final String PATH = "/enroll";
    private static final String REALM = "Basic realm=\"biotdm-devnet-enrollment\", charset=\"UTF-8\"";
    private static final Gson GSON = new Gson();

    private final EnrollmentService service;
    private final RegistrarSecrets secrets;
    private final HttpServer server;
    private final ExecutorService executor;

    /**
     * Binds the endpoint for the peer organisations of the devnet, creating registrar secrets on first use.
     *
     * @param service the enrolment service requests go to
     * @param material the crypto material whose peer organisations get a registrar each
     * @param secretsDir the directory of the per-organisation registrar secret files, for example {@code
     *     <dataDir>/registrars} ({@link RegistrarSecrets})
     * @param host the address to bind, normally {@code 127.0.0.1}
     * @param port the port to bind, or 0 for an ephemeral one
     * @throws IOException when the secrets cannot be read or written or the port cannot be bound
     */
    public EnrollmentHttpServer(
            EnrollmentService service, CryptoMaterial material, Path secretsDir, String host, int port)
            throws IOException {
        this(
                service,
                RegistrarSecrets.loadOrCreate(
                        secretsDir,
                        material.orgs().stream().map(OrgCrypto::mspId).toList()),
                host,
                port);
    }

    /**
     * Binds the endpoint with explicit registrar secrets.
     *
     * @param service the enrolment service requests go to
     * @param secrets the registrars' secrets
     * @param host the address to bind, normally {@code 127.0.0.1}
     * @param port the port to bind, or 0 for an ephemeral one
     * @throws IOException when the port cannot be bound
     */
    public EnrollmentHttpServer(EnrollmentService service, RegistrarSecrets secrets, String host, int port)
            throws IOException {
        this.service = service;
        this.secrets = secrets;
        this.server = HttpServer.create(new InetSocketAddress(host, port), 16);
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(2, task -> {
            Thread thread = new Thread(task, "enrollment-http-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
    }

    /**
     * Serves another API on this port under a path prefix, for example Fabric CA's {@code /api/v1/}.
     *
     * @param prefix the path prefix, starting and ending with {@code /}
     * @param handler the handler of every request under it; it must answer and close each exchange
     */
    public void serve(String prefix, HttpHandler handler) {
        server.createContext(prefix, handler);
    }

    /** Starts answering requests. */
    public void start() {
        server.start();
    }

    /**
     * Returns the bound port.
     *
     * @return the TCP port
     */
    public int port() {
        return server.getAddress().getPort();
    }

    /**
     * Returns the registrar secrets this endpoint checks.
     *
     * @return the secrets
     */
    public RegistrarSecrets secrets() {
        return secrets;
    }

    /** Stops the server at once and releases its threads. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) {
        try {
            Enrollment enrollment = process(exchange);
            Map<String, String> body = new LinkedHashMap<>();
            body.put("mspId", enrollment.mspId());
            body.put("certificate", enrollment.certificatePem());
            body.put("caChain", enrollment.caChainPem());
            respond(exchange, 200, body);
        } catch (EnrollmentException e) {
            respondError(exchange, e.code(), e.reason());
        } catch (RuntimeException e) {
            LOG.warn("Enrolment request failed unexpectedly: {}", e.toString());
            respondError(exchange, EnrollmentErrorCode.ENROLLMENT_INTERNAL_ERROR, "internal error");
        } finally {
            exchange.close();
        }
    }

    private Enrollment process(HttpExchange exchange) throws EnrollmentException {
        if (!PATH.equals(exchange.getRequestURI().getPath())) {
            throw new EnrollmentException(EnrollmentErrorCode.ENROLLMENT_NOT_FOUND, "no such resource");
        }
        if (!"POST".equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().set("Allow", "POST");
            throw new EnrollmentException(EnrollmentErrorCode.ENROLLMENT_METHOD_NOT_ALLOWED, "use POST");
        }
        String registrar = authenticate(exchange.getRequestHeaders().getFirst("Authorization"));
        if (registrar == null) {
            exchange.getResponseHeaders().set("WWW-Authenticate", REALM);
            throw new EnrollmentException(
                    EnrollmentErrorCode.ENROLLMENT_UNAUTHENTICATED, "registrar credentials are missing or wrong");
        }
        EnrollmentRequest request = EnrollmentJson.parseRequest(readBody(exchange));
        if (!registrar.equals(request.mspId())) {
            throw new EnrollmentException(
                    EnrollmentErrorCode.ENROLLMENT_FORBIDDEN,
                    "the registrar of " + registrar + " may not enrol into " + request.mspId());
        }
        return service.enroll(request);
    }

    /** Returns the authenticated registrar's MSP ID, or null when the credentials are missing or wrong. */
    private String authenticate(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        String credentials;
        try {
            credentials = new String(
                    Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
        int colon = credentials.indexOf(':');
        if (colon < 0) {
            return null;
        }
        String mspId = credentials.substring(0, colon);
        return secrets.matches(mspId, credentials.substring(colon + 1)) ? mspId : null;
    }

    private static byte[] readBody(HttpExchange exchange) throws EnrollmentException {
        try (InputStream in = exchange.getRequestBody()) {
            String declared = exchange.getRequestHeaders().getFirst("Content-Length");
            if (declared != null && declaredLength(declared) > MAX_BODY_BYTES) {
                drain(in);
                throw tooLarge();
            }
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) {
                drain(in);
                throw tooLarge();
            }
            return body;
        } catch (IOException e) {
            throw new EnrollmentException(EnrollmentErrorCode.ENROLLMENT_MALFORMED_REQUEST, "body cannot be read");
        }
    }

    /**
     * Reads and discards what is left of an oversized body, up to {@link #DRAIN_LIMIT_BYTES}, so that a client still
     * sending it receives the 413 answer instead of a connection reset.
     */
    private static void drain(InputStream in) throws IOException {
        long skipped = 0;
        byte[] buffer = new byte[8192];
        int read;
        while (skipped < DRAIN_LIMIT_BYTES && (read = in.read(buffer)) >= 0) {
            skipped += read;
        }
    }

    private static long declaredLength(String header) {
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static EnrollmentException tooLarge() {
        return new EnrollmentException(
                EnrollmentErrorCode.ENROLLMENT_REQUEST_TOO_LARGE, "body exceeds " + MAX_BODY_BYTES + " bytes");
    }

    private static void respondError(HttpExchange exchange, EnrollmentErrorCode code, String message) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("code", code.name());
        body.put("message", message);
        body.put("timestamp", Instant.now().toString());
        respond(exchange, code.httpStatus(), body);
    }

    private static void respond(HttpExchange exchange, int status, Map<String, String> body) {
        byte[] bytes = GSON.toJson(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().put("Content-Type", List.of("application/json; charset=utf-8"));
        exchange.getResponseHeaders().put("Cache-Control", List.of("no-store"));
        try {
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        } catch (IOException e) {
            LOG.debug("Enrolment client went away before the response: {}", e.toString());
        }
    }
}
