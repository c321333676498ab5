package org.biotdm.devnet.ca;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.biotdm.devnet.crypto.Certificates;
import org.biotdm.devnet.crypto.Ecdsa;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnrollmentHttpServerTest {
    private static final HttpClient CLIENT =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final String CSR = Certificates.toPem(Certificates.createCsr(Ecdsa.generateP256(), "CN=x"));

    @TempDir
    static Path dir;

    private static CryptoMaterial material;
    private static EnrollmentHttpServer server;
    private static Path secretsDir;

    @BeforeAll
    static void start() throws Exception {
        material = CryptoMaterial.generateOrLoad(dir.resolve("organizations"), 2);
        Files.writeString(dir.resolve(RegistrarSecrets.LEGACY_FILE), "Org1MSP=shared-by-every-org\n");
        secretsDir = dir.resolve("registrars");
        server = new EnrollmentHttpServer(new DevCaEnrollmentService(material), material, secretsDir, "127.0.0.1", 0);
        server.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Nested
    class Enroll {
        @Test
        void right_secret_gets_a_certificate_chaining_to_the_org_ca_with_the_attributes() throws Exception {
            HttpResponse<String> response =
                    post(basic("Org1MSP", secret("Org1MSP")), body("Org1MSP", CSR, Map.of("biotdm.role", "device")));

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
            JsonObject json = JsonParser.parseString(response.body()).getAsJsonObject();
            X509Certificate cert =
                    Certificates.parseCertificate(json.get("certificate").getAsString());
            cert.verify(material.org("Org1MSP").caCertificate().getPublicKey());
            assertThat(json.get("mspId").getAsString()).isEqualTo("Org1MSP");
            assertThat(Certificates.parseCertificate(json.get("caChain").getAsString()))
                    .isEqualTo(material.org("Org1MSP").caCertificate());
            assertThat(DevCaEnrollmentServiceTest.attributesJson(cert)).contains("\"biotdm.role\":\"device\"");
        }

        @Test
        void wrong_or_missing_secret_is_401_with_a_basic_challenge() throws Exception {
            HttpResponse<String> wrong = post(basic("Org1MSP", "not-the-secret"), body("Org1MSP", CSR, Map.of()));
            HttpResponse<String> missing = post(null, body("Org1MSP", CSR, Map.of()));
            HttpResponse<String> unknownRegistrar = post(basic("Org9MSP", "x"), body("Org1MSP", CSR, Map.of()));

            assertError(wrong, 401, "ENROLLMENT_UNAUTHENTICATED");
            assertError(missing, 401, "ENROLLMENT_UNAUTHENTICATED");
            assertError(unknownRegistrar, 401, "ENROLLMENT_UNAUTHENTICATED");
            assertThat(wrong.headers().firstValue("WWW-Authenticate"))
                    .hasValueSatisfying(v -> assertThat(v).startsWith("Basic realm="));
        }

        @Test
        void registrar_of_another_org_is_403() throws Exception {
            HttpResponse<String> response = post(basic("Org2MSP", secret("Org2MSP")), body("Org1MSP", CSR, Map.of()));

            assertError(response, 403, "ENROLLMENT_FORBIDDEN");
        }

        @Test
        void registrar_asking_for_a_peer_or_admin_identity_is_403() throws Exception {
            for (String type : new String[] {"peer", "admin"}) {
                String body =
                        body("Org1MSP", CSR, Map.of()).replace("\"type\":\"client\"", "\"type\":\"" + type + "\"");

                HttpResponse<String> response = post(basic("Org1MSP", secret("Org1MSP")), body);

                assertError(response, 403, "ENROLLMENT_TYPE_FORBIDDEN");
            }
        }

        @Test
        void bad_csr_is_400_with_its_code() throws Exception {
            HttpResponse<String> response =
                    post(basic("Org1MSP", secret("Org1MSP")), body("Org1MSP", "garbage", Map.of()));

            assertError(response, 400, "ENROLLMENT_INVALID_CSR");
        }

        @Test
        void malformed_json_is_400() throws Exception {
            HttpResponse<String> notJson = post(basic("Org1MSP", secret("Org1MSP")), "{not json");
            HttpResponse<String> wrongShape = post(basic("Org1MSP", secret("Org1MSP")), "{\"mspId\":[1]}");

            assertError(notJson, 400, "ENROLLMENT_MALFORMED_REQUEST");
            assertError(wrongShape, 400, "ENROLLMENT_MALFORMED_REQUEST");
        }

        @Test
        void oversized_body_is_413() throws Exception {
            String huge = "{\"pad\":\"" + "x".repeat(EnrollmentHttpServer.MAX_BODY_BYTES) + "\"}";

            assertError(post(basic("Org1MSP", secret("Org1MSP")), huge), 413, "ENROLLMENT_REQUEST_TOO_LARGE");
        }

        @Test
        void other_methods_and_paths_are_refused() throws Exception {
            HttpResponse<String> get = CLIENT.send(
                    HttpRequest.newBuilder(uri("/enroll")).GET().build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> elsewhere = CLIENT.send(
                    HttpRequest.newBuilder(uri("/enrollx"))
                            .POST(HttpRequest.BodyPublishers.ofString("{}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());

            assertError(get, 405, "ENROLLMENT_METHOD_NOT_ALLOWED");
            assertError(elsewhere, 404, "ENROLLMENT_NOT_FOUND");
        }
    }

    @Nested
    class Secrets {
        @Test
        void are_owner_only_and_stable_across_restarts() throws Exception {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secretsDir)))
                    .isEqualTo("rwx------");
            RegistrarSecrets reloaded =
                    RegistrarSecrets.loadOrCreate(secretsDir, java.util.List.of("Org1MSP", "Org2MSP"));

            assertThat(reloaded.secret("Org1MSP")).isEqualTo(server.secrets().secret("Org1MSP"));
            assertThat(secret("Org1MSP")).hasSize(43).isNotEqualTo(secret("Org2MSP"));
            assertThat(Base64.getUrlDecoder().decode(secret("Org1MSP"))).hasSize(32);
        }

        @Test
        void each_organisation_has_its_own_owner_only_file_holding_its_secret_alone() throws Exception {
            for (String mspId : java.util.List.of("Org1MSP", "Org2MSP")) {
                Path file = RegistrarSecrets.file(secretsDir, mspId);
                java.util.Properties stored = new java.util.Properties();
                stored.load(new java.io.StringReader(Files.readString(file)));

                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                        .isEqualTo("rw-------");
                assertThat(stored.stringPropertyNames()).containsExactly(mspId);
                assertThat(stored.getProperty(mspId)).isEqualTo(secret(mspId));
            }
            assertThat(secretsDir)
                    .isDirectoryNotContaining(
                            path -> !path.getFileName().toString().endsWith(".properties"));
            assertThat(dir.resolve(RegistrarSecrets.LEGACY_FILE)).doesNotExist();
        }

        @Test
        void match_only_the_registrars_own_secret() {
            RegistrarSecrets secrets = server.secrets();

            assertThat(secrets.matches("Org1MSP", secret("Org1MSP"))).isTrue();
            assertThat(secrets.matches("Org2MSP", secret("Org1MSP"))).isFalse();
            assertThat(secrets.matches("Org9MSP", secret("Org1MSP"))).isFalse();
            assertThat(secrets.secret("Org9MSP")).isEmpty();
        }
    }

    private static String secret(String mspId) {
        return server.secrets().secret(mspId).orElseThrow();
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static String body(String mspId, String csr, Map<String, String> attributes) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("mspId", mspId);
        body.put("enrollmentId", "device-42");
        body.put("csr", csr);
        body.put("type", "client");
        body.put("attributes", attributes);
        return new Gson().toJson(body);
    }

    private static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    private static HttpResponse<String> post(String authorization, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/enroll"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertError(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).isEqualTo(status);
        JsonObject json = JsonParser.parseString(response.body()).getAsJsonObject();
        assertThat(json.get("code").getAsString()).isEqualTo(code);
        assertThat(json.get("message").getAsString())
                .isNotBlank()
                .doesNotContain("Exception")
                .doesNotContain("\tat ");
        assertThat(json.has("timestamp")).isTrue();
    }
}
