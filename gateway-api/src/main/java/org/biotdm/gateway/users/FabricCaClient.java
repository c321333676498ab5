package org.biotdm.gateway.users;

import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.biotdm.protocol.fabricca.FabricCaToken;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;

/**
 * A client of one Fabric CA 1.5 server's REST API (specified in {@code protocol/fabric-ca.md}; fabric-ca {@code
 * lib/client.go} is the reference client): {@code enroll} with HTTP Basic, {@code register} and {@code PUT
 * identities/{id}} with token authentication ({@link FabricCaToken}). Every request names its CA ({@code caname}).
 * Answers are read from Fabric CA's envelope {@code {"result","errors","messages","success"}}; a refusal becomes a
 * {@link Refusal} with Fabric CA's status, code and message. Thread-safe.
 */
final class FabricCaClient {
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final URI baseUrl;
    private final HttpClient http;
    private final JsonMapper json;

    /**
     * An identity that signs tokens.
     *
     * @param certificatePem its enrolment certificate, PEM, exactly as the CA returned it
     * @param key its P-256 private key
     */
    record Identity(String certificatePem, ECPrivateKeyParameters key) {}

    /** A refusal from the CA: HTTP status, Fabric CA error code and message. */
    static final class Refusal extends Exception {
        private static final long serialVersionUID = 1L;

        private final int status;
        private final int code;

        Refusal(int status, int code, String message) {
            super(message);
            this.status = status;
            this.code = code;
        }

        int status() {
            return status;
        }

        int code() {
            return code;
        }
    }

    /**
     * Creates the client.
     *
     * @param baseUrl the server's URL, for example {@code https://ca.org1.example.com:7054}
     * @param http the HTTP client (with the CA's TLS root when the URL is HTTPS)
     * @param json the JSON mapper
     */
    FabricCaClient(URI baseUrl, HttpClient http, JsonMapper json) {
        this.baseUrl = baseUrl;
        this.http = http;
        this.json = json;
    }

    URI baseUrl() {
        return baseUrl;
    }

    /**
     * Enrols with an enrolment secret: {@code POST /api/v1/enroll}.
     *
     * @param caName the CA
     * @param id the enrolment ID (the CSR's CN)
     * @param secret its secret
     * @param csrPem the PEM PKCS#10 request
     * @param attributeRequests the {@code attr_reqs}: attribute name to whether it is optional; empty for none
     * @return the certificate, PEM
     */
    String enroll(String caName, String id, String secret, String csrPem, Map<String, Boolean> attributeRequests)
            throws Refusal, IOException, InterruptedException {
        Map<String, JsonNode> body = new LinkedHashMap<>();
        body.put("certificate_request", JsonNode.createStringNode(csrPem));
        body.put("caname", JsonNode.createStringNode(caName));
        if (!attributeRequests.isEmpty()) {
            body.put(
                    "attr_reqs",
                    JsonNode.createArrayNode(attributeRequests.entrySet().stream()
                            .map(request -> JsonNode.createObjectNode(Map.of(
                                    "name", JsonNode.createStringNode(request.getKey()),
                                    "optional", JsonNode.createBooleanNode(request.getValue()))))
                            .toList()));
        }
        String basic = Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
        JsonNode result = call("POST", "/api/v1/enroll", JsonNode.createObjectNode(body), "Basic " + basic);
        JsonNode cert = result.get("Cert");
        if (cert == null || !cert.isString()) {
            throw new IOException("the CA's enroll answer has no Cert");
        }
        return new String(Base64.getDecoder().decode(cert.getStringValue()), StandardCharsets.UTF_8);
    }

    /**
     * Registers a client identity: {@code POST /api/v1/register}, or, when {@code existing} is true, sets a
     * registered identity's secret and attributes: {@code PUT /api/v1/identities/{id}}. The affiliation is the
     * registrar's; {@code max_enrollments} is 0, the CA's default.
     *
     * @param registrar the registrar signing the request
     * @param caName the CA
     * @param id the identity
     * @param secret its new secret
     * @param attributes attributes to register, each with {@code ecert} true
     * @param existing whether the identity is registered already
     */
    void register(
            Identity registrar,
            String caName,
            String id,
            String secret,
            Map<String, String> attributes,
            boolean existing)
            throws Refusal, IOException, InterruptedException {
        Map<String, JsonNode> body = new LinkedHashMap<>();
        if (!existing) {
            body.put("id", JsonNode.createStringNode(id));
        }
        body.put("type", JsonNode.createStringNode("client"));
        body.put("secret", JsonNode.createStringNode(secret));
        body.put("max_enrollments", JsonNode.createNumberNode(0));
        body.put("affiliation", JsonNode.createStringNode(""));
        List<JsonNode> attrs = attributes.entrySet().stream()
                .map(attribute -> JsonNode.createObjectNode(Map.of(
                        "name", JsonNode.createStringNode(attribute.getKey()),
                        "value", JsonNode.createStringNode(attribute.getValue()),
                        "ecert", JsonNode.createBooleanNode(true))))
                .toList();
        body.put("attrs", JsonNode.createArrayNode(attrs));
        body.put("caname", JsonNode.createStringNode(caName));
        String path = existing ? "/api/v1/identities/" + id : "/api/v1/register";
        byte[] bytes = json.writeValueAsBytes(JsonNode.createObjectNode(body));
        String token = FabricCaToken.create(
                registrar.certificatePem(), registrar.key(), existing ? "PUT" : "POST", path, bytes);
        call(existing ? "PUT" : "POST", path, bytes, token);
    }

    private JsonNode call(String method, String path, JsonNode body, String authorization)
            throws Refusal, IOException, InterruptedException {
        return call(method, path, json.writeValueAsBytes(body), authorization);
    }

    private JsonNode call(String method, String path, byte[] body, String authorization)
            throws Refusal, IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(baseUrl.resolve(path))
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .header("Authorization", authorization)
                .method(method, HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        JsonNode envelope = json.readValue(response.body(), JsonNode.class);
        JsonNode success = envelope == null ? null : envelope.get("success");
        if (success == null || !success.isBoolean()) {
            throw new IOException("the CA answered " + response.statusCode() + " without Fabric CA's envelope");
        }
        if (!success.getBooleanValue()) {
            JsonNode errors = envelope.get("errors");
            JsonNode first = errors != null && errors.isArray() && errors.size() > 0 ? errors.get(0) : null;
            int code = first == null || first.get("code") == null
                    ? 0
                    : first.get("code").getIntValue();
            String message = first == null || first.get("message") == null
                    ? "no message"
                    : first.get("message").coerceStringValue();
            throw new Refusal(response.statusCode(), code, message);
        }
        return envelope.get("result");
    }
}
