package org.biotdm.gateway.users;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.Reader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;

/**
 * Enrols identities through the dev network's enrolment endpoint ({@code POST <enrollment-url>/enroll}, JSON {@code
 * {mspId, enrollmentId, csr, type, attributes}}, HTTP Basic as the organisation's registrar: user = MSP ID, password
 * = its secret). The registrar secrets come from {@code biotdm.users.registrar-secrets} or the properties file
 * {@code biotdm.users.registrar-secrets-file} (the dev network writes {@code <data-dir>/enrollment-secrets.properties}).
 */
@Singleton
public class HttpRegistrarEnroller implements FabricEnroller {
    private final UsersConfiguration configuration;
    private final ObjectMapper json;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * Creates the enroller.
     *
     * @param configuration the users settings (URL and registrar secrets)
     * @param json the JSON mapper
     */
    public HttpRegistrarEnroller(UsersConfiguration configuration, ObjectMapper json) {
        this.configuration = configuration;
        this.json = json;
    }

    @Override
    public String enroll(String mspId, String enrollmentId, String csrPem, Map<String, String> attributes)
            throws EnrollmentFailedException {
        String secret = registrarSecret(mspId)
                .orElseThrow(() -> new EnrollmentFailedException(
                        "no registrar secret for " + mspId + " (biotdm.users.registrar-secrets or -file)",
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
     * Lists the MSP IDs that have a registrar secret (configured or in the secrets file).
     *
     * @return the MSP IDs, sorted
     */
    @Override
    public java.util.SortedSet<String> organisations() {
        TreeSet<String> msps = new TreeSet<>(configuration.registrarSecrets().keySet());
        msps.addAll(fileSecrets().stringPropertyNames());
        return msps;
    }

    private Optional<String> registrarSecret(String mspId) {
        String configured = configuration.registrarSecrets().get(mspId);
        if (configured != null) {
            return Optional.of(configured);
        }
        return Optional.ofNullable(fileSecrets().getProperty(mspId)).filter(s -> !s.isBlank());
    }

    private Properties fileSecrets() {
        Properties properties = new Properties();
        Path file = configuration.registrarSecretsFile();
        if (file != null && Files.isReadable(file)) {
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                properties.load(reader);
            } catch (IOException e) {
                return properties;
            }
        }
        return properties;
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
