package org.biotdm.cli.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Properties;
import org.biotdm.cli.OwnerOnlyFiles;
import org.biotdm.cli.stack.DataDir;
import org.biotdm.cli.stack.StackException;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * The auditor's own Fabric identity on a stack run by {@code scripts/biotdm up}: an EC P-256 key made here, certified
 * by the organisation's CA of the dev network with the attribute {@code biotdm.role=auditor}, kept as an MSP directory
 * in {@code <data-dir>/audit/<MSP>/msp} ({@code signcerts/cert.pem}, {@code keystore/key.pem} owner-only from its
 * first byte). The gateway never sees the key. The enrolment goes to the dev network's {@code POST
 * <enrollmentUrl>/enroll} ({@code {mspId, enrollmentId, csr, type, attributes}}, HTTP Basic as the organisation's
 * registrar with the secret in the organisation's own owner-only file that {@code connection.json} names as {@code
 * registrarSecretFile}); on a real network an
 * auditor enrols with their Fabric CA and passes {@code --msp-dir}.
 */
final class AuditorEnrolment {
    /** The certificate's common name. */
    static final String ENROLLMENT_ID = "auditor.cli";

    private AuditorEnrolment() {}

    /**
     * Returns the auditor's MSP directory, enrolling the identity when the directory holds none yet.
     *
     * @param dataDir the stack's data directory
     * @param connection the dev network's {@code connection.json}
     * @param mspId the auditor's organisation
     * @return the MSP directory
     * @throws StackException when the enrolment fails or its files cannot be written
     */
    static Path ensure(DataDir dataDir, JsonNode connection, String mspId) {
        Path msp = dataDir.root().resolve("audit").resolve(mspId).resolve("msp");
        if (Files.isRegularFile(msp.resolve("signcerts").resolve("cert.pem"))) {
            return msp;
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair keys = generator.generateKeyPair();
            String certificate =
                    enrol(connection.path("enrollmentUrl").asText(), mspId, secret(connection, mspId), csr(keys));
            writeOwnerOnly(
                    msp.resolve("keystore").resolve("key.pem"),
                    pem(new JcaPKCS8Generator(keys.getPrivate(), null).generate()));
            writeOwnerOnly(msp.resolve("signcerts").resolve("cert.pem"), certificate);
            return msp;
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new StackException("Cannot make the auditor's key: " + e.getMessage());
        } catch (IOException e) {
            throw new StackException("Cannot enrol the auditor's identity: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("Interrupted while enrolling the auditor's identity");
        }
    }

    private static String secret(JsonNode connection, String mspId) throws IOException {
        String named = "";
        for (JsonNode organisation : connection.path("organizations")) {
            if (mspId.equals(organisation.path("mspId").asText())) {
                named = organisation.path("registrarSecretFile").asText("");
            }
        }
        if (named.isEmpty()) {
            throw new StackException("connection.json names no registrarSecretFile for " + mspId + ": give --msp-dir");
        }
        Path file = Path.of(named);
        Properties secrets = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            secrets.load(reader);
        }
        String secret = secrets.getProperty(mspId, "");
        if (secret.isEmpty()) {
            throw new StackException("No registrar secret for " + mspId + " in " + file + ": give --msp-dir");
        }
        return secret;
    }

    private static String csr(KeyPair keys) throws OperatorCreationException, IOException {
        PKCS10CertificationRequest request = new JcaPKCS10CertificationRequestBuilder(
                        new X500Name("CN=" + ENROLLMENT_ID), keys.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate()));
        return pem(request);
    }

    private static String pem(Object object) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        }
        return text.toString();
    }

    private static String enrol(String url, String mspId, String secret, String csr)
            throws IOException, InterruptedException {
        ObjectMapper json = new ObjectMapper();
        byte[] body = json.writeValueAsBytes(Map.of(
                "mspId", mspId,
                "enrollmentId", ENROLLMENT_ID,
                "csr", csr,
                "type", "client",
                "attributes", Map.of("biotdm.role", "auditor")));
        String basic = Base64.getEncoder().encodeToString((mspId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(url).resolve("/enroll"))
                .timeout(Duration.ofSeconds(15))
                .header("Content-Type", "application/json")
                .header("Authorization", "Basic " + basic)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<byte[]> response =
                HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofByteArray());
        JsonNode answer = json.readTree(response.body());
        if (response.statusCode() != 200 || !answer.hasNonNull("certificate")) {
            throw new IOException("the CA at " + url + " refused (" + response.statusCode() + " "
                    + answer.path("code").asText() + "): "
                    + answer.path("message").asText());
        }
        return answer.get("certificate").asText();
    }

    private static void writeOwnerOnly(Path file, String text) throws IOException {
        OwnerOnlyFiles.writeString(file, text);
    }
}
