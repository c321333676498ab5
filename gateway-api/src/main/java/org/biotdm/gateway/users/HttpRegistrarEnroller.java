package org.biotdm.gateway.users;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * Enrols identities through the dev network's enrolment endpoint ({@code POST <enrollment-url>/enroll}, JSON {@code
 * {mspId, enrollmentId, csr, type, attributes}}, HTTP Basic as the organisation's registrar: user = MSP ID, password
 * = its secret). It acts only as the registrars of the organisations this gateway serves, with the secrets
 * {@link RegistrarSecrets} loaded for them at startup.
 */
@Singleton
public class HttpRegistrarEnroller implements FabricEnroller {
    private final UsersConfiguration configuration;
    private final RegistrarSecrets secrets;
    private final ObjectMapper json;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * Creates the enroller.
     *
     * @param configuration the users settings (enrolment URL)
     * @param secrets the served organisations' registrar secrets
     * @param json the JSON mapper
     */
    public HttpRegistrarEnroller(UsersConfiguration configuration, RegistrarSecrets secrets, ObjectMapper json) {
        this.configuration = configuration;
        this.secrets = secrets;
        this.json = json;
    }

    @Override
    public String enroll(String mspId, String enrollmentId, String csrPem, Map<String, String> attributes)
            throws EnrollmentFailedException {
        String secret = secrets.secret(mspId)
                .orElseThrow(() -> new EnrollmentFailedException(
                        "no registrar secret for " + mspId
                                + " (this gateway serves " + secrets.organisations()
                                + "; biotdm.users.registrar-secret-files or registrar-secrets)",
                        false,
                        null));
        EnrollBody body = new EnrollBody(mspId, enrollmentId, csrPem, "client", new LinkedHashMap<>(attributes));
        String basic = Base64.getEncoder().encodeToString((mspId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        try {
            HttpRequest request = HttpRequest.newBuilder(
                            configuration.enrollmentUrl().resolve("/enroll"))
                    .timeout(Duration.ofSeconds(15))
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Basic " + basic)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)))
                    .build();
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            EnrollAnswer answer = json.readValue(response.body(), EnrollAnswer.class);
            if (response.statusCode() != 200 || answer.certificate() == null) {
                throw new EnrollmentFailedException(
                        "the CA refused the enrolment (" + response.statusCode() + " " + answer.code() + "): "
                                + answer.message(),
                        response.statusCode() >= 500,
                        null);
            }
            return answer.certificate();
        } catch (IOException | IllegalArgumentException e) {
            throw new EnrollmentFailedException(
                    "the CA at " + configuration.enrollmentUrl() + " cannot be reached: " + e.getMessage(), true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EnrollmentFailedException("interrupted", true, e);
        }
    }

    /**
     * Lists the served organisations that have a registrar secret.
     *
     * @return the MSP IDs, sorted
     */
    @Override
    public java.util.SortedSet<String> organisations() {
        TreeSet<String> msps = new TreeSet<>();
        secrets.organisations().stream()
                .filter(msp -> secrets.secret(msp).isPresent())
                .forEach(msps::add);
        return msps;
    }

    /**
     * The enrolment request body.
     *
     * @param mspId the organisation
     * @param enrollmentId the identity's name
     * @param csr the PEM PKCS#10 request
     * @param type the NodeOU
     * @param attributes the Fabric CA attributes
     */
    @Serdeable
    record EnrollBody(String mspId, String enrollmentId, String csr, String type, Map<String, String> attributes) {}

    /**
     * The enrolment answer: the certificate, or an error code and message.
     *
     * @param certificate the PEM certificate, or null on error
     * @param code the error code, or null
     * @param message the error message, or null
     */
    @Serdeable
    record EnrollAnswer(@Nullable String certificate, @Nullable String code, @Nullable String message) {}
}
