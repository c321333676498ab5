package org.biotdm.devnet.fabricca;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.biotdm.devnet.ca.CryptoMaterial;
import org.biotdm.devnet.ca.OrgCrypto;
import org.biotdm.devnet.ca.RegistrarSecrets;
import org.biotdm.devnet.crypto.Certificates;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fabric CA 1.5's REST API under {@code /api/v1/} for the dev network's CAs (one {@link CaRegistry} each, chosen by
 * the {@code ca} query parameter or the body's {@code caname}, else the default CA):
 *
 * <ul>
 *   <li>{@code cainfo} (GET, POST, HEAD; 200): {@code CAName}, {@code CAChain} (base64 PEM), {@code Version}; the
 *       Idemix keys are empty;
 *   <li>{@code enroll} (POST, HTTP Basic with the enrolment ID and secret; 201) and {@code reenroll} (POST, token;
 *       201): {@code certificate_request} and optional {@code attr_reqs} in, {@code Cert} (base64 PEM) and {@code
 *       ServerInfo} out;
 *   <li>{@code register} (POST, token; 201): {@code id, type, secret, max_enrollments, affiliation, attrs} in,
 *       {@code secret} out;
 *   <li>{@code identities/{id}} (PUT only, token; 200): a registrar sets an identity's {@code secret}, {@code
 *       max_enrollments} and {@code attrs}, so that it may enrol again;
 *   <li>{@code revoke} (POST, token; 200): {@code id} or {@code serial} and {@code aki}, optional {@code gencrl}
 *       in; {@code RevokedCerts} and {@code CRL} (base64 PEM, when asked for) out.
 * </ul>
 *
 * <p>Every answer is Fabric CA's envelope {@code {"result", "errors": [{"code", "message"}], "messages": [],
 * "success"}} with Fabric CA's status and error codes ({@link FabricCaException}), in the order Fabric CA checks
 * (method, then body or authentication as each handler of {@code lib/server*.go} does). Bodies over {@value
 * #MAX_BODY_BYTES} bytes are refused. Token authentication is {@link org.biotdm.protocol.fabricca.FabricCaToken}.
 */
public final class FabricCaApi {
    /** The path prefix of every endpoint. */
    public static final String PREFIX = "/api/v1/";

    /** The version {@code cainfo} reports: the Fabric CA API followed, marked as the dev network's. */
    public static final String VERSION = "1.5-biotdm-devnet";

    /** The largest request body accepted, in bytes. */
    public static final int MAX_BODY_BYTES = 64 * 1024;

    private static final String IDENTITIES = "identities/";
    private static final Logger LOG = LoggerFactory.getLogger(FabricCaApi.class);
    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().create();
    private static final Base64.Encoder B64 = Base64.getEncoder();

    private final Map<String, CaRegistry> registries;
    private final String defaultCa;

    /**
     * Creates the API over the given CAs.
     *
     * @param registries CA name to registry
     * @param defaultCa the CA answering requests that name none
     */
    public FabricCaApi(Map<String, CaRegistry> registries, String defaultCa) {
        this.registries = Map.copyOf(registries);
        this.defaultCa = defaultCa;
    }

    /**
     * Creates the API for the dev network's peer organisations: CA {@code ca-orgN} for {@code orgN.example.com}
     * (the names {@code network/fabric}'s CAs have), affiliations {@code orgN} and {@code orgN.department1}, and the
     * bootstrap registrar {@value CaRegistry#REGISTRAR} whose secret is the organisation's registrar secret. The
     * first organisation's CA is the default.
     *
     * @param material the dev network's crypto material
     * @param secrets the organisations' registrar secrets
     * @return the API
     * @throws IllegalArgumentException when an organisation has no registrar secret
     */
    public static FabricCaApi forDevnet(CryptoMaterial material, RegistrarSecrets secrets) {
        Map<String, CaRegistry> registries = new LinkedHashMap<>();
        for (OrgCrypto org : material.orgs()) {
            String shortName = caName(org).substring("ca-".length());
            String secret = secrets.secret(org.mspId())
                    .orElseThrow(() -> new IllegalArgumentException("no registrar secret for " + org.mspId()));
            String caName = caName(org);
            registries.put(
                    caName, new CaRegistry(caName, org.ca(), secret, Set.of(shortName, shortName + ".department1")));
        }
        return new FabricCaApi(registries, registries.keySet().iterator().next());
    }

    /**
     * Returns the name of an organisation's CA on the dev network.
     *
     * @param org the organisation
     * @return {@code ca-orgN} for {@code orgN.example.com}
     */
    public static String caName(OrgCrypto org) {
        return "ca-" + org.domain().substring(0, org.domain().indexOf('.'));
    }

    /**
     * Answers one request under {@link #PREFIX} and closes the exchange; never throws.
     *
     * @param exchange the request
     */
    public void handle(HttpExchange exchange) {
        String endpoint = exchange.getRequestURI().getPath().substring(PREFIX.length());
        int status;
        JsonElement result = new JsonPrimitive("");
        FabricCaException error = null;
        try {
            checkMethod(endpoint, exchange.getRequestMethod());
            Request request = new Request(exchange, readBody(exchange));
            result = dispatch(endpoint, request);
            status = Set.of("enroll", "reenroll", "register").contains(endpoint) ? 201 : 200;
        } catch (FabricCaException e) {
            error = e;
            status = e.status();
        } catch (RuntimeException e) {
            LOG.warn("Fabric CA request {} failed unexpectedly: {}", endpoint, e.toString());
            error = new FabricCaException(500, FabricCaException.UNKNOWN, "internal error");
            status = 500;
        }
        LOG.debug("{} {} {} {}", exchange.getRequestMethod(), endpoint, status, error == null ? 0 : error.code());
        respond(exchange, status, envelope(result, error));
    }

    private JsonElement dispatch(String endpoint, Request request) throws FabricCaException {
        return switch (endpoint) {
            case "cainfo" -> caInfo(request.registry(), true);
            case "enroll" -> enroll(request);
            case "reenroll" -> reenroll(request);
            case "register" -> register(request);
            case "revoke" -> revoke(request);
            default -> {
                if (endpoint.startsWith(IDENTITIES)) {
                    yield modifyIdentity(request, endpoint.substring(IDENTITIES.length()));
                }
                throw new FabricCaException(404, FabricCaException.UNKNOWN, "404 page not found");
            }
        };
    }

    private static void checkMethod(String endpoint, String method) throws FabricCaException {
        Set<String> allowed = "cainfo".equals(endpoint)
                ? Set.of("GET", "POST", "HEAD")
                : endpoint.startsWith(IDENTITIES) ? Set.of("PUT") : Set.of("POST");
        if (!allowed.contains(method)) {
            throw new FabricCaException(
                    405, FabricCaException.METHOD_NOT_ALLOWED, "Method " + method + " is not allowed");
        }
    }

    private JsonElement enroll(Request request) throws FabricCaException {
        String[] credentials = request.basicCredentials();
        CaRegistry registry = request.registry();
        CaIdentity identity = registry.login(credentials[0], credentials[1]);
        return enrollment(registry, identity, CaRequests.enrollment(request.json()));
    }

    private JsonElement reenroll(Request request) throws FabricCaException {
        CaIdentity identity = request.tokenCaller();
        return enrollment(request.registry(), identity, CaRequests.enrollment(request.json()));
    }

    private JsonElement register(Request request) throws FabricCaException {
        CaRequests.Registration registration = CaRequests.registration(request.json());
        CaIdentity registrar = request.tokenCaller();
        JsonObject result = new JsonObject();
        result.addProperty("secret", request.registry().register(registrar, registration));
        return result;
    }

    private JsonElement modifyIdentity(Request request, String id) throws FabricCaException {
        CaIdentity registrar = request.tokenCaller();
        CaRequests.Registration modification = CaRequests.registration(request.json(), id);
        request.registry().modify(registrar, id, modification);
        JsonObject result = new JsonObject();
        result.addProperty("id", id);
        result.addProperty("max_enrollments", modification.maxEnrollments());
        result.addProperty("caname", request.registry().caName());
        return result;
    }

    private JsonElement revoke(Request request) throws FabricCaException {
        CaRequests.Revocation revocation = CaRequests.revocation(request.json());
        CaIdentity caller = request.tokenCaller();
        CaRegistry registry = request.registry();
        JsonArray revoked = new JsonArray();
        for (CaRegistry.RevokedCertificate certificate : registry.revoke(caller, revocation)) {
            JsonObject entry = new JsonObject();
            entry.addProperty("Serial", certificate.serial());
            entry.addProperty("AKI", certificate.aki());
            revoked.add(entry);
        }
        JsonObject result = new JsonObject();
        result.add("RevokedCerts", revoked);
        boolean crl = revocation.genCrl() && !revoked.isEmpty();
        result.addProperty("CRL", crl ? b64(registry.crlPem()) : "");
        return result;
    }

    private static JsonElement enrollment(CaRegistry registry, CaIdentity identity, CaRequests.Enrollment enrollment)
            throws FabricCaException {
        X509Certificate certificate = registry.enroll(identity, enrollment);
        JsonObject result = new JsonObject();
        result.addProperty("Cert", b64(Certificates.toPem(certificate)));
        result.add("ServerInfo", caInfo(registry, false));
        return result;
    }

    private static JsonObject caInfo(CaRegistry registry, boolean withVersion) {
        JsonObject info = new JsonObject();
        info.addProperty("CAName", registry.caName());
        info.addProperty("CAChain", b64(registry.caChainPem()));
        info.addProperty("IssuerPublicKey", "");
        info.addProperty("IssuerRevocationPublicKey", "");
        info.addProperty("Version", withVersion ? VERSION : "");
        return info;
    }

    private static JsonObject envelope(JsonElement result, FabricCaException error) {
        JsonObject body = new JsonObject();
        body.add("result", result);
        JsonArray errors = new JsonArray();
        if (error != null) {
            JsonObject entry = new JsonObject();
            entry.addProperty("code", error.code());
            entry.addProperty("message", error.getMessage());
            errors.add(entry);
        }
        body.add("errors", errors);
        body.add("messages", new JsonArray());
        body.addProperty("success", error == null);
        return body;
    }

    private static byte[] readBody(HttpExchange exchange) throws FabricCaException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) {
                throw new FabricCaException(
                        400, FabricCaException.BAD_BODY, "Request body exceeds " + MAX_BODY_BYTES + " bytes");
            }
            return body;
        } catch (IOException e) {
            throw new FabricCaException(500, 3, "Failed reading request body");
        }
    }

    private static void respond(HttpExchange exchange, int status, JsonObject body) {
        byte[] bytes = GSON.toJson(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        boolean head = "HEAD".equals(exchange.getRequestMethod());
        try (OutputStream out = exchange.getResponseBody()) {
            exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
            if (!head) {
                out.write(bytes);
            }
        } catch (IOException e) {
            LOG.debug("Fabric CA client went away before the response: {}", e.toString());
        } finally {
            exchange.close();
        }
    }

    private static String b64(String text) {
        return B64.encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** One request: its exchange and body, the CA it names, and its authentication. */
    private final class Request {
        private final HttpExchange exchange;
        private final byte[] body;

        Request(HttpExchange exchange, byte[] body) {
            this.exchange = exchange;
            this.body = body;
        }

        JsonObject json() throws FabricCaException {
            return CaRequests.object(body);
        }

        CaRegistry registry() throws FabricCaException {
            String name = queryCa(exchange.getRequestURI());
            if (name.isEmpty() && body.length > 0) {
                name = CaRequests.caName(json());
            }
            String chosen = name.isEmpty() ? defaultCa : name;
            CaRegistry registry = registries.get(chosen);
            if (registry == null) {
                throw new FabricCaException(404, FabricCaException.CA_NOT_FOUND, "CA '" + chosen + "' does not exist");
            }
            return registry;
        }

        String authorization() throws FabricCaException {
            String header = exchange.getRequestHeaders().getFirst("Authorization");
            if (header == null || header.isEmpty()) {
                throw new FabricCaException(401, FabricCaException.NO_AUTH_HEADER, "No authorization header");
            }
            return header;
        }

        /** The user and password of an HTTP Basic header (RFC 7617). */
        String[] basicCredentials() throws FabricCaException {
            String header = authorization();
            try {
                if (header.regionMatches(true, 0, "Basic ", 0, 6)) {
                    String pair = new String(
                            Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
                    int colon = pair.indexOf(':');
                    if (colon > 0) {
                        return new String[] {pair.substring(0, colon), pair.substring(colon + 1)};
                    }
                }
            } catch (IllegalArgumentException e) {
                // answered below
            }
            throw FabricCaException.authentication();
        }

        CaIdentity tokenCaller() throws FabricCaException {
            String header = authorization();
            CaRegistry registry = registry();
            URI uri = exchange.getRequestURI();
            String requestUri = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
            return registry.authenticate(header, exchange.getRequestMethod(), requestUri, body);
        }
    }

    private static String queryCa(URI uri) {
        String query = uri.getRawQuery();
        if (query == null) {
            return "";
        }
        for (String pair : query.split("&")) {
            if (pair.startsWith("ca=")) {
                return URLDecoder.decode(pair.substring(3), StandardCharsets.UTF_8);
            }
        }
        return "";
    }
}
